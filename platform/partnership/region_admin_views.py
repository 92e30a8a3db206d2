"""The region admin's pages about Tangerang's help: grant and revoke support access, see
what support identities did (the support sessions)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEntry
from partnership import access, scopes
from partnership.forms import GrantForm
from partnership.region.models import SupportGrant

PERMISSION = "accounts.manage_staff"


def in_region_with(request, permission: str = PERMISSION) -> None:
    if getattr(request, "region", None) is None:
        raise Http404
    if not request.user.has_perm(permission):
        raise PermissionDenied


def support_access(request, form: GrantForm | None = None, status: int = 200):
    in_region_with(request)
    grants = list(SupportGrant.objects.all()[:50])
    for grant in grants:
        grant.scope_label = scopes.label_of(grant.scope)
    context = {
        "form": form or GrantForm(),
        "active": [g for g in grants if g.is_active()],
        "past": [g for g in grants if not g.is_active()],
        "actions": AuditEntry.objects.exclude(platform_identity="")[:100],
        "page_title": _("Akses dukungan Tangerang"),
        "header_icon": "key",
    }
    return TemplateResponse(
        request, "partnership/region/support_access.html", context, status=status
    )


@require_POST
def grant(request):
    in_region_with(request)
    form = GrantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = access.grant_access(
                mentor_id=data["mentor"],
                hours=data["hours"],
                scope=data["scope"],
                read_only=data["read_only"],
                reason=data["reason"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(mentor)s boleh masuk sampai %(until)s.")
                % {"mentor": created.mentor_name, "until": _local(created.expires_at)},
            )
            return redirect("partnership_region:support_access")
    return support_access(request, form=form, status=400)


@require_POST
def revoke(request, pk: int):
    in_region_with(request)
    found = get_object_or_404(SupportGrant, pk=pk)
    access.revoke_access(found, actor=request.user, request=request)
    messages.success(request, _("Akses %(mentor)s dicabut.") % {"mentor": found.mentor_name})
    return redirect("partnership_region:support_access")


def _local(when) -> str:
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(when), "j E Y H:i")
