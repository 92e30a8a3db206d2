"""The values signing.api takes and returns, and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class SigningError(Exception):
    """Signing failed; nothing was recorded. The message is for people (Indonesian)."""


class SigningUnavailable(SigningError):
    """No signing here: the public schema, the region template or an unclaimed pool schema."""


@dataclass(frozen=True)
class SignerIdentity:
    user_id: int
    name: str
    position: str
    email: str
    capacity: str = ""  # "a.n. Bupati ...", "Plt. Kepala Dinas ...": shown on the verification page


@dataclass(frozen=True)
class Reservation:
    token: str
    verify_path: str  # "/verifikasi/<token>/" on the region's own host


@dataclass(frozen=True)
class SignedPdf:
    content: bytes
    sha256: str
    signed_at: datetime


@dataclass(frozen=True)
class Verification:
    valid: bool
    signer_name: str
    position: str
    signed_at: datetime | None
    sha256: str
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BackendSignature:
    """What a signer backend hands back: the signed file and which certificate signed it."""

    content: bytes
    certificate_serial: str
