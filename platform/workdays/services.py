"""The only write path for region holidays; every change is audited in its transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from audit.api import record
from workdays.models import RegionHoliday
from workdays.national import national_holidays

SATURDAY = 5


def check_holiday_date(day: date, *, holiday: RegionHoliday | None = None) -> None:
    """Refuse a date that is already not a working day for every region: a weekend or a
    national holiday / cuti bersama. An unchanged date of an existing holiday is kept."""
    if holiday is not None and holiday.date == day:
        return
    if day.weekday() >= SATURDAY:
        raise ValidationError(
            _("%(day)s jatuh pada akhir pekan, yang memang bukan hari kerja.")
            % {"day": formats.date_format(day, "l, j F Y")},
            code="weekend",
        )
    national = national_holidays(day.year).get(day)
    if national is not None:
        raise ValidationError(
            _("Tanggal ini sudah libur bagi semua daerah: %(name)s (%(kind)s).")
            % {"name": national.name, "kind": national.kind_label.lower()},
            code="national",
        )


@transaction.atomic
def add_holiday(*, day: date, name: str, notes: str = "", actor, request=None) -> RegionHoliday:
    holiday = RegionHoliday(date=day, name=name, notes=notes, added_by_name=_actor_name(actor))
    _validate(holiday, None)
    holiday.save()
    record(
        "workdays.add_holiday", actor=actor, obj=holiday, request=request, details=_details(holiday)
    )
    return holiday


@transaction.atomic
def change_holiday(
    holiday: RegionHoliday, *, day: date, name: str, notes: str = "", actor, request=None
) -> RegionHoliday:
    before = RegionHoliday.objects.select_for_update().get(pk=holiday.pk)
    holiday.date, holiday.name, holiday.notes = day, name, notes
    _validate(holiday, before)
    holiday.save()
    record(
        "workdays.change_holiday",
        actor=actor,
        obj=holiday,
        request=request,
        details={**_details(holiday), "before": _details(before)},
    )
    return holiday


@transaction.atomic
def remove_holiday(holiday: RegionHoliday, *, actor, request=None) -> None:
    record(
        "workdays.remove_holiday",
        actor=actor,
        obj=holiday,
        request=request,
        details=_details(holiday),
    )
    holiday.delete()


def _validate(holiday: RegionHoliday, before: RegionHoliday | None) -> None:
    holiday.full_clean()
    try:
        check_holiday_date(holiday.date, holiday=before)
    except ValidationError as error:
        raise ValidationError({"date": error.messages}) from error


def _details(holiday: RegionHoliday) -> dict[str, str]:
    return {"date": holiday.date.isoformat(), "name": holiday.name, "notes": holiday.notes}


def _actor_name(actor) -> str:
    if actor is None:
        return ""
    return (actor.get_full_name() or actor.email or str(actor))[:200]
