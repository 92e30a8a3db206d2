"""Addresses on a region's own host (never WAGTAILADMIN_BASE_URL, which is global)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from tenants.api import primary_hostname


def region_base(region, like: str = "") -> str:
    """The region's address, on the scheme and port of `like` (a URL or a request's host)."""
    parts = urlsplit(like if "//" in like else f"http://{like or settings.PLATFORM_DOMAIN}")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{primary_hostname(region)}{port}"


def entry_url(region, token: str, request) -> str:
    path = reverse("partnership_support:enter", args=[token], urlconf=settings.ROOT_URLCONF)
    return region_base(region, f"{request.scheme}://{request.get_host()}") + path


def platform_base(region_url: str) -> str:
    """The platform's address beside a region's (same scheme and port)."""
    parts = urlsplit(region_url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{settings.PLATFORM_DOMAIN}{port}"
