"""The CSV files of the directory: their names, columns and how values are written.

Dates are in the region's time zone: a bare date (2026-03-10) is a whole day, a date with a
time (2026-03-10 08:30) an exact moment; an end date is the last day of the period.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES = "ya"
NO = "tidak"
_TRUE = {"ya", "y", "1", "true", "benar", "aktif"}
_FALSE = {"tidak", "t", "n", "0", "false", "salah", "nonaktif"}
# A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvFile:
    key: str
    label: str
    filename: str
    columns: tuple[str, ...]


AREAS = CsvFile("areas", _("Wilayah"), "wilayah.csv", ("kode", "nama", "jenis", "kode_induk"))
UNITS = CsvFile(
    "units",
    _("Unit kerja"),
    "unit-kerja.csv",
    ("kode", "nama", "singkatan", "jenis", "kode_induk", "kode_wilayah", "aktif"),
)
POSITIONS = CsvFile(
    "positions",
    _("Jabatan"),
    "jabatan.csv",
    ("kode", "kode_unit", "nama_jabatan", "kepala", "kode_atasan", "aktif"),
)
ASSIGNMENTS = CsvFile(
    "assignments",
    _("Penugasan"),
    "penugasan.csv",
    ("email", "kode_jabatan", "jenis", "mulai", "selesai", "nomor_sk"),
)
# In the order an import must read them: each may refer to the ones before it.
FILES = {spec.key: spec for spec in (AREAS, UNITS, POSITIONS, ASSIGNMENTS)}


def yes_no(value: bool) -> str:
    return YES if value else NO


def parse_bool(text: str, default: bool) -> bool:
    """Raises ValueError for anything but a yes or a no (or empty: the default)."""
    value = text.strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(value)


def guard_cell(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def unguard_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value
