"""Writes to the organisation directory: the only write path.

Every function takes the acting user (`actor`, None for the system), checks its rules,
raises ValidationError with Indonesian messages keyed by field, and writes an audit entry in
the same transaction as the change.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import api as audit
from organisation.models import MAX_UNIT_DEPTH, Area, Assignment, InboxItem, Position, Unit
from organisation.periods import as_end_instant, as_instant, format_moment
from organisation.selectors import label_of, running_at

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
UNIT_FIELDS = ("name", "short_name", "code", "kind", "parent", "area", "active")
POSITION_FIELDS = ("unit", "title", "code", "is_head", "reports_to", "active")
ASSIGNMENT_FIELDS = ("user", "position", "kind", "starts_at", "ends_at", "decree")
AREA_FIELDS = ("kind", "code", "name", "parent")


# --- units -------------------------------------------------------------------------------------
def create_unit(*, actor, request=None, **fields) -> Unit:
    unit = Unit(**_only(fields, UNIT_FIELDS))
    return _create(
        unit, UNIT_FIELDS, validate_unit, "organisation.unit_create", actor=actor, request=request
    )


def update_unit(unit: Unit, *, actor, request=None, **changes) -> Unit:
    return _update(
        unit,
        changes,
        UNIT_FIELDS,
        validate_unit,
        "organisation.unit_update",
        actor=actor,
        request=request,
    )


def delete_unit(unit: Unit, *, actor, request=None) -> None:
    with transaction.atomic():
        if unit.children.exists() or unit.positions.exists():
            raise ValidationError(
                _("Unit “%(unit)s” masih punya sub-unit atau jabatan; nonaktifkan saja.")
                % {"unit": unit}
            )
        audit.record(
            "organisation.unit_delete",
            actor=actor,
            obj=unit,
            request=request,
            details=_snapshot(unit, UNIT_FIELDS),
        )
        unit.delete()


def validate_unit(unit: Unit, *, check_in_use: bool = True) -> None:
    """`check_in_use=False` leaves out what only the final state can answer (an import
    deactivates a unit before the sub-units and positions listed after it)."""
    errors: dict[str, list[str]] = {}
    _check_required(unit, ("name", "code", "kind"), errors)
    _check_code(unit, errors)
    if unit.kind and unit.kind not in Unit.Kind.values:
        _add(errors, "kind", _("Jenis unit tidak dikenal: “%(kind)s”.") % {"kind": unit.kind})
    parent = unit.parent if unit.parent_id else None
    if parent is not None:
        if unit.pk and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
            _add(errors, "parent", _("Unit induk tidak boleh unit ini sendiri atau sub-unitnya."))
        elif parent.depth >= MAX_UNIT_DEPTH:
            _add(errors, "parent", _("Struktur terlalu dalam (paling banyak 20 tingkat)."))
        elif unit.active and not parent.active:
            _add(errors, "parent", _("Unit aktif tidak boleh berada di bawah unit nonaktif."))
    if check_in_use and unit.pk and not unit.active:
        if unit.children.filter(active=True).exists():
            _add(errors, "active", _("Nonaktifkan dulu sub-unit yang masih aktif."))
        if unit.positions.filter(active=True).exists():
            _add(errors, "active", _("Nonaktifkan dulu jabatan yang masih aktif di unit ini."))
    if errors:
        raise ValidationError(errors)


# --- positions -----------------------------------------------------------------------------------
def create_position(*, actor, request=None, **fields) -> Position:
    position = Position(**_only(fields, POSITION_FIELDS))
    return _create(
        position,
        POSITION_FIELDS,
        validate_position,
        "organisation.position_create",
        actor=actor,
        request=request,
    )


def update_position(position: Position, *, actor, request=None, **changes) -> Position:
    return _update(
        position,
        changes,
        POSITION_FIELDS,
        validate_position,
        "organisation.position_update",
        actor=actor,
        request=request,
    )


def delete_position(position: Position, *, actor, request=None) -> None:
    with transaction.atomic():
        if position.assignments.exists() or position.inbox_items.exists():
            raise ValidationError(
                _(
                    "Jabatan “%(position)s” sudah punya riwayat penugasan atau pekerjaan; "
                    "nonaktifkan saja."
                )
                % {"position": position}
            )
        audit.record(
            "organisation.position_delete",
            actor=actor,
            obj=position,
            request=request,
            details=_snapshot(position, POSITION_FIELDS),
        )
        position.delete()


def validate_position(position: Position, *, check_in_use: bool = True) -> None:
    errors: dict[str, list[str]] = {}
    _check_required(position, ("title", "code"), errors)
    _check_code(position, errors)
    unit = position.unit if position.unit_id else None
    if unit is None:
        _add(errors, "unit", _("Unit kerja wajib diisi."))
    elif position.active and not unit.active:
        _add(errors, "unit", _("Unit “%(unit)s” tidak aktif.") % {"unit": unit})
    if unit is not None and position.is_head and position.active:
        other = unit.positions.filter(is_head=True, active=True).exclude(pk=position.pk).first()
        if other is not None:
            _add(
                errors,
                "is_head",
                _("Unit ini sudah punya jabatan kepala: “%(title)s”.") % {"title": other.title},
            )
    _check_reports_to(position, errors)
    if check_in_use and position.pk and not position.active:
        if position.inbox_items.filter(status=InboxItem.Status.OPEN).exists():
            _add(errors, "active", _("Jabatan ini masih punya pekerjaan terbuka."))
        now = timezone.now()
        if position.assignments.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now)).exists():
            _add(errors, "active", _("Akhiri dulu penugasan yang masih berjalan di jabatan ini."))
    if errors:
        raise ValidationError(errors)


def _check_reports_to(position: Position, errors) -> None:
    """Walk up the `reports_to` links as stored, starting from the new superior."""
    superior_id = position.reports_to_id
    seen = {position.pk}
    while superior_id is not None:
        if superior_id in seen:
            _add(errors, "reports_to", _("Atasan langsung membentuk lingkaran."))
            return
        seen.add(superior_id)
        superior_id = (
            Position.objects.filter(pk=superior_id).values_list("reports_to_id", flat=True).first()
        )


# --- assignments ---------------------------------------------------------------------------------
def assign(*, actor, request=None, **fields) -> Assignment:
    """Put a person in a position (definitif) or name them Plt./Plh. for a period.

    `starts_at` and `ends_at` may be dates in the region's time zone: a start date begins
    at 00:00, an end date is the last whole day (the period ends at 00:00 the day after).
    """
    assignment = Assignment(**_only(fields, ASSIGNMENT_FIELDS))
    assignment.starts_at = as_instant(assignment.starts_at)
    if assignment.ends_at is not None:
        assignment.ends_at = as_end_instant(assignment.ends_at)
    with transaction.atomic():
        _lock(assignment.position)
        validate_assignment(assignment)
        assignment.save()
        audit.record(
            "organisation.assignment_create",
            actor=actor,
            obj=assignment,
            request=request,
            details=_assignment_details(assignment),
        )
    return assignment


def update_assignment(assignment: Assignment, *, actor, request=None, **changes) -> Assignment:
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        before = _assignment_details(assignment)
        _assign(assignment, _only(changes, ASSIGNMENT_FIELDS))
        assignment.starts_at = as_instant(assignment.starts_at)
        if assignment.ends_at is not None:
            assignment.ends_at = as_end_instant(assignment.ends_at)
        _lock(assignment.position)
        validate_assignment(assignment)
        assignment.save()
        audit.record(
            "organisation.assignment_update",
            actor=actor,
            obj=assignment,
            request=request,
            details=_changes(before, _assignment_details(assignment)),
        )
    return assignment


def end_assignment(
    assignment: Assignment, ends_at: datetime | date, *, actor, request=None
) -> Assignment:
    """End an assignment at an instant, or after a last whole day (a date)."""
    return update_assignment(assignment, actor=actor, request=request, ends_at=ends_at)


def delete_assignment(assignment: Assignment, *, actor, request=None) -> None:
    """For entries made by mistake; a finished assignment is ended, not deleted."""
    with transaction.atomic():
        audit.record(
            "organisation.assignment_delete",
            actor=actor,
            obj=assignment,
            request=request,
            details=_assignment_details(assignment),
        )
        assignment.delete()


def mutasi(
    person, to_position: Position, effective: datetime | date, actor, *, decree="", request=None
) -> Assignment:
    """Move `person` to `to_position` from `effective` on: their definitive assignments end
    there and the new one starts. The work of the old positions stays with those positions
    and passes to whoever holds them next."""
    effective = as_instant(effective)
    with transaction.atomic():
        _lock(to_position)
        current = list(
            Assignment.objects.select_for_update()
            .filter(running_at(effective), user=person, kind=Assignment.Kind.DEFINITIF)
            .select_related("position__unit")
        )
        if any(a.position_id == to_position.pk for a in current):
            raise ValidationError(
                {"position": _("%(person)s sudah memegang jabatan ini.") % {"person": person}}
            )
        if any(a.starts_at >= effective for a in current):
            raise ValidationError(
                {"starts_at": _("Tanggal berlaku harus setelah mulainya jabatan sekarang.")}
            )
        for old in current:
            old.ends_at = effective
            old.save(update_fields=["ends_at"])
        new = Assignment(
            user=person,
            position=to_position,
            kind=Assignment.Kind.DEFINITIF,
            starts_at=effective,
            decree=decree,
        )
        validate_assignment(new)
        new.save()
        audit.record(
            "organisation.mutasi",
            actor=actor,
            obj=new,
            request=request,
            details={
                "person": person.email,
                "from": [label_of(a.position) for a in current],
                "to": label_of(to_position),
                "effective": format_moment(effective),
                "decree": decree,
            },
        )
    return new


def validate_assignment(assignment: Assignment) -> None:
    errors: dict[str, list[str]] = {}
    user = assignment.user if assignment.user_id else None
    position = assignment.position if assignment.position_id else None
    if user is None:
        _add(errors, "user", _("Pegawai wajib diisi."))
    elif not (user.is_active and user.is_staff):
        _add(errors, "user", _("%(user)s bukan staf aktif daerah ini.") % {"user": user.email})
    if position is None:
        _add(errors, "position", _("Jabatan wajib diisi."))
    elif not position.active:
        _add(errors, "position", _("Jabatan “%(title)s” tidak aktif.") % {"title": position.title})
    if assignment.kind not in Assignment.Kind.values:
        _add(errors, "kind", _("Jenis penugasan harus definitif, plt atau plh."))
    if assignment.starts_at is None:
        _add(errors, "starts_at", _("Tanggal mulai wajib diisi."))
    elif assignment.ends_at is not None and assignment.ends_at <= assignment.starts_at:
        _add(errors, "ends_at", _("Tanggal berakhir harus setelah tanggal mulai."))
    if not errors:
        _check_overlaps(assignment, errors)
    if errors:
        raise ValidationError(errors)


def _check_overlaps(assignment: Assignment, errors) -> None:
    overlapping = Assignment.objects.filter(position=assignment.position_id).exclude(
        pk=assignment.pk
    )
    overlapping = overlapping.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=assignment.starts_at))
    if assignment.ends_at is not None:
        overlapping = overlapping.filter(starts_at__lt=assignment.ends_at)
    if overlapping.filter(user=assignment.user_id).exists():
        _add(errors, "user", _("Pegawai ini sudah tercatat di jabatan ini pada periode itu."))
        return
    if not assignment.position.is_head:
        return
    if assignment.kind == Assignment.Kind.DEFINITIF:
        clash = overlapping.filter(kind=Assignment.Kind.DEFINITIF).select_related("user").first()
        message = _("Jabatan kepala ini dipegang %(user)s secara definitif pada periode itu.")
    else:
        clash = overlapping.exclude(kind=Assignment.Kind.DEFINITIF).select_related("user").first()
        message = _("Sudah ada Plt./Plh. (%(user)s) untuk jabatan ini pada periode itu.")
    if clash is not None:
        _add(errors, "starts_at", message % {"user": clash.user})


def _lock(position: Position | None) -> None:
    """Assignments to one position are checked and written one at a time."""
    if position is not None and position.pk:
        Position.objects.select_for_update().filter(pk=position.pk).first()


# --- inbox ---------------------------------------------------------------------------------------
def add_to_inbox(
    position: Position,
    title: str,
    url: str,
    source: Model | None = None,
    due_at: datetime | date | None = None,
    *,
    actor=None,
    request=None,
) -> InboxItem:
    """Address open work to a position. Adding the same source to the same position again
    while it is open returns the open item (so a re-run task adds nothing)."""
    item = InboxItem(position=position, title=title[:300], url=url[:500])
    if due_at is not None:
        item.due_at = as_instant(due_at)
    if source is not None:
        item.source_type = ContentType.objects.get_for_model(source)
        item.source_id = str(source.pk)
        existing = _open_items_for(source).filter(position=position).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            item.save()
            audit.record(
                "organisation.inbox_add",
                actor=actor,
                obj=item,
                request=request,
                details={"position": position.code, "url": item.url},
            )
    except IntegrityError:
        # Another process added the same work at the same moment.
        return _open_items_for(source).get(position=position)
    return item


def close_inbox_item(
    item: InboxItem | None = None,
    *,
    source: Model | None = None,
    position: Position | None = None,
    actor=None,
    request=None,
) -> int:
    """Mark work done: one item, or every open item about `source` (optionally only the one
    at `position`). Returns how many were closed."""
    if (item is None) == (source is None):
        raise ValueError("give either an item or a source")
    items = (
        InboxItem.objects.filter(pk=item.pk, status=InboxItem.Status.OPEN)
        if item is not None
        else _open_items_for(source)
    )
    if position is not None:
        items = items.filter(position=position)
    closed = 0
    with transaction.atomic():
        for open_item in items.select_for_update():
            open_item.status = InboxItem.Status.DONE
            open_item.closed_at = timezone.now()
            open_item.closed_by = actor if getattr(actor, "pk", None) else None
            open_item.save(update_fields=["status", "closed_at", "closed_by"])
            audit.record(
                "organisation.inbox_close",
                actor=actor,
                obj=open_item,
                request=request,
                details={"position": open_item.position.code},
            )
            closed += 1
    return closed


def _open_items_for(source: Model):
    return InboxItem.objects.filter(
        status=InboxItem.Status.OPEN,
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
    )


# --- areas ---------------------------------------------------------------------------------------
def create_area(*, actor, request=None, **fields) -> Area:
    area = Area(**_only(fields, AREA_FIELDS))
    return _create(
        area, AREA_FIELDS, validate_area, "organisation.area_create", actor=actor, request=request
    )


def update_area(area: Area, *, actor, request=None, **changes) -> Area:
    return _update(
        area,
        changes,
        AREA_FIELDS,
        validate_area,
        "organisation.area_update",
        actor=actor,
        request=request,
    )


def delete_area(area: Area, *, actor, request=None) -> None:
    with transaction.atomic():
        if area.children.exists():
            raise ValidationError(
                _("%(area)s masih punya kelurahan/desa di bawahnya.") % {"area": area}
            )
        audit.record(
            "organisation.area_delete",
            actor=actor,
            obj=area,
            request=request,
            details=_snapshot(area, AREA_FIELDS),
        )
        area.delete()


def validate_area(area: Area) -> None:
    errors: dict[str, list[str]] = {}
    _check_required(area, ("kind", "code", "name"), errors)
    _check_code(area, errors)
    parent = area.parent if area.parent_id else None
    if area.kind == Area.Kind.KECAMATAN and parent is not None:
        _add(errors, "parent", _("Kecamatan tidak berada di bawah wilayah lain."))
    elif area.kind in (Area.Kind.KELURAHAN, Area.Kind.DESA):
        if parent is None or parent.kind != Area.Kind.KECAMATAN:
            _add(errors, "parent", _("Kelurahan/desa harus berada di bawah sebuah kecamatan."))
    elif area.kind and area.kind not in Area.Kind.values:
        _add(errors, "kind", _("Jenis wilayah harus kecamatan, kelurahan atau desa."))
    if errors:
        raise ValidationError(errors)


# --- CSV import ----------------------------------------------------------------------------------
def import_csv(files: dict[str, bytes], *, actor, request=None):
    """Import directory and area files all-or-nothing; see organisation.csv_import."""
    from organisation import csv_import

    with transaction.atomic():
        result = csv_import.import_files(files)
        audit.record(
            "organisation.import",
            actor=actor,
            request=request,
            details={"files": sorted(files), "counts": result.counts},
        )
    return result


def export_csv(key: str, *, actor, request=None) -> bytes:
    """One directory file as CSV (see organisation.csv_export); exporting is audited, as
    the files hold staff email addresses."""
    from organisation import csv_export

    content = csv_export.export_file(key)
    audit.record("organisation.export", actor=actor, request=request, details={"file": key})
    return content


# --- helpers -------------------------------------------------------------------------------------
def _create(obj: Model, fields: tuple[str, ...], validate, action: str, *, actor, request):
    """Validate, save and audit a new directory entry in one transaction."""
    with transaction.atomic():
        validate(obj)
        obj.save()
        audit.record(action, actor=actor, obj=obj, request=request, details=_snapshot(obj, fields))
    return obj


def _update(
    obj: Model, changes: dict, fields: tuple[str, ...], validate, action: str, *, actor, request
):
    """Change the locked row's allowed fields, validate, save and audit what changed."""
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        before = _snapshot(obj, fields)
        _assign(obj, _only(changes, fields))
        validate(obj)
        obj.save()
        audit.record(
            action,
            actor=actor,
            obj=obj,
            request=request,
            details=_changes(before, _snapshot(obj, fields)),
        )
    return obj


def _only(fields: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    return fields


def _assign(obj: Model, changes: dict) -> None:
    for name, value in changes.items():
        setattr(obj, name, value)


def _add(errors: dict, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check_required(obj: Model, fields: tuple[str, ...], errors) -> None:
    for field in fields:
        value = getattr(obj, field)
        if isinstance(value, str):
            value = value.strip()
            setattr(obj, field, value)
        if not value:
            label = obj._meta.get_field(field).verbose_name
            _add(errors, field, _("%(field)s wajib diisi.") % {"field": str(label).capitalize()})


def _check_code(obj: Model, errors) -> None:
    code = obj.code
    if not code or "code" in errors:
        return
    if not CODE_PATTERN.match(code):
        _add(
            errors,
            "code",
            _(
                "Kode hanya boleh berisi huruf, angka, titik, garis bawah dan "
                "tanda hubung, tanpa spasi."
            ),
        )
        return
    clash = type(obj).objects.filter(code=code).exclude(pk=obj.pk).first()
    if clash is not None:
        _add(
            errors,
            "code",
            _("Kode “%(code)s” sudah dipakai oleh “%(other)s”.") % {"code": code, "other": clash},
        )


def _snapshot(obj: Model, fields: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, Model):
            value = getattr(value, "code", None) or getattr(value, "email", None) or value.pk
        values[name] = "" if value is None else str(value)
    return values


def _assignment_details(assignment: Assignment) -> dict[str, str]:
    return {
        "user": assignment.user.email,
        "position": assignment.position.code,
        "kind": assignment.kind,
        "starts_at": format_moment(assignment.starts_at),
        "ends_at": format_moment(assignment.ends_at, is_end=True),
        "decree": assignment.decree,
    }


def _changes(before: dict, after: dict) -> dict:
    return {
        "changes": {
            name: [before[name], after[name]] for name in after if before[name] != after[name]
        }
    }
