"""Billing periods (calendar months in WIB) and proration by day."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def today() -> date:
    """The platform's date (WIB): periods, due dates and usage days follow it."""
    return timezone.localtime(timezone=ZoneInfo(settings.TIME_ZONE)).date()


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(period: date) -> date:
    return period.replace(day=calendar.monthrange(period.year, period.month)[1])


def previous_period(day: date) -> date:
    return month_start(month_start(day) - timedelta(days=1))


def days_in(period: date) -> int:
    return calendar.monthrange(period.year, period.month)[1]


def each_day(period: date):
    for offset in range(days_in(period)):
        yield period + timedelta(days=offset)


def prorate(monthly_price: int, days: int, period: date) -> int:
    """The price of `days` days of a month, whole Rupiah, half rounded up."""
    whole = days_in(period)
    return (monthly_price * days * 2 + whole) // (2 * whole)


def percent_of(amount: int, percent) -> int:
    """`percent` (a Decimal) of a whole-Rupiah amount, half rounded up."""
    from decimal import ROUND_HALF_UP, Decimal

    return int((Decimal(amount) * Decimal(percent) / 100).quantize(Decimal(1), ROUND_HALF_UP))
