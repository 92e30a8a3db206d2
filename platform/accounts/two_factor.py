"""Two-step sign-in (TOTP, django-otp) for admins and anyone whose role requires it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

# Paths a signed-in person needing a second step may still visit.
_OPEN_PREFIXES = ("/akun/2fa/", "/admin/logout/", "/akun/keluar/", "/static/")


def requires_two_factor(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("accounts.requires_two_factor")
    )


class TwoFactorMiddleware:
    """Staff who must use a second factor reach the admin only once they have used it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and not request.path.startswith(_OPEN_PREFIXES):
            user = request.user
            if requires_two_factor(user) and not user.is_verified():
                name = (
                    "accounts:two_factor_verify"
                    if user_has_device(user)
                    else "accounts:two_factor_setup"
                )
                return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
