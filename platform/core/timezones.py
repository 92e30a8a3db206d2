"""Each region lives in its own time zone (WIB, WITA or WIT)."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name


def request_zone(request) -> zoneinfo.ZoneInfo:
    region = getattr(request, "region", None)
    name = region.timezone if region is not None else settings.TIME_ZONE
    return zoneinfo.ZoneInfo(name)


def current_zone_name() -> str | None:
    """The time zone of the region whose schema is current, or None outside a region.

    `connection.tenant` is the Region on a request; a task or `schema_context` only knows the
    schema's name, so the region is then looked up by it.
    """
    name = getattr(connection.tenant, "timezone", None)
    if name:
        return name
    if connection.schema_name == get_public_schema_name():
        return None
    from tenants.models import Region

    return (
        Region.objects.filter(schema_name=connection.schema_name)
        .values_list("timezone", flat=True)
        .first()
    )


def region_zone() -> zoneinfo.ZoneInfo:
    """The current region's time zone (the platform's outside a region)."""
    return zoneinfo.ZoneInfo(current_zone_name() or settings.TIME_ZONE)


def region_today(now: datetime | None = None) -> date:
    """The region's own date now (or at `now`): 23:30 WIB is already tomorrow in WITA."""
    return (now or timezone.now()).astimezone(region_zone()).date()


class RegionTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.activate(request_zone(request))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
