"""The public verification page (every region host) and the signing PIN in "Akun saya"."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.providers import AccountItem, AccountSection
from signing import authority, selectors, services
from signing.forms import CheckFileForm, SigningPinForm
from signing.models import CertificateAuthority
from signing.regions import current_region
from signing.types import SigningUnavailable


def _in_region() -> None:
    try:
        current_region()
    except SigningUnavailable as exc:
        raise Http404 from exc


@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    _in_region()
    record = selectors.signed_record(token)
    if record is None:
        raise Http404(_("Kode verifikasi tidak dikenal."))
    posted = request.method == "POST"
    form = CheckFileForm(request.POST, request.FILES) if posted else CheckFileForm()
    outcome = None
    if posted and form.is_valid():
        content = form.cleaned_data["document"].read()
        verification = services.verify_pdf(content)
        problems = list(verification.problems)
        if hashlib.sha256(content).hexdigest() != record.sha256:
            problems.insert(0, _("Berkas ini bukan dokumen yang tercatat dengan kode ini."))
        outcome = {"valid": not problems, "problems": problems, "sha256": verification.sha256}
    return render(
        request, "signing/verify.html", {"record": record, "form": form, "outcome": outcome}
    )


def ca_certificate(request):
    ca = _authority()
    response = HttpResponse(ca.certificate_pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="ca.crt"'
    return response


def revocation_list(request):
    _authority()
    _cert, crl = authority.trust_material()  # reissued first when it is about to end
    return HttpResponse(crl, content_type="application/pkix-crl")


def _authority() -> CertificateAuthority:
    _in_region()
    ca = CertificateAuthority.objects.first()
    if ca is None:
        raise Http404
    return ca


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def set_pin(request):
    _in_region()
    if not request.user.is_staff:
        raise Http404
    form = SigningPinForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_signing_pin(request.user, form.cleaned_data["pin1"], request=request)
        messages.success(request, _("PIN tanda tangan tersimpan."))
        return redirect("accounts:home")
    return render(request, "signing/set_pin.html", {"form": form})


def account_section(user) -> AccountSection | None:
    """Staff (who may sign letters) set their signing PIN from "Akun saya"."""
    if not user.is_staff:
        return None
    has_pin = services.has_signing_pin(user)
    return AccountSection(
        title=_("Tanda tangan elektronik"),
        items=[
            AccountItem(
                text=_("Ubah PIN tanda tangan") if has_pin else _("Buat PIN tanda tangan"),
                url=reverse("signing:set_pin"),
                status=_("PIN sudah dibuat") if has_pin else _("Belum ada PIN"),
            )
        ],
    )
