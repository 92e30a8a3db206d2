"""Money as Indonesians read it: whole Rupiah, dot for thousands: `Rp 1.250.000`."""

from __future__ import annotations


def rupiah(value: int | None) -> str:
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(int(value)):,}".replace(",", ".")


def parse_rupiah(text: str) -> int:
    """An amount typed by a person: `1250000`, `1.250.000` or `Rp 1.250.000`.

    Raises ValueError for anything else (no sen: Rupiah has no minor unit in practice)."""
    cleaned = (text or "").strip().lower().removeprefix("rp").strip(" .").replace(" ", "")
    digits = cleaned.replace(".", "")
    if not digits.isdigit() or ("." in cleaned and not _grouped(cleaned)):
        raise ValueError(text)
    return int(digits)


def _grouped(text: str) -> bool:
    head, *groups = text.split(".")
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups)
