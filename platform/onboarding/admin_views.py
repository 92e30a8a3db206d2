"""The platform admin's applications queue: Tangerang coordinators approve or reject."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onboarding import progress, selectors, services
from onboarding.forms import RejectForm
from onboarding.models import Application

REVIEW_PERMISSION = "onboarding.review_applications"


def on_platform_with(request, permission: str) -> None:
    """These pages belong to the platform's admin only: a region's host has none of them."""
    if getattr(request, "region", None) is not None:
        raise Http404
    if not request.user.has_perm(permission):
        raise PermissionDenied


def queue(request):
    on_platform_with(request, REVIEW_PERMISSION)
    context = {
        "waiting": selectors.waiting_for_review(),
        "failed": selectors.failed_provisioning(),
        "recent": selectors.recently_decided(),
        "page_title": _("Pendaftaran daerah"),
        "header_icon": "form",
    }
    return TemplateResponse(request, "onboarding/admin/queue.html", context)


def detail(request, pk: int, reject_form: RejectForm | None = None, status: int = 200):
    on_platform_with(request, REVIEW_PERMISSION)
    application = get_object_or_404(Application, pk=pk)
    context = {
        "application": application,
        "official_email": application.email.endswith(".go.id"),
        "module_names": selectors.module_names(application.modules),
        **({"progress": progress.status_of(application)} if application.region_id else {}),
        "reject_form": reject_form or RejectForm(),
        "page_title": application.region_name,
        "header_icon": "form",
    }
    return TemplateResponse(request, "onboarding/admin/detail.html", context, status=status)


@require_POST
def approve(request, pk: int):
    on_platform_with(request, REVIEW_PERMISSION)
    application = get_object_or_404(Application, pk=pk)
    try:
        services.approve_application(application, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("onboarding_admin:detail", pk)
    messages.success(
        request,
        _("%(region)s disetujui; pemohon sudah diberi tahu.") % {"region": application.region_name},
    )
    return redirect("onboarding_admin:detail", pk)


@require_POST
def reject(request, pk: int):
    on_platform_with(request, REVIEW_PERMISSION)
    application = get_object_or_404(Application, pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.reject_application(
                application, form.cleaned_data["reason"], actor=request.user, request=request
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("%(region)s ditolak; pemohon sudah diberi tahu alasannya.")
                % {"region": application.region_name},
            )
            return redirect("onboarding_admin:queue")
    return detail(request, pk, reject_form=form, status=400)


@require_POST
def retry(request, pk: int):
    on_platform_with(request, REVIEW_PERMISSION)
    application = get_object_or_404(Application, pk=pk)
    try:
        services.retry_provisioning(application, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("Penyiapan %(region)s diulang.") % {"region": application.region_name}
        )
    return redirect("onboarding_admin:detail", pk)
