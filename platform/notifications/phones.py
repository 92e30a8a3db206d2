"""Phone numbers are kept in E.164 (+62...), whatever way a person typed them."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_phone(raw: str) -> str:
    """'0812 3456 7890' → '+6281234567890'; '' stays ''. Raises ValidationError."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Nomor ponsel tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890.")
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
