"""The partnership console on the platform's admin (Tangerang's mentors and coordinators)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onboarding.admin_views import on_platform_with
from partnership import access, links, scopes
from partnership.models import SupportGrantMirror


def support_grants(request):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    now = timezone.now()
    mine = SupportGrantMirror.objects.filter(mentor=request.user).select_related("region")
    active = list(mine.filter(revoked_at__isnull=True, expires_at__gt=now))
    for grant in active:
        grant.scope_label = scopes.label_of(grant.scope)
    context = {
        "active": active,
        "page_title": _("Akses dukungan saya"),
        "header_icon": "key",
    }
    return TemplateResponse(request, "partnership/admin/support_grants.html", context)


@require_POST
def enter(request, pk: int):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    mirror = get_object_or_404(
        SupportGrantMirror.objects.select_related("region"), pk=pk, mentor=request.user
    )
    try:
        token = access.entry_token(mirror, request.user)
    except access.SupportRefused as exc:
        messages.error(request, str(exc))
        return redirect("partnership_console:support")
    return redirect(links.entry_url(mirror.region, token, request))
