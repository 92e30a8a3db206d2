"""Money as Indonesians read it: whole Rupiah, dot for thousands: `Rp 1.250.000`."""

from __future__ import annotations


def rupiah(value: int | None) -> str:
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(int(value)):,}".replace(",", ".")
