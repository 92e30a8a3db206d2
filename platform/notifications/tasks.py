"""Background work of the outbox: deliver one message; sweep for due retries.

Retries live in the outbox, not in django-q2: with `ack_failures` on, a task that raises is
acknowledged and never run again, and django-q2's own redelivery (`retry` seconds after a
task was handed out, bounded by `max_attempts`, which counts only results a worker saved)
has no backoff. So `deliver` never raises for a failed send: it records the attempt and
when to try next, and `sweep` (one schedule, every minute, walking the regions) queues
what is due. django-q2's redelivery still matters for one case: a worker killed mid-task
saves no result, and the task is handed out again after `retry` seconds.
"""

from __future__ import annotations

from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context

from notifications import delivery, services

SWEEP_SCHEDULE = "notifications.sweep"


def deliver(message_id: int) -> str:
    """Runs in the schema of the region that queued it (core.tasks.run_in_schema)."""
    return delivery.deliver(message_id)


def sweep() -> dict[str, int]:
    """Queue the due messages of the platform and of every live region."""
    from tenants.models import Region

    schemas = [get_public_schema_name()]
    schemas += Region.objects.filter(status__in=Region.LIVE_STATUSES).values_list(
        "schema_name", flat=True
    )
    queued = {}
    for schema in schemas:
        with schema_context(schema):
            count = services.requeue_due()
        if count:
            queued[schema] = count
    return queued


def ensure_sweep_schedule(**_kwargs) -> None:
    """Create the sweep's schedule once (called after the public schema is migrated)."""
    if connection.schema_name != get_public_schema_name():
        return
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=SWEEP_SCHEDULE,
        defaults={
            "func": "core.tasks.run_in_schema",
            "args": repr((get_public_schema_name(), "notifications.tasks.sweep")),
            "kwargs": repr({"q_options": {"task_name": "public:notifications.tasks.sweep"}}),
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "repeats": -1,
        },
    )
