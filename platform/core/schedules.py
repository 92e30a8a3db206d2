"""Scheduled work: one schedule per job that walks the regions, never one per region.

Each schedule runs `core.tasks.run_in_schema` in the public schema, so the job finds the
regions itself (`live_schemas`) and enters each one; jobs must be idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

log = logging.getLogger(__name__)


def ensure_schedule(
    name: str,
    path: str,
    *,
    minutes: int | None = None,
    daily_at: time | None = None,
    args: tuple = (),
) -> None:
    """Create or update the named schedule, every `minutes` or daily at `daily_at` (WIB).
    Idempotent; called after the public schema is migrated."""
    if connection.schema_name != get_public_schema_name():
        return
    from django_q.models import Schedule

    public = get_public_schema_name()
    if daily_at is not None:
        timing = {"schedule_type": Schedule.DAILY, "next_run": _next(daily_at)}
    else:
        timing = {"schedule_type": Schedule.MINUTES, "minutes": minutes or 60}
    Schedule.objects.update_or_create(
        name=name,
        defaults={
            "func": "core.tasks.run_in_schema",
            "args": repr((public, path, *args)),
            "kwargs": repr({"q_options": {"task_name": f"{public}:{path}"}}),
            "repeats": -1,
            **timing,
        },
    )


def ensure_region_schedule(
    name: str, path: str, *, minutes: int | None = None, daily_at: time | None = None
) -> None:
    """A schedule that runs `path` inside every live region where it may run: a module's
    job only where the module is on (the walker runs in public, where no module is)."""
    ensure_schedule(
        name, "core.schedules.run_in_every_region", minutes=minutes, daily_at=daily_at, args=(path,)
    )


def run_in_every_region(path: str) -> dict[str, Any]:
    """Run `path` in each live region through `core.tasks.run_in_schema` (which skips a
    module's job where the module is off). One region's failure does not stop the others."""
    from core.tasks import run_in_schema

    results = {}
    for schema in live_schemas(include_public=False):
        try:
            results[schema] = run_in_schema(schema, path)
        except Exception:
            log.exception("scheduled job failed", extra={"region": schema, "task": path})
    return results


def _next(at: time) -> datetime:
    now = timezone.localtime(timezone=ZoneInfo(settings.TIME_ZONE))
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


def live_schemas(include_public: bool = True) -> list[str]:
    """The platform's schema and every region that is live (active or suspended)."""
    from tenants.models import Region

    schemas = [get_public_schema_name()] if include_public else []
    schemas += Region.objects.filter(status__in=Region.LIVE_STATUSES).values_list(
        "schema_name", flat=True
    )
    return schemas


def in_each_schema(
    job: Callable[[], Any], include_public: bool = True
) -> Iterator[tuple[str, Any]]:
    """Run `job` inside each live schema, yielding (schema, result)."""
    for schema in live_schemas(include_public):
        with schema_context(schema):
            yield schema, job()
