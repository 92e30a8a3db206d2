"""Reads of the directory. `at` is an instant (None: now); a date means 00:00 of that day
in the region's time zone."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from organisation.models import Area, Assignment, InboxItem, Position, Unit
from organisation.periods import as_instant

Moment = datetime | date | None

# Who is in charge when several people hold a position at once: a Plh. is named because
# the holder is away for a while, a Plt. because the holder cannot act (or there is none).
_IN_CHARGE_ORDER = Case(
    When(kind=Assignment.Kind.PLH, then=Value(0)),
    When(kind=Assignment.Kind.PLT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
# How a person's positions are listed: their own first, then what they act for.
_LISTING_ORDER = Case(
    When(kind=Assignment.Kind.DEFINITIF, then=Value(0)),
    When(kind=Assignment.Kind.PLT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def running_at(at: Moment = None) -> Q:
    moment = as_instant(at)
    return Q(starts_at__lte=moment) & (Q(ends_at__isnull=True) | Q(ends_at__gt=moment))


def assignments_at(at: Moment = None) -> QuerySet[Assignment]:
    """Assignments running at `at`, on positions that still exist."""
    return Assignment.objects.filter(running_at(at), position__active=True)


def holders_of(position: Position, at: Moment = None) -> QuerySet:
    """Everyone who holds or acts for `position` at `at`."""
    user_ids = assignments_at(at).filter(position=position).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def positions_of(user, at: Moment = None) -> QuerySet[Position]:
    """Every position `user` holds or acts for at `at`."""
    position_ids = assignments_at(at).filter(user=user).values("position_id")
    return Position.objects.filter(pk__in=position_ids).select_related("unit")


def acts_for(user, position: Position, at: Moment = None) -> bool:
    """May `user` act as `position` at `at` (as its holder, its Plt. or its Plh.)?"""
    if user is None or not getattr(user, "is_active", False):
        return False
    return assignments_at(at).filter(user=user, position=position).exists()


def inbox_for(user, at: Moment = None) -> QuerySet[InboxItem]:
    """Open work of every position `user` holds or acts for at `at`."""
    return (
        InboxItem.objects.filter(
            status=InboxItem.Status.OPEN, position__in=positions_of(user, at).values("pk")
        )
        .select_related("position__unit")
        .order_by("due_at", "created_at", "id")
    )


def head_position(unit: Unit) -> Position | None:
    return unit.positions.filter(is_head=True, active=True).first()


def head_of(unit: Unit, at: Moment = None):
    """The person in charge of `unit` at `at`: its Plh., else its Plt., else its holder."""
    position = head_position(unit)
    if position is None:
        return None
    assignment = (
        assignments_at(at)
        .filter(position=position, user__is_active=True)
        .select_related("user")
        .order_by(_IN_CHARGE_ORDER, "-starts_at")
        .first()
    )
    return assignment.user if assignment else None


def units_under(unit: Unit, *, include_self: bool = False) -> QuerySet[Unit]:
    """Every unit below `unit` in the tree, at any depth, in tree order."""
    units = Unit.objects.filter(path__startswith=unit.path)
    return units if include_self else units.exclude(pk=unit.pk)


def ancestors_of(unit: Unit) -> QuerySet[Unit]:
    """From the root down to the parent."""
    return Unit.objects.filter(pk__in=unit.ancestor_ids()).order_by("depth")


def office_of(unit: Unit) -> Unit:
    """The office (OPD, kecamatan, kelurahan...) a unit belongs to: itself, or its nearest
    ancestor that is not a section."""
    if unit.is_office:
        return unit
    for ancestor in reversed(list(ancestors_of(unit))):
        if ancestor.is_office:
            return ancestor
    return unit


def staff_of_unit(unit: Unit, at: Moment = None, *, include_sub_units: bool = True):
    """Everyone holding or acting for a position in `unit` (and the units under it)."""
    units = units_under(unit, include_self=True) if include_sub_units else [unit]
    user_ids = assignments_at(at).filter(position__unit__in=units).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def superior_of(position: Position) -> Position | None:
    """The next position up the chain of command: the explicit `reports_to`, else the head
    of the position's unit, else the head of the nearest unit above that has one."""
    if position.reports_to_id and position.reports_to.active:
        return position.reports_to
    unit = position.unit
    if not position.is_head:
        head = head_position(unit)
        if head is not None:
            return head
    for ancestor in reversed(list(ancestors_of(unit))):
        head = head_position(ancestor)
        if head is not None:
            return head
    return None


def chain_of_command(position: Position) -> list[Position]:
    """The positions above `position`, nearest first."""
    chain: list[Position] = []
    seen = {position.pk}
    current = superior_of(position)
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = superior_of(current)
    return chain


def office_for_area(area: Area) -> Unit | None:
    """The active office serving `area` (a kelurahan's office, or its kecamatan's)."""
    for candidate in (area, area.parent):
        if candidate is None:
            continue
        unit = Unit.objects.filter(area=candidate, active=True).order_by("depth").first()
        if unit is not None:
            return unit
    return None


# --- labels ------------------------------------------------------------------------------------
def position_label(user, at: Moment = None) -> str:
    """What `user` is at `at`, e.g. "Kepala Bidang Jalan, Dinas PUPR; Plt. Kepala Dinas
    PUPR" ('' for none)."""
    if user is None or getattr(user, "pk", None) is None:
        return ""
    assignments = (
        assignments_at(at)
        .filter(user=user)
        .select_related("position__unit")
        .order_by(_LISTING_ORDER, "starts_at")
    )
    labels = []
    for assignment in assignments:
        prefix = {Assignment.Kind.PLT: "Plt. ", Assignment.Kind.PLH: "Plh. "}.get(
            assignment.kind, ""
        )
        labels.append(prefix + label_of(assignment.position))
    return "; ".join(dict.fromkeys(labels))


def label_of(position: Position) -> str:
    """A position as people write it: "Kepala Dinas PUPR", "Kepala Bidang Jalan, Dinas PUPR"."""
    unit = position.unit
    office = office_of(unit)
    if unit.pk == office.pk:
        return _joined(position.title, office) or f"{position.title}, {office.display_name}"
    in_unit = _joined(position.title, unit) or f"{position.title} {unit.display_name}"
    if office.display_name.lower() in in_unit.lower():
        return in_unit
    return f"{in_unit}, {office.display_name}"


def _joined(title: str, unit: Unit) -> str | None:
    """The title with the unit's name worked in, when they fit together: "Kepala Dinas" and
    "Dinas PUPR" make "Kepala Dinas PUPR"; None when they do not."""
    names = [name for name in (unit.short_name, unit.name) if name]
    for name in names:
        if name.lower() in title.lower():
            return title
    last_word = title.split()[-1].lower() if title.split() else ""
    for name in names:
        first_word, _, rest = name.partition(" ")
        if rest and first_word.lower() == last_word:
            return f"{title} {rest}"
    return None
