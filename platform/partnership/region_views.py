"""A mentor's entry into a region's admin from a console link."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from partnership.access import SESSION_KEY, SupportRefused
from partnership.access import enter as enter_with


@never_cache
def enter(request, token: str):
    if getattr(request, "region", None) is None:
        return redirect("/")
    try:
        user, grant = enter_with(token, request)
    except SupportRefused as exc:
        if request.user.is_authenticated and getattr(request.user, "support_identity", None):
            logout(request)
        return TemplateResponse(
            request,
            "partnership/region/refused.html",
            {"title": _("Tidak dapat masuk"), "message": str(exc)},
            status=403,
        )
    logout(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_KEY] = str(grant.public_id)
    return redirect("/admin/")
