from __future__ import annotations

from signing.models import VerificationRecord


def signed_record(token: str) -> VerificationRecord | None:
    """A verification record whose document has been signed; reservations alone are not."""
    return VerificationRecord.objects.filter(token=token, signed_at__isnull=False).first()
