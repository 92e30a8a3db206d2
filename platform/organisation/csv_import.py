"""Reading the directory's CSV files, all or nothing.

Every row is checked, and every bad row is answered with its file, line, column and a
message a person can act on. When any row is bad, `import_files` raises ImportRejected and
the transaction around it (services.import_csv) keeps nothing. Rows are matched by code
(assignments by email, position, kind and start), so a row for something that exists
updates it and importing an export changes nothing. An import never deletes.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Model, TextChoices
from django.utils.translation import gettext as _

from organisation.csv_format import (
    AREAS,
    ASSIGNMENTS,
    FILES,
    POSITIONS,
    UNITS,
    CsvFile,
    parse_bool,
    unguard_cell,
)
from organisation.models import Area, Assignment, Position, Unit
from organisation.periods import parse_moment
from organisation.services import (
    validate_area,
    validate_assignment,
    validate_position,
    validate_unit,
)

Row = tuple[int, dict[str, str]]

# Model field -> CSV column, to name the column in a service's validation message.
AREA_COLUMNS = {"kind": "jenis", "code": "kode", "name": "nama", "parent": "kode_induk"}
UNIT_COLUMNS = {
    "name": "nama",
    "short_name": "singkatan",
    "code": "kode",
    "kind": "jenis",
    "parent": "kode_induk",
    "area": "kode_wilayah",
    "active": "aktif",
}
POSITION_COLUMNS = {
    "unit": "kode_unit",
    "title": "nama_jabatan",
    "code": "kode",
    "is_head": "kepala",
    "reports_to": "kode_atasan",
    "active": "aktif",
}
ASSIGNMENT_COLUMNS = {
    "user": "email",
    "position": "kode_jabatan",
    "kind": "jenis",
    "starts_at": "mulai",
    "ends_at": "selesai",
    "decree": "nomor_sk",
}


@dataclass(frozen=True)
class RowError:
    file: CsvFile
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("%(file)s, baris %(line)d, kolom “%(column)s”: %(message)s") % {
            "file": self.file.label,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(error) for error in errors[:5]))
        self.errors = errors


@dataclass
class ImportResult:
    # {"units": {"created": 3, "updated": 1}, ...}
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


class _Run:
    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.counts: dict[str, dict[str, int]] = {}
        # Codes of rows that were refused: a later reference to one is not a second error.
        self.refused: dict[str, set[str]] = defaultdict(set)
        # Things the import deactivated: checked once everything else is in.
        self.deactivated: list[tuple[CsvFile, int, Model, Callable, dict]] = []

    def error(self, spec: CsvFile, line: int, column: str, message: str) -> None:
        self.errors.append(RowError(spec, line, column, message))

    def counted(self, spec: CsvFile, created: bool) -> None:
        counts = self.counts.setdefault(spec.key, {"created": 0, "updated": 0})
        counts["created" if created else "updated"] += 1

    def validated(self, spec, line, obj, validate, columns, **kwargs) -> bool:
        try:
            validate(obj, **kwargs)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.error(spec, line, columns.get(name, name), message)
            return False
        return True

    def unknown_reference(self, spec, line, column, target: CsvFile, code: str) -> None:
        if code not in self.refused[target.key]:
            self.error(spec, line, column, _("Kode “%(code)s” tidak dikenal.") % {"code": code})


def import_files(files: dict[str, bytes | str | None]) -> ImportResult:
    """Import the given files (keys of csv_format.FILES) in dependency order. Call inside a
    transaction: on ImportRejected nothing must be kept."""
    run = _Run()
    for key, spec in FILES.items():
        content = files.get(key)
        if content is None:
            continue
        rows = _read(spec, content, run)
        if rows is not None:
            _IMPORTERS[key](rows, run)
    for spec, line, obj, validate, columns in run.deactivated:
        obj.refresh_from_db()
        if not obj.active:
            run.validated(spec, line, obj, validate, columns)
    if run.errors:
        raise ImportRejected(run.errors)
    return ImportResult(run.counts)


# --- reading -------------------------------------------------------------------------------------
def _read(spec: CsvFile, content: bytes | str, run: _Run) -> list[Row] | None:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            run.error(spec, 1, "-", _("Berkas harus berupa CSV dengan pengodean UTF-8."))
            return None
    text = content.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to Indonesian save with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        run.error(spec, 1, "-", _("Berkas kosong."))
        return None
    except csv.Error as exc:
        run.error(spec, 1, "-", _("Baris judul tidak bisa dibaca: %(error)s") % {"error": exc})
        return None
    missing = [column for column in spec.columns if column not in header]
    for column in missing:
        run.error(spec, 1, column, _("Kolom ini tidak ada di baris judul."))
    if missing:
        return None
    rows = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            values = {
                name: unguard_cell(record[index].strip()) if index < len(record) else ""
                for index, name in enumerate(header)
            }
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        run.error(
            spec, reader.line_num, "-", _("Baris tidak bisa dibaca: %(error)s") % {"error": exc}
        )
        return None
    return rows


def _code(spec: CsvFile, line: int, code: str, seen: dict[str, int], run: _Run) -> bool:
    """Is `code` present and not already used by an earlier row of the same file?"""
    if not code:
        run.error(spec, line, "kode", _("Kode wajib diisi."))
        return False
    if code in seen:
        run.error(
            spec,
            line,
            "kode",
            _("Kode “%(code)s” ganda: sudah dipakai di baris %(line)d.")
            % {"code": code, "line": seen[code]},
        )
        run.refused[spec.key].add(code)
        return False
    seen[code] = line
    return True


def _choice(spec, line, column, text: str, choices: type[TextChoices], run) -> str | None:
    value = text.strip().lower()
    if not value:
        run.error(spec, line, column, _("Wajib diisi."))
        return None
    for choice, label in choices.choices:
        if value in (choice, str(label).lower()):
            return choice
    run.error(
        spec,
        line,
        column,
        _("“%(value)s” tidak dikenal; pilih salah satu: %(choices)s.")
        % {"value": text, "choices": ", ".join(choices.values)},
    )
    return None


def _bool(spec, line, column, text: str, default: bool, run) -> bool | None:
    try:
        return parse_bool(text, default)
    except ValueError:
        run.error(
            spec,
            line,
            column,
            _("Isi dengan “ya” atau “tidak”, bukan “%(value)s”.") % {"value": text},
        )
        return None


# --- areas ---------------------------------------------------------------------------------------
def _import_areas(rows: list[Row], run: _Run) -> None:
    seen: dict[str, int] = {}
    parsed = []
    for line, row in rows:
        code = row["kode"]
        if not _code(AREAS, line, code, seen, run):
            continue
        kind = _choice(AREAS, line, "jenis", row["jenis"], Area.Kind, run)
        if kind is None:
            run.refused[AREAS.key].add(code)
            continue
        parsed.append((line, code, row["nama"], kind, row["kode_induk"]))
    # Kecamatan first, whatever the order of the file.
    for line, code, name, kind, parent_code in sorted(parsed, key=lambda item: bool(item[4])):
        parent = None
        if parent_code:
            parent = Area.objects.filter(code=parent_code).first()
            if parent is None:
                run.unknown_reference(AREAS, line, "kode_induk", AREAS, parent_code)
                run.refused[AREAS.key].add(code)
                continue
        area = Area.objects.filter(code=code).first() or Area(code=code)
        created = area.pk is None
        area.name, area.kind, area.parent = name, kind, parent
        if not run.validated(AREAS, line, area, validate_area, AREA_COLUMNS):
            run.refused[AREAS.key].add(code)
            continue
        area.save()
        run.counted(AREAS, created)


# --- units ---------------------------------------------------------------------------------------
@dataclass
class _UnitRow:
    line: int
    code: str
    parent_code: str
    fields: dict


def _import_units(rows: list[Row], run: _Run) -> None:
    seen: dict[str, int] = {}
    pending: dict[str, _UnitRow] = {}
    for line, row in rows:
        parsed = _parse_unit(line, row, seen, run)
        if parsed is not None:
            pending[parsed.code] = parsed
        elif row["kode"]:
            run.refused[UNITS.key].add(row["kode"])
    # Parents before children, whatever the order of the file.
    while pending:
        ready = [item for item in pending.values() if item.parent_code not in pending]
        if not ready:
            for item in pending.values():
                run.error(UNITS, item.line, "kode_induk", _("Unit induk membentuk lingkaran."))
            return
        for item in ready:
            del pending[item.code]
            _save_unit(item, run)


def _parse_unit(line: int, row: dict[str, str], seen, run: _Run) -> _UnitRow | None:
    code = row["kode"]
    if not _code(UNITS, line, code, seen, run):
        return None
    kind = _choice(UNITS, line, "jenis", row["jenis"], Unit.Kind, run)
    active = _bool(UNITS, line, "aktif", row["aktif"], True, run)
    area = None
    if row["kode_wilayah"]:
        area = Area.objects.filter(code=row["kode_wilayah"]).first()
        if area is None:
            run.unknown_reference(UNITS, line, "kode_wilayah", AREAS, row["kode_wilayah"])
    if row["kode_induk"] == code:
        run.error(UNITS, line, "kode_induk", _("Unit tidak boleh menjadi induknya sendiri."))
        return None
    if kind is None or active is None or (row["kode_wilayah"] and area is None):
        return None
    fields = {
        "name": row["nama"],
        "short_name": row["singkatan"],
        "kind": kind,
        "area": area,
        "active": active,
    }
    return _UnitRow(line, code, row["kode_induk"], fields)


def _save_unit(item: _UnitRow, run: _Run) -> None:
    parent = None
    if item.parent_code:
        parent = Unit.objects.filter(code=item.parent_code).first()
        if parent is None:
            run.unknown_reference(UNITS, item.line, "kode_induk", UNITS, item.parent_code)
            run.refused[UNITS.key].add(item.code)
            return
    unit = Unit.objects.filter(code=item.code).first() or Unit(code=item.code)
    created = unit.pk is None
    for name, value in {**item.fields, "parent": parent}.items():
        setattr(unit, name, value)
    if not run.validated(UNITS, item.line, unit, validate_unit, UNIT_COLUMNS, check_in_use=False):
        run.refused[UNITS.key].add(item.code)
        return
    unit.save()
    run.counted(UNITS, created)
    if not unit.active:
        run.deactivated.append((UNITS, item.line, unit, validate_unit, UNIT_COLUMNS))


# --- positions -----------------------------------------------------------------------------------
def _import_positions(rows: list[Row], run: _Run) -> None:
    seen: dict[str, int] = {}
    parsed = []
    for line, row in rows:
        code = row["kode"]
        if not _code(POSITIONS, line, code, seen, run):
            continue
        is_head = _bool(POSITIONS, line, "kepala", row["kepala"], False, run)
        active = _bool(POSITIONS, line, "aktif", row["aktif"], True, run)
        unit = Unit.objects.filter(code=row["kode_unit"]).first() if row["kode_unit"] else None
        if not row["kode_unit"]:
            run.error(POSITIONS, line, "kode_unit", _("Wajib diisi."))
        elif unit is None:
            run.unknown_reference(POSITIONS, line, "kode_unit", UNITS, row["kode_unit"])
        if is_head is None or active is None or unit is None:
            run.refused[POSITIONS.key].add(code)
            continue
        parsed.append((line, code, row, unit, is_head, active))
    # Positions that stop being heads go first, so a unit can change its head in one file.
    saved = []
    for line, code, row, unit, is_head, active in sorted(parsed, key=lambda item: item[4]):
        position = Position.objects.filter(code=code).first() or Position(code=code)
        created = position.pk is None
        position.unit, position.title = unit, row["nama_jabatan"]
        position.is_head, position.active = is_head, active
        if not run.validated(
            POSITIONS, line, position, validate_position, POSITION_COLUMNS, check_in_use=False
        ):
            run.refused[POSITIONS.key].add(code)
            continue
        position.save()
        run.counted(POSITIONS, created)
        saved.append((line, position, row["kode_atasan"]))
        if not active:
            run.deactivated.append((POSITIONS, line, position, validate_position, POSITION_COLUMNS))
    for line, position, superior_code in saved:
        _link_superior(line, position, superior_code, run)


def _link_superior(line: int, position: Position, superior_code: str, run: _Run) -> None:
    superior = None
    if superior_code:
        superior = Position.objects.filter(code=superior_code).first()
        if superior is None:
            run.unknown_reference(POSITIONS, line, "kode_atasan", POSITIONS, superior_code)
            return
    if position.reports_to_id == (superior.pk if superior else None):
        return
    position.reports_to = superior
    if run.validated(
        POSITIONS, line, position, validate_position, POSITION_COLUMNS, check_in_use=False
    ):
        position.save(update_fields=["reports_to"])


# --- assignments ---------------------------------------------------------------------------------
def _import_assignments(rows: list[Row], run: _Run) -> None:
    emails = {row["email"].lower() for _line, row in rows if row["email"]}
    users = {user.email.lower(): user for user in get_user_model().objects.filter(email__in=emails)}
    seen: dict[tuple, int] = {}
    for line, row in rows:
        parsed = _parse_assignment(line, row, users, run)
        if parsed is None:
            continue
        key = (parsed.user_id, parsed.position_id, parsed.kind, parsed.starts_at)
        if key in seen:
            run.error(
                ASSIGNMENTS,
                line,
                "mulai",
                _("Penugasan yang sama sudah ada di baris %(line)d.") % {"line": seen[key]},
            )
            continue
        seen[key] = line
        existing = Assignment.objects.filter(
            user=parsed.user,
            position=parsed.position,
            kind=parsed.kind,
            starts_at=parsed.starts_at,
        ).first()
        assignment = existing or parsed
        assignment.ends_at, assignment.decree = parsed.ends_at, parsed.decree
        if run.validated(ASSIGNMENTS, line, assignment, validate_assignment, ASSIGNMENT_COLUMNS):
            assignment.save()
            run.counted(ASSIGNMENTS, existing is None)


def _parse_assignment(line: int, row: dict[str, str], users, run: _Run) -> Assignment | None:
    spec = ASSIGNMENTS
    user = users.get(row["email"].lower())
    if not row["email"]:
        run.error(spec, line, "email", _("Wajib diisi."))
    elif user is None:
        run.error(
            spec,
            line,
            "email",
            _("Email “%(email)s” tidak dikenal di daerah ini.") % {"email": row["email"]},
        )
    position = Position.objects.filter(code=row["kode_jabatan"]).first()
    if not row["kode_jabatan"]:
        run.error(spec, line, "kode_jabatan", _("Wajib diisi."))
    elif position is None:
        run.unknown_reference(spec, line, "kode_jabatan", POSITIONS, row["kode_jabatan"])
    kind = _choice(spec, line, "jenis", row["jenis"], Assignment.Kind, run)
    starts_at = _moment(line, "mulai", row["mulai"], run, required=True)
    ends_at = _moment(line, "selesai", row["selesai"], run, is_end=True)
    if user is None or position is None or kind is None:
        return None
    if starts_at is False or ends_at is False:
        return None
    return Assignment(
        user=user,
        position=position,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at or None,
        decree=row["nomor_sk"],
    )


def _moment(line, column, text, run, *, required=False, is_end=False):
    """The instant, None when empty, False when it could not be read."""
    if not text:
        if required:
            run.error(ASSIGNMENTS, line, column, _("Wajib diisi."))
            return False
        return None
    try:
        return parse_moment(text, is_end=is_end)
    except ValueError as exc:
        run.error(ASSIGNMENTS, line, column, str(exc))
        return False


_IMPORTERS = {
    AREAS.key: _import_areas,
    UNITS.key: _import_units,
    POSITIONS.key: _import_positions,
    ASSIGNMENTS.key: _import_assignments,
}
