"""Which region does this request belong to? Answered from the Host header.

The stock django-tenants middleware reads the Domain table on every request. Here the
answer is kept in the process for REGION_ROUTING_TTL seconds, so a page costs no SQL for
routing; a change to a Region or Domain clears the process's copy at once, and other
processes see it within the TTL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django.urls import set_urlconf

from tenants.models import Domain, Region

# Region pages that a suspended region still serves: its staff sign in and export.
STAFF_PATH_PREFIXES = ("/admin/",)


@dataclass(frozen=True)
class Route:
    region: Region | None  # None: the platform's own site

    @property
    def is_platform(self) -> bool:
        return self.region is None


PLATFORM = Route(region=None)
_routes: dict[str, tuple[float, Route | None]] = {}


def forget_routes_on_change(**_kwargs) -> None:
    _routes.clear()


def hostname_of(request) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return _bare(host)


def _bare(host: str) -> str:
    return host.rsplit(":", 1)[0].lower().removeprefix("www.")


def trust_verified_domain(request) -> str | None:
    """A region's own verified domain is an allowed host in every process: ALLOWED_HOSTS
    holds the platform's fixed names, the Domain table the rest. When the Host header names
    a routed domain, `request.get_host()` answers it from then on (CSRF's same-origin check,
    redirects and absolute links all use it). Returns the host name, or None."""
    raw = request._get_raw_host()  # the Host (or trusted X-Forwarded-Host) header as sent
    domain, _port = split_domain_port(raw)
    if not domain:
        return None  # not a valid host name at all
    hostname = domain.removeprefix("www.")
    route = route_for(hostname)
    if route is None or route.is_platform:
        return None
    request.get_host = lambda: raw
    return hostname


def route_for(hostname: str) -> Route | None:
    if hostname == settings.PLATFORM_DOMAIN:
        return PLATFORM
    now = time.monotonic()
    cached = _routes.get(hostname)
    if cached is not None and cached[0] > now:
        return cached[1]
    domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
    route = Route(region=domain.tenant) if domain is not None else None
    _routes[hostname] = (now + settings.REGION_ROUTING_TTL, route)
    return route


def _page(request, template: str, status: int, **context) -> HttpResponse:
    html = render_to_string(template, {"status": status, **context}, request=request)
    return HttpResponse(html, status=status)


class RegionRoutingMiddleware:
    """Sets the schema and URLconf for the region named by the host, or answers for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        connection.set_schema_to_public()
        request.region = None
        hostname = hostname_of(request) or trust_verified_domain(request)
        route = route_for(hostname) if hostname else None
        if route is None:
            return _page(request, "core/no_such_region.html", 404, hostname=hostname)
        if route.is_platform:
            request.tenant = connection.tenant
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
            set_urlconf(request.urlconf)
            return self.get_response(request)
        return self._serve_region(request, route.region)

    def _serve_region(self, request, region: Region):
        if region.status == Region.Status.ARCHIVED:
            return _page(request, "core/region_archived.html", 410, archived_region=region)
        if region.status not in Region.LIVE_STATUSES:
            return _page(request, "core/no_such_region.html", 404, hostname=region.slug)
        if region.status == Region.Status.SUSPENDED and not request.path.startswith(
            STAFF_PATH_PREFIXES
        ):
            response = _page(request, "core/region_suspended.html", 503, suspended_region=region)
            response["Retry-After"] = "86400"
            return response
        region.domain_url = hostname_of(request)
        request.tenant = request.region = region
        connection.set_tenant(region)
        request.urlconf = settings.ROOT_URLCONF
        set_urlconf(request.urlconf)
        return self.get_response(request)
