"""Prometheus metrics at /metrics, for a scraper holding METRICS_TOKEN (docs/deploy.md).

Request series are labelled by view name, method and status class, never by region or path:
their count is bounded by the URL configuration (a few hundred views), not by the number of
regions (up to a thousand) or by what a client types. Platform gauges (regions by status,
the django-q2 queue, the outbox backlog summed over every live region) are read from the
database when scraped, at most once per METRICS_DB_SECONDS, and carry no region label either;
the JSON logs carry the region for drilling down.

Under gunicorn each worker is its own process: with PROMETHEUS_MULTIPROC_DIR set (the chart
sets it; gunicorn.conf.py empties it at start and retires dead workers' files) request
series are written there and a scrape of any worker sums them all.
"""

from __future__ import annotations

import hmac
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
HEALTH_PATHS = {"/healthz": "healthz", "/healthz/": "healthz", "/readyz": "readyz"}
PENDING_OUTBOX = ("queued", "sending", "retry")

# registry=None: these are gathered per scrape, from this process or from the multiprocess dir.
REQUESTS = Counter(
    "sinergi_http_requests",
    "HTTP requests answered, by view, method and status class.",
    ["view", "method", "status"],
    registry=None,
)
LATENCY = Histogram(
    "sinergi_http_request_duration_seconds",
    "Time to answer an HTTP request, by view and method.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=None,
)


def view_label(request, response) -> str:
    if request.path in HEALTH_PATHS:
        return HEALTH_PATHS[request.path]
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match._func_path
    if response.get("X-Page-Cache") == "hit":
        return "page_cache_hit"  # answered from pages.cache before any view
    return "unmatched"  # unknown hosts, redirects of the routing middleware


class MetricsMiddleware:
    """First in MIDDLEWARE: answers /metrics and times every other request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/metrics":
            return metrics_view(request)
        started = time.perf_counter()
        response = self.get_response(request)
        method = request.method if request.method in METHODS else "OTHER"
        view = view_label(request, response)
        REQUESTS.labels(view, method, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(view, method).observe(time.perf_counter() - started)
        return response


def metrics_view(request) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if not token:
        return HttpResponse(status=404)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)


def registry() -> CollectorRegistry:
    collected = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(collected)
    else:
        collected.register(REQUESTS)
        collected.register(LATENCY)
    collected.register(PlatformCollector())
    return collected


class PlatformCollector:
    """Gauges read from the database (cached: every pod is scraped, the database once)."""

    def collect(self):
        snapshot = platform_snapshot()
        regions = GaugeMetricFamily(
            "sinergi_regions", "Regions by provisioning status.", labels=["status"]
        )
        for status, count in snapshot["regions"].items():
            regions.add_metric([status], count)
        yield regions
        yield GaugeMetricFamily(
            "sinergi_task_queue_depth",
            "Background tasks waiting in django-q2's queue.",
            value=snapshot["queue_depth"],
        )
        yield GaugeMetricFamily(
            "sinergi_tasks_failed_last_hour",
            "Background tasks that failed in the last hour.",
            value=snapshot["tasks_failed_last_hour"],
        )
        outbox = GaugeMetricFamily(
            "sinergi_outbox_backlog",
            "Messages not yet delivered, summed over every live region.",
            labels=["status", "channel"],
        )
        for (status, channel), count in sorted(snapshot["outbox"].items()):
            outbox.add_metric([status, channel], count)
        yield outbox
        yield GaugeMetricFamily(
            "sinergi_outbox_oldest_pending_seconds",
            "Age of the oldest undelivered message over every live region (0 when none).",
            value=snapshot["outbox_oldest_seconds"],
        )


def platform_snapshot() -> dict:
    connection.set_schema_to_public()  # the metrics answer before any region is routed
    snapshot = cache.get("sinergi:metrics:platform")
    if snapshot is None:
        snapshot = read_platform()
        cache.set("sinergi:metrics:platform", snapshot, settings.METRICS_DB_SECONDS)
    return snapshot


def read_platform() -> dict:
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone
    from django_q.models import Failure, OrmQ

    from tenants.models import Region

    regions = dict.fromkeys(Region.Status.values, 0)
    for row in Region.objects.values("status").annotate(count=Count("id")):
        regions[row["status"]] = row["count"]
    schemas = list(
        Region.objects.filter(status__in=Region.LIVE_STATUSES).values_list("schema_name", flat=True)
    )
    outbox, oldest = outbox_backlog(schemas)
    return {
        "regions": regions,
        "queue_depth": OrmQ.objects.count(),
        "tasks_failed_last_hour": Failure.objects.filter(
            stopped__gte=timezone.now() - timedelta(hours=1)
        ).count(),
        "outbox": outbox,
        "outbox_oldest_seconds": oldest,
    }


def outbox_backlog(schemas: list[str]) -> tuple[dict, float]:
    """One query over every live region's outbox (the partial index of pending messages)."""
    if not schemas:
        return {}, 0.0
    from notifications.models import Message

    table = Message._meta.db_table
    quote = connection.ops.quote_name
    parts = [
        f"SELECT status, channel, enqueued_at FROM {quote(schema)}.{quote(table)} "
        "WHERE status IN %s"
        for schema in schemas
    ]
    sql = (
        "SELECT status, channel, count(*), "
        "greatest(0, extract(epoch FROM clock_timestamp() - min(enqueued_at))) "
        f"FROM ({' UNION ALL '.join(parts)}) AS pending GROUP BY status, channel"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [PENDING_OUTBOX] * len(schemas))
        rows = cursor.fetchall()
    backlog = {(status, channel): count for status, channel, count, _age in rows}
    oldest = max((float(age) for *_rest, age in rows if age is not None), default=0.0)
    return backlog, oldest
