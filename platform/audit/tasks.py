"""The audit log keeps AUDIT_RETENTION_DAYS of history, in every schema."""

from __future__ import annotations

from datetime import time

from audit.api import purge_expired
from core.schedules import ensure_schedule, in_each_schema

PURGE_SCHEDULE = "audit.purge"


def purge_everywhere() -> dict[str, int]:
    return {schema: n for schema, n in in_each_schema(purge_expired) if n}


def ensure_purge_schedule(**_kwargs) -> None:
    ensure_schedule(PURGE_SCHEDULE, "audit.tasks.purge_everywhere", daily_at=time(2, 30))
