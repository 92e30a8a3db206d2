"""Background work that always knows its region.

django-q2 keeps its queue in the public schema and runs every task there unless told
otherwise. `enqueue` records the current schema when the work is queued (after the
transaction commits) and `run_in_schema` enters that schema before the work runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils.module_loading import import_string
from django_q.tasks import async_task
from django_tenants.utils import get_public_schema_name, schema_context

log = logging.getLogger(__name__)


def dotted_path(func: Callable | str) -> str:
    return func if isinstance(func, str) else f"{func.__module__}.{func.__qualname__}"


def enqueue(func: Callable | str, *args: Any, group: str | None = None, **kwargs: Any) -> None:
    """Run `func(*args, **kwargs)` on the worker, in the current region's schema.

    The task is queued only when the surrounding transaction commits, so the worker never
    looks for rows that are not there yet, and a rolled-back request queues nothing.
    """
    schema = connection.schema_name
    path = dotted_path(func)
    q_options = {"task_name": f"{schema}:{path}"}
    if group:
        q_options["group"] = group

    def send() -> None:
        async_task(run_in_schema, schema, path, *args, q_options=q_options, **kwargs)

    transaction.on_commit(send)


def run_in_schema(schema: str, path: str, *args: Any, **kwargs: Any) -> Any:
    """Worker side of `enqueue`: enter the region's schema, then run the function."""
    if schema != get_public_schema_name() and not _region_can_run_tasks(schema):
        log.warning("task skipped: region not live", extra={"region": schema, "task": path})
        return None
    from modules.gate import task_allowed

    if not task_allowed(path, schema):
        return None
    with schema_context(schema):
        return import_string(path)(*args, **kwargs)


def _region_can_run_tasks(schema: str) -> bool:
    from tenants.models import Region

    return Region.objects.filter(schema_name=schema, status__in=Region.LIVE_STATUSES).exists()
