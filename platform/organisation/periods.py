"""Moments and days in the region's own time zone.

Assignments are stored as aware instants, half-open: [starts_at, ends_at). People speak in
days: "Plh. from 10 to 12 March" means from 00:00 on the 10th until 24:00 on the 12th in the
region's time zone (WIB, WITA or WIT). These helpers turn one into the other.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core.timezones import region_zone

DATE_FORMAT = "%Y-%m-%d"
MOMENT_FORMAT = "%Y-%m-%d %H:%M"


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=region_zone())


def end_of_day(day: date) -> datetime:
    """The instant a period whose last day is `day` ends: 00:00 of the next day."""
    return start_of_day(day + timedelta(days=1))


def as_instant(value: datetime | date | None) -> datetime:
    """An aware instant: now for None, 00:00 in the region for a date, a naive time read
    as the region's wall clock."""
    if value is None:
        return timezone.now()
    if not isinstance(value, datetime):
        return start_of_day(value)
    if timezone.is_naive(value):
        return value.replace(tzinfo=region_zone())
    return value


def as_end_instant(value: datetime | date) -> datetime:
    """Where a period ends: a date is its last whole day (the period ends at 00:00 of the
    next day, region time); a datetime is the exact end."""
    if not isinstance(value, datetime):
        return end_of_day(value)
    return as_instant(value)


def parse_moment(text: str, *, is_end: bool = False) -> datetime:
    """'2026-03-12' or '2026-03-12 08:30' (region time). A bare date as an end means the
    end of that day. Raises ValueError with a message a person can act on."""
    text = text.strip()
    for fmt in (MOMENT_FORMAT, DATE_FORMAT):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == DATE_FORMAT:
            return end_of_day(parsed.date()) if is_end else start_of_day(parsed.date())
        return parsed.replace(tzinfo=region_zone())
    raise ValueError(
        _("Tanggal tidak valid: “%(text)s” (gunakan TTTT-BB-HH atau TTTT-BB-HH JJ:MM)")
        % {"text": text}
    )


def format_moment(value: datetime | None, *, is_end: bool = False) -> str:
    """The inverse of `parse_moment`: a bare date when the instant is a local midnight."""
    if value is None:
        return ""
    local = value.astimezone(region_zone())
    if local.time() != time.min:
        return local.strftime(MOMENT_FORMAT)
    day = local.date() - timedelta(days=1) if is_end else local.date()
    return day.strftime(DATE_FORMAT)


def last_day(value: datetime | None) -> date | None:
    """The last whole local day of a period ending at `value`."""
    if value is None:
        return None
    local = value.astimezone(region_zone())
    if local.time() == time.min:
        return local.date() - timedelta(days=1)
    return local.date()
