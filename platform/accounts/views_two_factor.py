"""Setting up and using the second sign-in step (TOTP)."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import TokenForm
from audit import api as audit

# After a wrong code django-otp makes the next try wait, doubling the wait each time.
WAIT_MESSAGE = gettext_lazy("Terlalu banyak kode salah. Tunggu beberapa detik, lalu coba lagi.")


def _next_url(request) -> str:
    candidate = request.GET.get("next") or request.POST.get("next") or "/admin/"
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return "/admin/"


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Show a fresh secret as a QR code; confirming one code turns the device on."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return redirect(f"/akun/2fa/verifikasi/?next={_next_url(request)}")
        device = TOTPDevice.objects.create(
            user=request.user, name=_("Aplikasi autentikator"), confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", WAIT_MESSAGE)
        elif device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record("accounts.two_factor_enabled", obj=request.user, request=request)
            messages.success(request, _("Verifikasi dua langkah aktif."))
            return redirect(_next_url(request))
        form.add_error("token", _("Kode tidak cocok. Periksa jam ponsel Anda dan coba lagi."))
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
        "secret": _base32(device),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        if not any(device.verify_is_allowed()[0] for device in devices):
            form.add_error("token", WAIT_MESSAGE)
        else:
            for device in devices:
                if device.verify_token(token):
                    otp_login(request, device)
                    return redirect(_next_url(request))
            form.add_error("token", _("Kode tidak cocok. Periksa jam ponsel Anda dan coba lagi."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _base32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")
