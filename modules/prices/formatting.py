"""How prices read: `Rp 14.500` (dot for thousands, no minor unit) and `3,6%`."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The highest price we accept for a kilogram or a litre of a staple: a typo guard.
MAXIMUM_PRICE = 5_000_000
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def rupiah(value: int | None) -> str:
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(int(value)):,}".replace(",", ".")


def percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def parse_rupiah(text: str) -> int:
    """A price typed by an officer: `14500`, `14.500` or `Rp 14.500` all mean 14500.

    Raises ValidationError with a message the officer can act on."""
    raw = (text or "").strip()
    cleaned = re.sub(r"^rp\.?\s*", "", raw, flags=re.IGNORECASE).replace(" ", "")
    if cleaned.startswith("-"):
        raise ValidationError(_("Harga tidak boleh negatif."), code="negative")
    if "," in cleaned:
        raise ValidationError(
            _("Tulis harga dalam Rupiah utuh tanpa sen, mis. 14500 atau 14.500."), code="decimal"
        )
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    if not cleaned.isdigit():
        raise ValidationError(
            _("“%(text)s” bukan harga. Tulis angka Rupiah, mis. 14500 atau 14.500.")
            % {"text": raw[:30]},
            code="invalid",
        )
    value = int(cleaned)
    if value <= 0:
        raise ValidationError(_("Harga harus lebih dari Rp 0."), code="zero")
    if value > MAXIMUM_PRICE:
        raise ValidationError(
            _("Harga paling tinggi %(max)s; periksa jumlah angkanya.")
            % {"max": rupiah(MAXIMUM_PRICE)},
            code="too_high",
        )
    return value
