"""Each region lives in its own time zone (WIB, WITA or WIT)."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.utils import timezone


def region_zone(request) -> zoneinfo.ZoneInfo:
    region = getattr(request, "region", None)
    name = region.timezone if region is not None else settings.TIME_ZONE
    return zoneinfo.ZoneInfo(name)


class RegionTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.activate(region_zone(request))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
