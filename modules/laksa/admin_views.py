"""Staff pages in the region's Wagtail admin (/admin/laksa/)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from modules.laksa import selectors
from modules.laksa.models import Report

TRIAGE = "laksa.triage_report"
ANSWER = "laksa.answer_report"
MANAGE = "laksa.manage_categories"


def _require(request, *permissions: str) -> None:
    if not any(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def _page(request, template: str, title: str, **context) -> TemplateResponse:
    context.update(page_title=title, header_title=title, header_icon="mail")
    return TemplateResponse(request, f"laksa/admin/{template}", context)


def triage(request):
    _require(request, TRIAGE)
    return _page(request, "list.html", _("LAKSA: verifikasi"), reports=selectors.triage_queue())


def queue(request):
    _require(request, ANSWER)
    reports = selectors.officer_queue(request.user)
    return _page(request, "list.html", _("LAKSA: tindak lanjut"), reports=reports)


def categories(request):
    _require(request, MANAGE)
    return _page(
        request,
        "categories.html",
        _("LAKSA: kategori"),
        categories=selectors.categories(active_only=False),
    )


def report(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    if not selectors.may_see(request.user, report):
        raise PermissionDenied
    return _page(request, "report.html", report.title, report=report)
