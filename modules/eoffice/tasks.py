"""Scheduled work of e-Office: deadline reminders for dispositions, one schedule walking
every region where the module is on (core.schedules). Idempotent: a Reminder row per
disposition and kind is written before anyone is told, and the notices carry the same
idempotency key, so a re-run (or a worker killed midway) sends nothing twice."""

from __future__ import annotations

from core.schedules import ensure_region_schedule

REMINDER_SCHEDULE = "eoffice.reminders"
REMINDERS = "modules.eoffice.tasks.send_reminders"


def send_reminders() -> int:
    """Runs in one region's schema: remind before and after the deadlines."""
    from modules.eoffice.reminders import send_due_reminders

    return send_due_reminders()


def ensure_reminder_schedule(**_kwargs) -> None:
    """Every 15 minutes (called after the public schema is migrated)."""
    ensure_region_schedule(REMINDER_SCHEDULE, REMINDERS, minutes=15)
