"""Working days: what every SLA and deadline in Sinergi calls.

All answers are for the region whose schema is current (its own holidays, its time zone);
in the public schema only national holidays count and times are read in settings.TIME_ZONE.
`zone` overrides the time zone a moment is read in. The conventions (when counting starts,
what a deadline is) are described in workdays/calendars.py and docs/architecture.md.

For many calls in a row (an SLA scan over a region's reports) take one `work_calendar()`
and use its methods: it reads the region's holidays once per year.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, tzinfo

from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from workdays import selectors
from workdays.calendars import WorkCalendar
from workdays.national import Holiday, Kind

__all__ = [
    "Holiday",
    "Kind",
    "WorkCalendar",
    "add_working_days",
    "holiday_name",
    "holidays_in",
    "is_working_day",
    "next_working_day",
    "work_calendar",
    "working_days_between",
]

Moment = date | datetime


def work_calendar(zone: tzinfo | str | None = None) -> WorkCalendar:
    """The current region's calendar. It stays that region's even if the schema changes."""
    schema = connection.schema_name

    def load_region_holidays(year: int) -> dict[date, str]:
        if connection.schema_name == schema:
            return selectors.region_holidays_of_year(year)
        with schema_context(schema):
            return selectors.region_holidays_of_year(year)

    return WorkCalendar(_zone(zone), load_region_holidays)


def is_working_day(day: Moment, *, zone: tzinfo | str | None = None) -> bool:
    return work_calendar(zone).is_working_day(day)


def next_working_day(day: Moment, *, zone: tzinfo | str | None = None) -> date:
    """The first working day strictly after `day`."""
    return work_calendar(zone).next_working_day(day)


def add_working_days(moment: Moment, n: int, *, zone: tzinfo | str | None = None) -> datetime:
    """The deadline n working days after `moment`: the end (23:59:59.999999, local time) of
    the n-th working day after the receipt day (the moment's local date, or the next
    working day when that is not one)."""
    return work_calendar(zone).add_working_days(moment, n)


def working_days_between(start: Moment, end: Moment, *, zone: tzinfo | str | None = None) -> int:
    """Working days elapsed after the receipt day of `start` up to `end`'s local date (>= 0).
    `working_days_between(deadline, now)` is how many working days a case is late."""
    return work_calendar(zone).working_days_between(start, end)


def holiday_name(day: Moment, *, zone: tzinfo | str | None = None) -> str | None:
    """The name of the holiday on `day` ("Hari Raya Idul Fitri"), or None; weekends are not
    holidays by name."""
    return work_calendar(zone).holiday_name(day)


def holidays_in(year: int) -> list[Holiday]:
    """National holidays, cuti bersama and the region's own holidays of `year`, by date."""
    return work_calendar().holidays_in(year)


def _zone(zone: tzinfo | str | None) -> tzinfo:
    if isinstance(zone, tzinfo):
        return zone
    return zoneinfo.ZoneInfo(zone or selectors.current_region_timezone() or settings.TIME_ZONE)
