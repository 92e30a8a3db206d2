"""On every request in a region: a support identity acts only inside an active grant.

Expired or revoked (also in the middle of a session) → signed out and told why; outside
the grant's scope → refused; every change they make is written to the region's audit log
with their platform identity (audit.api.record reads request.platform_identity)."""

from __future__ import annotations

from django.contrib.auth import logout
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from audit import api as audit
from partnership import scopes
from partnership.access import SESSION_KEY, active_grant_of

ENTRY_PREFIX = "/dukungan/masuk/"


class SupportAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if getattr(request, "region", None) is None or not user or not user.is_authenticated:
            return self.get_response(request)
        if request.path.startswith(ENTRY_PREFIX):  # a new entry replaces the old session
            return self.get_response(request)
        if getattr(user, "support_identity", None) is None:
            return self.get_response(request)
        grant = active_grant_of(user, request.session.get(SESSION_KEY))
        if grant is None:
            audit.record(
                "partnership.support_ended",
                actor=user,
                request=request,
                details={"path": request.path},
            )
            logout(request)
            return _refusal(
                request,
                _("Akses dukungan berakhir"),
                _("Waktu akses dukungan Anda di daerah ini sudah habis atau dicabut."),
            )
        request.platform_identity = grant.mentor_email
        if not scopes.allows(
            scopes.get(grant.scope), request.path, request.method, grant.read_only
        ):
            audit.record(
                "partnership.support_out_of_scope",
                actor=user,
                obj=grant,
                request=request,
                details={"path": request.path, "method": request.method},
            )
            return _refusal(
                request,
                _("Di luar cakupan akses"),
                _("Akses dukungan Anda hanya untuk: %(scope)s%(mode)s.")
                % {
                    "scope": scopes.label_of(grant.scope),
                    "mode": _(" (hanya melihat)") if grant.read_only else "",
                },
            )
        response = self.get_response(request)
        if request.method not in scopes.SAFE_METHODS:
            audit.record(
                "partnership.support_action",
                actor=user,
                obj=grant,
                request=request,
                details={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                },
            )
        return response


def _refusal(request, title: str, message: str):
    response = TemplateResponse(
        request,
        "partnership/region/refused.html",
        {"title": title, "message": message},
        status=403,
    )
    return response.render()
