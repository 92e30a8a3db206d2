"""Indonesia's national holidays and cuti bersama, from the `holidays` library.

The library's `public` category holds the hari libur nasional; its `government` category
holds the cuti bersama decreed yearly by the SKB 3 Menteri (checked for 2026 against SKB
No. 1497/2025, 2/2025, 5/2025: 17 national holidays, 8 cuti bersama days). Years whose SKB
the library does not know yet have no cuti bersama here; a region admin adds them as
region holidays.

Pure data, the same for every region, so it is kept in this process per year and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Kind:
    NATIONAL = "nasional"
    COLLECTIVE_LEAVE = "cuti_bersama"
    REGION = "daerah"

    LABELS = {
        NATIONAL: _("Libur nasional"),
        COLLECTIVE_LEAVE: _("Cuti bersama"),
        REGION: _("Libur daerah"),
    }


@dataclass(frozen=True)
class Holiday:
    date: date
    name: str
    kind: str

    @property
    def kind_label(self) -> str:
        return str(Kind.LABELS[self.kind])


_CATEGORIES = (("public", Kind.NATIONAL), ("government", Kind.COLLECTIVE_LEAVE))


def national_holidays(year: int) -> MappingProxyType[date, Holiday]:
    """National holidays and cuti bersama of `year`, named in the active language."""
    return _national_holidays(year, _library_language(get_language()))


@lru_cache(maxsize=64)
def _national_holidays(year: int, language: str) -> MappingProxyType[date, Holiday]:
    found: dict[date, Holiday] = {}
    for category, kind in _CATEGORIES:
        days = holidays.Indonesia(years=year, categories=(category,), language=language)
        for day, name in days.items():
            if day in found:  # both a holiday and cuti bersama: keep the holiday
                continue
            found[day] = Holiday(day, name, kind)
    return MappingProxyType(dict(sorted(found.items())))


def _library_language(django_language: str | None) -> str:
    return "en_US" if (django_language or "").lower().startswith("en") else "id"
