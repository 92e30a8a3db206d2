"""Working-day arithmetic for one region; no database here (api.py gives it its data).

A working day is Monday to Friday, except national holidays, cuti bersama and the region's
own holidays. Moments are aware datetimes and are read as the region's local date; a plain
`date` is already a local date.

Deadlines (`add_working_days`):
  * the count starts from the *receipt day*: the local date of the moment when that is a
    working day, else the next working day (a report sent on Saturday is counted as if it
    arrived on Monday morning);
  * the deadline is the END (23:59:59.999999 local time) of the n-th working day after the
    receipt day; n = 0 is the end of the receipt day itself.
  So with n = 3: Friday 23:30 → end of Wednesday; Saturday 00:30 → end of Thursday.

Lateness (`working_days_between(start, end)`): the working days after the receipt day of
`start`, up to and including the local date of `end`; never negative. It undoes the
deadline: `working_days_between(m, add_working_days(m, n)) == n`, and a case is late by
`working_days_between(deadline, now)` working days.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from workdays.national import Holiday, Kind, national_holidays

SATURDAY = 5
ONE_DAY = timedelta(days=1)


class WorkCalendar:
    def __init__(self, zone: tzinfo, region_holidays: Callable[[int], Mapping[date, str]]):
        """`region_holidays(year)` gives the region's own holidays of a year, by date."""
        self.zone = zone
        self._load_region_holidays = region_holidays
        self._region_years: dict[int, Mapping[date, str]] = {}

    # --- days -----------------------------------------------------------------------------
    def local_date(self, value: date | datetime) -> date:
        if not isinstance(value, datetime):
            return value
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("A moment must be an aware datetime.")
        return value.astimezone(self.zone).date()

    def holidays_on(self, value: date | datetime) -> list[Holiday]:
        day = self.local_date(value)
        found = []
        national = national_holidays(day.year).get(day)
        if national is not None:
            found.append(national)
        region_name = self._region_holidays(day.year).get(day)
        if region_name is not None:
            found.append(Holiday(day, region_name, Kind.REGION))
        return found

    def holiday_name(self, value: date | datetime) -> str | None:
        names = [holiday.name for holiday in self.holidays_on(value)]
        return "; ".join(names) or None

    def holidays_in(self, year: int) -> list[Holiday]:
        region = [
            Holiday(day, name, Kind.REGION) for day, name in self._region_holidays(year).items()
        ]
        return sorted([*national_holidays(year).values(), *region], key=lambda h: h.date)

    def is_working_day(self, value: date | datetime) -> bool:
        day = self.local_date(value)
        return day.weekday() < SATURDAY and not self.holidays_on(day)

    def next_working_day(self, value: date | datetime) -> date:
        """The first working day strictly after the local date of `value`."""
        day = self.local_date(value) + ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def receipt_day(self, value: date | datetime) -> date:
        """The working day counting starts from: the local date itself or the next one."""
        day = self.local_date(value)
        return day if self.is_working_day(day) else self.next_working_day(day)

    def end_of_day(self, day: date) -> datetime:
        return datetime.combine(day, time.max, tzinfo=self.zone)

    # --- deadlines and lateness -------------------------------------------------------------
    def add_working_days(self, moment: date | datetime, n: int) -> datetime:
        if n < 0:
            raise ValueError("n must not be negative.")
        day = self.receipt_day(moment)
        for _ in range(n):
            day = self.next_working_day(day)
        return self.end_of_day(day)

    def working_days_between(self, start: date | datetime, end: date | datetime) -> int:
        day, last = self.receipt_day(start), self.local_date(end)
        count = 0
        while day < last:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count

    def _region_holidays(self, year: int) -> Mapping[date, str]:
        if year not in self._region_years:
            self._region_years[year] = self._load_region_holidays(year)
        return self._region_years[year]
