"""The directory as CSV files that `csv_import` reads back unchanged."""

from __future__ import annotations

import csv
import io

from organisation.csv_format import AREAS, ASSIGNMENTS, POSITIONS, UNITS, guard_cell, yes_no
from organisation.models import Area, Assignment, Position, Unit
from organisation.periods import format_moment


def export_file(key: str) -> bytes:
    """One file, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8."""
    spec, rows = _EXPORTERS[key]()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(spec.columns)
    for row in rows:
        writer.writerow([guard_cell(str(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _areas():
    # Kecamatan first, so every kode_induk is defined above its use.
    areas = sorted(
        Area.objects.select_related("parent"),
        key=lambda area: (area.parent_id is not None, area.code),
    )
    return AREAS, (
        (area.code, area.name, area.kind, area.parent.code if area.parent else "") for area in areas
    )


def _units():
    units = Unit.objects.select_related("parent", "area").order_by("path")
    return UNITS, (
        (
            unit.code,
            unit.name,
            unit.short_name,
            unit.kind,
            unit.parent.code if unit.parent else "",
            unit.area.code if unit.area else "",
            yes_no(unit.active),
        )
        for unit in units
    )


def _positions():
    positions = Position.objects.select_related("unit", "reports_to").order_by(
        "unit__path", "-is_head", "code"
    )
    return POSITIONS, (
        (
            position.code,
            position.unit.code,
            position.title,
            yes_no(position.is_head),
            position.reports_to.code if position.reports_to else "",
            yes_no(position.active),
        )
        for position in positions
    )


def _assignments():
    assignments = Assignment.objects.select_related("user", "position").order_by(
        "position__code", "starts_at", "id"
    )
    return ASSIGNMENTS, (
        (
            assignment.user.email,
            assignment.position.code,
            assignment.kind,
            format_moment(assignment.starts_at),
            format_moment(assignment.ends_at, is_end=True),
            assignment.decree,
        )
        for assignment in assignments
    )


_EXPORTERS = {
    AREAS.key: _areas,
    UNITS.key: _units,
    POSITIONS.key: _positions,
    ASSIGNMENTS.key: _assignments,
}
