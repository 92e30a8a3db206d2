"""SQL statements per request spent on finding the region, cached vs the stock middleware."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.report import Figure

STOCK = "django_tenants.middleware.main.TenantMainMiddleware"


def _statements(host: str) -> tuple[int, int]:
    """(all statements, statements reading the region tables) for a warm request."""
    client = Client(HTTP_HOST=host)
    client.get("/")  # warm: route cache, Wagtail's site cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200, response.status_code
    routing = [q for q in queries.captured_queries if "tenants_" in q["sql"]]
    return len(queries.captured_queries), len(routing)


def measure() -> list[Figure]:
    host = "tangsel." + settings.PLATFORM_DOMAIN
    with override_settings(REGION_ROUTING_TTL=60):
        ours_total, ours_routing = _statements(host)
    stock_middleware = [STOCK if "RegionRouting" in m else m for m in settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=stock_middleware):
        stock_total, stock_routing = _statements(host)
    print(f"statements per region home page: ours {ours_total}, stock middleware {stock_total}")
    return [
        Figure(
            name="SQL statements to resolve the region",
            value=ours_routing,
            unit="statements per request",
            baseline_name="stock TenantMainMiddleware",
            baseline=stock_routing,
            target="0 (host lookup cached)",
        ),
        Figure(
            name="SQL statements per region home page",
            value=ours_total,
            unit="statements per request",
            baseline_name="same page, stock middleware",
            baseline=stock_total,
        ),
    ]
