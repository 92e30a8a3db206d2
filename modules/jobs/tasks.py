"""Background work of Siap Kerja: reminding employers that a vacancy closes soon, email
alerts of saved searches (alerts.py), and reminding AK/1 holders of their six-monthly
report (cards.py; once per card and due date).

One daily schedule walks the live regions that have the module on; in each, every member
of a company whose published vacancy closes within REMIND_DAYS (region's dates) is told
once per closing date (the idempotency key holds the date, so an extended vacancy is
reminded again as its new date nears, and a re-run tells nobody twice).
"""

from __future__ import annotations

from datetime import time, timedelta

from django.db import connection

from core.schedules import ensure_schedule, in_each_schema
from modules import gate
from modules.jobs import alerts, cards, notices, selectors

REMIND_DAYS = 5
REMINDER_SCHEDULE = "jobs.closing_reminders"
ALERT_SCHEDULE = "jobs.search_alerts"
CARD_REPORT_SCHEDULE = "jobs.card_reports"


def remind_closing() -> int:
    """In the current region: remind employers of vacancies closing within REMIND_DAYS."""
    today = selectors.region_today()
    closing = (
        selectors.open_vacancies(today)
        .filter(closes_on__lte=today + timedelta(days=REMIND_DAYS))
        .select_related("company")
    )
    told = 0
    for vacancy in closing:
        told += notices.closing_soon(vacancy, (vacancy.closes_on - today).days)
    return told


def send_alerts() -> int:
    """In the current region: the day's alerts of saved searches."""
    return alerts.send_alerts()


def remind_card_reports() -> int:
    """In the current region: AK/1 holders whose six-monthly report is due soon."""
    return cards.remind_reports()


def _in_regions_with_the_module(job) -> dict[str, int]:
    def guarded() -> int:
        return job() if gate.is_enabled("jobs", connection.schema_name) else 0

    return {schema: n for schema, n in in_each_schema(guarded, include_public=False) if n}


def remind_closing_everywhere() -> dict[str, int]:
    """A schedule's job (runs in the public schema): every live region with the module on."""
    return _in_regions_with_the_module(remind_closing)


def send_alerts_everywhere() -> dict[str, int]:
    return _in_regions_with_the_module(send_alerts)


def remind_card_reports_everywhere() -> dict[str, int]:
    return _in_regions_with_the_module(remind_card_reports)


def ensure_reminder_schedule(**_kwargs) -> None:
    ensure_schedule(
        REMINDER_SCHEDULE, "modules.jobs.tasks.remind_closing_everywhere", daily_at=time(7, 0)
    )
    ensure_schedule(
        ALERT_SCHEDULE, "modules.jobs.tasks.send_alerts_everywhere", daily_at=time(6, 0)
    )
    ensure_schedule(
        CARD_REPORT_SCHEDULE,
        "modules.jobs.tasks.remind_card_reports_everywhere",
        daily_at=time(7, 30),
    )
