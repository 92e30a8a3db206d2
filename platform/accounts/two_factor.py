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
            if user.is_authenticated and not user.is_verified():
                # Whoever turned the second step on uses it, required by their role or not.
                has_device = user_has_device(user)
                if has_device or requires_two_factor(user):
                    name = (
                        "accounts:two_factor_verify" if has_device else "accounts:two_factor_setup"
                    )
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse(name)}?{query}")
        return self.get_response(request)
