"""The one door from e-Office to electronic signatures (platform/signing: the region's own CA,
or a national one such as BSrE behind the same signer interface). The service raises
`SigningUnavailable` outside a live region and `SigningError` when a signature cannot be
made; both are re-exported here so callers catch them without importing signing."""

from __future__ import annotations

from signing import api
from signing.api import SigningError, SigningUnavailable

__all__ = [
    "SigningError",
    "SigningUnavailable",
    "ensure_region_ca",
    "identity",
    "reauthenticate",
    "reserve",
    "sign_pdf",
    "verify_pdf",
]


def ensure_region_ca() -> None:
    """Idempotent."""
    api.ensure_region_ca()


def identity(*, user_id: int, name: str, position: str, email: str, capacity: str = ""):
    return api.SignerIdentity(
        user_id=user_id, name=name, position=position, email=email, capacity=capacity
    )


def reserve(title: str):
    """A signing slot: `.token` and `.verify_path` (for the QR code on the letter)."""
    return api.reserve(title)


def sign_pdf(token: str, pdf_bytes: bytes, signer, *, reason: str):
    """`.content`, `.sha256`, `.signed_at`; raises SigningError."""
    return api.sign_pdf(token, pdf_bytes, signer, reason=reason)


def verify_pdf(pdf_bytes: bytes):
    """`.valid`, `.signer_name`, `.position`, `.signed_at`, `.problems`."""
    return api.verify_pdf(pdf_bytes)


def reauthenticate(user, *, password: str = "", otp: str = "", pin: str = "", request=None) -> bool:
    return api.reauthenticate(user, password=password, otp=otp, pin=pin, request=request)
