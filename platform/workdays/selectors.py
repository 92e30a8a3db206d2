"""Reads of the region's holidays and of its time zone."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import QuerySet
from django_tenants.utils import get_public_schema_name

from core.timezones import current_zone_name
from workdays.models import RegionHoliday


def region_holidays() -> QuerySet[RegionHoliday]:
    return RegionHoliday.objects.order_by("-date")


def region_holidays_of_year(year: int) -> dict[date, str]:
    """The current region's own holidays of `year`, by date ({} in the public schema, which
    has no region holidays)."""
    if connection.schema_name == get_public_schema_name():
        return {}
    return dict(RegionHoliday.objects.filter(date__year=year).values_list("date", "name"))


def current_region_timezone() -> str | None:
    """The time zone of the region whose schema is current, or None outside a region."""
    return current_zone_name()
