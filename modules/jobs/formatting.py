"""How money reads: `Rp 4.500.000` (dot for thousands, no minor unit)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The highest monthly salary we accept: a typo guard, not a policy.
MAXIMUM_SALARY = 500_000_000
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def rupiah(value: int | None) -> str:
    if value is None:
        return "–"
    return f"Rp {int(value):,}".replace(",", ".")


def salary_text(vacancy) -> str:
    """`Rp 4.500.000–Rp 5.000.000`, `mulai Rp 4.500.000`, or `Dapat dinegosiasikan`."""
    low, high = vacancy.salary_min, vacancy.salary_max
    if low and high:
        return rupiah(low) if low == high else f"{rupiah(low)}–{rupiah(high)}"
    if low:
        return _("mulai %(amount)s") % {"amount": rupiah(low)}
    if high:
        return _("hingga %(amount)s") % {"amount": rupiah(high)}
    return _("Dapat dinegosiasikan")


def parse_rupiah(text: str) -> int | None:
    """An amount typed by a person: `4500000`, `4.500.000` or `Rp 4.500.000`; None if empty.

    Raises ValidationError with a message the person can act on."""
    raw = (text or "").strip()
    if not raw:
        return None
    cleaned = re.sub(r"^rp\.?\s*", "", raw, flags=re.IGNORECASE).replace(" ", "")
    if cleaned.startswith("-"):
        raise ValidationError(_("Jumlah tidak boleh negatif."), code="negative")
    if "," in cleaned:
        raise ValidationError(
            _("Tulis jumlah dalam Rupiah utuh tanpa sen, mis. 4500000 atau 4.500.000."),
            code="decimal",
        )
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    if not cleaned.isdigit():
        raise ValidationError(
            _("“%(text)s” bukan jumlah Rupiah. Tulis angka, mis. 4500000 atau 4.500.000.")
            % {"text": raw[:30]},
            code="invalid",
        )
    value = int(cleaned)
    if value <= 0:
        raise ValidationError(_("Jumlah harus lebih dari Rp 0."), code="zero")
    if value > MAXIMUM_SALARY:
        raise ValidationError(
            _("Paling tinggi %(max)s per bulan; periksa jumlah angkanya.")
            % {"max": rupiah(MAXIMUM_SALARY)},
            code="too_high",
        )
    return value
