"""Letter numbers: one gap-free sequence per year in each region (its schema), in the
region's pattern. `take_next` must run inside the signing transaction: the counter row
stays locked until that commits, so concurrent signings queue, and a rollback returns the
number."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from modules.eoffice.models import NumberCounter
from organisation import api as organisation

PLACEHOLDERS = ("classification", "seq", "unit", "year")


def take_next(year: int) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next must run inside the signing transaction")
    NumberCounter.objects.bulk_create([NumberCounter(year=year)], ignore_conflicts=True)
    counter = NumberCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def format_number(letter, sequence: int, year: int) -> str:
    from modules.services import module_settings

    pattern = module_settings("eoffice")["number_pattern"]
    office = organisation.office_of(letter.origin_position.unit)
    values = {
        "classification": letter.classification.code,
        "seq": sequence,
        "unit": office.short_name or office.code,
        "year": year,
    }
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            _("Pola nomor surat tidak valid; bagian yang tersedia: %(p)s.")
            % {"p": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)}
        ) from exc
