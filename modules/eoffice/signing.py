"""The one door to electronic signatures (platform/signing, the region's CA or a national
one behind the same interface). Imported lazily, so e-Office loads without it: what cannot
sign says so with `SigningUnavailable` instead of failing at import time."""

from __future__ import annotations

from django.utils.translation import gettext as _


class SigningUnavailable(Exception):
    """The signing service is not installed on this platform."""


def _api():
    try:
        from signing import api
    except ImportError as exc:
        raise SigningUnavailable(_("Layanan tanda tangan elektronik belum tersedia.")) from exc
    return api


def available() -> bool:
    try:
        _api()
    except SigningUnavailable:
        return False
    return True


def ensure_region_ca() -> None:
    """Idempotent; nothing to do where signing is not installed."""
    if available():
        _api().ensure_region_ca()


def identity(*, user_id: int, name: str, position: str, email: str, capacity: str = ""):
    return _api().SignerIdentity(
        user_id=user_id, name=name, position=position, email=email, capacity=capacity
    )


def reserve(title: str):
    """A signing slot: `.token` and `.verify_path` (for the QR code on the letter)."""
    return _api().reserve(title)


def sign_pdf(token: str, pdf_bytes: bytes, signer, *, reason: str):
    """`.content`, `.sha256`, `.signed_at`."""
    return _api().sign_pdf(token, pdf_bytes, signer, reason=reason)


def verify_pdf(pdf_bytes: bytes):
    """`.valid`, `.signer_name`, `.position`, `.signed_at`, `.problems`."""
    return _api().verify_pdf(pdf_bytes)


def reauthenticate(user, *, password: str = "", otp: str = "", pin: str = "") -> bool:
    return _api().reauthenticate(user, password=password, otp=otp, pin=pin)
