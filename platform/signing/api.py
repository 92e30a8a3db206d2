"""What other code calls to sign and verify documents (e-Office and any module).

    ensure_region_ca()                          when the module is switched on (idempotent)
    reserve(title) -> Reservation               before rendering: its verify_path goes in the QR
    sign_pdf(token, pdf_bytes, identity, *, reason) -> SignedPdf
    verify_pdf(pdf_bytes) -> Verification
    reauthenticate(user, *, password, otp | pin) -> bool   before signing, outside the
                                                signing transaction (a wrong try is audited)
    set_signing_pin(user, pin), revoke_signer(user)

Everything works in the current region's schema; SigningUnavailable in the public schema,
the region template or an unclaimed pool schema. sign_pdf raises SigningError when it
fails, so the caller's transaction rolls back.
"""

from __future__ import annotations

from signing import services
from signing.backends import get_backend
from signing.regions import current_region
from signing.types import (
    Reservation,
    SignedPdf,
    SignerIdentity,
    SigningError,
    SigningUnavailable,
    Verification,
)

__all__ = [
    "Reservation",
    "SignedPdf",
    "SignerIdentity",
    "SigningError",
    "SigningUnavailable",
    "Verification",
    "ensure_region_ca",
    "reauthenticate",
    "reserve",
    "revoke_signer",
    "set_signing_pin",
    "sign_pdf",
    "verify_pdf",
]


def ensure_region_ca() -> None:
    """Create the current region's certificate authority once; safe to run again."""
    current_region()
    get_backend().ensure_ready()


def reserve(title: str) -> Reservation:
    return services.reserve(title)


def sign_pdf(token: str, pdf_bytes: bytes, identity: SignerIdentity, *, reason: str) -> SignedPdf:
    return services.sign_pdf(token, pdf_bytes, identity, reason=reason)


def verify_pdf(pdf_bytes: bytes) -> Verification:
    """Valid only if intact, trusted to this region's CA and not revoked (a file on record
    at its recorded signing time: a later, ordinary revocation does not void it)."""
    return services.verify_pdf(pdf_bytes)


def reauthenticate(user, *, password: str = "", otp: str = "", pin: str = "", request=None) -> bool:
    return services.reauthenticate(user, password=password, otp=otp, pin=pin, request=request)


def set_signing_pin(user, pin: str) -> None:
    """Raises django's ValidationError unless the PIN is 6 digits."""
    services.set_signing_pin(user, pin)


def revoke_signer(user, *, compromised: bool = False, actor=None) -> None:
    """Revoke the person's certificates; the CRL is reissued at once. Their letters signed
    before stay valid; with `compromised` (a stolen key) every one of them fails."""
    services.revoke_signer(user, compromised=compromised, actor=actor)
