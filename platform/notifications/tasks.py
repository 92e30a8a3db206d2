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

from core.schedules import ensure_schedule, in_each_schema
from notifications import delivery, services

SWEEP_SCHEDULE = "notifications.sweep"


def deliver(message_id: int) -> str:
    """Runs in the schema of the region that queued it (core.tasks.run_in_schema)."""
    return delivery.deliver(message_id)


def sweep() -> dict[str, int]:
    """Queue the due messages of the platform and of every live region."""
    return {schema: count for schema, count in in_each_schema(services.requeue_due) if count}


def ensure_sweep_schedule(**_kwargs) -> None:
    """Create the sweep's schedule once (called after the public schema is migrated)."""
    ensure_schedule(SWEEP_SCHEDULE, "notifications.tasks.sweep", minutes=1)
