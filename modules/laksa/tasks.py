"""Scheduled work of LAKSA: the SLA scan, one schedule walking every region where the module
is on (core.schedules), idempotent through Escalation's unique constraint."""

from __future__ import annotations

from core.schedules import ensure_region_schedule

SLA_SCAN_SCHEDULE = "laksa.sla_scan"
SLA_SCAN = "modules.laksa.tasks.scan_overdue"


def scan_overdue() -> int:
    """Runs in one region's schema: escalate the deadlines missed since the last scan."""
    from modules.laksa.services import escalate_overdue

    return escalate_overdue()


def ensure_sla_schedule(**_kwargs) -> None:
    """Every 15 minutes (called after the public schema is migrated)."""
    ensure_region_schedule(SLA_SCAN_SCHEDULE, SLA_SCAN, minutes=15)
