"""What other code may ask of e-Office (in the current region's schema)."""

from __future__ import annotations

from modules.eoffice.models import Letter


def signed_letter_count() -> int:
    """Letters and memos signed electronically here, ever (the partnership programme's
    "first letter signed" step)."""
    return Letter.objects.filter(status=Letter.Status.SIGNED, signed_at__isnull=False).count()
