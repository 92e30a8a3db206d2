"""What other code may ask of (and tell) the organisation directory. Modules call only this.

Work is addressed to positions, not people: `add_to_inbox(position, ...)`, and whoever holds
or acts for the position (definitif, Plt. or Plh.) at a given moment sees it in
`inbox_for(user)`. After a mutasi the work stays with the position and its successor.

`at` arguments are instants (None: now; a date: 00:00 of that day in the region's zone).
"""

from __future__ import annotations

from organisation.models import Area, Assignment, InboxItem, Position, Unit
from organisation.selectors import (
    acts_for,
    ancestors_of,
    chain_of_command,
    head_of,
    head_position,
    holders_of,
    inbox_for,
    label_of,
    office_for_area,
    office_of,
    positions_of,
    staff_of_unit,
    superior_of,
    units_under,
)
from organisation.selectors import position_label as _position_label
from organisation.services import add_to_inbox, close_inbox_item, end_assignment, mutasi


def position_label(user) -> str:
    """The positions `user` holds or acts for now, as one line for audit entries and
    signatures, e.g. "Kepala Bidang Jalan, Dinas PUPR" or "Plt. Kepala Dinas PUPR"
    ('' for none)."""
    return _position_label(user)


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def position_by_code(code: str) -> Position | None:
    return Position.objects.filter(code=code).first()


__all__ = [
    "Area",
    "Assignment",
    "InboxItem",
    "Position",
    "Unit",
    "acts_for",
    "add_to_inbox",
    "ancestors_of",
    "chain_of_command",
    "close_inbox_item",
    "end_assignment",
    "head_of",
    "head_position",
    "holders_of",
    "inbox_for",
    "label_of",
    "mutasi",
    "office_for_area",
    "office_of",
    "position_by_code",
    "position_label",
    "positions_of",
    "staff_of_unit",
    "superior_of",
    "unit_by_code",
    "units_under",
]
