"""Billing's scheduled work: daily usage, the monthly billing run, daily dunning.

Each is one schedule in the public schema that walks the regions itself. The billing run
queues one task per region still without its invoice, so a run killed half-way and started
again only redoes the unfinished regions (and a region billed twice is billed once).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from billing import invoicing, periods, services, usage
from core.schedules import ensure_schedule
from core.tasks import enqueue

log = logging.getLogger(__name__)

USAGE_SCHEDULE = "billing.usage"
RUN_SCHEDULE = "billing.run"
DUN_SCHEDULE = "billing.dun"
RUN_AT = time(0, 30)  # WIB, on the first of the month


def ensure_schedules(**_kwargs) -> None:
    ensure_schedule(USAGE_SCHEDULE, "billing.tasks.record_usage", daily_at=time(0, 5))
    ensure_schedule(DUN_SCHEDULE, "billing.tasks.dun", daily_at=time(6, 0))
    _ensure_monthly_run()


def _ensure_monthly_run() -> None:
    if connection.schema_name != get_public_schema_name():
        return
    from django_q.models import Schedule

    public = get_public_schema_name()
    path = "billing.tasks.run_billing"
    Schedule.objects.update_or_create(
        name=RUN_SCHEDULE,
        defaults={
            "func": "core.tasks.run_in_schema",
            "args": repr((public, path)),
            "kwargs": repr({"q_options": {"task_name": f"{public}:{path}"}}),
            "repeats": -1,
            "schedule_type": Schedule.MONTHLY,
            "next_run": next_run_at(timezone.now()),
        },
    )


def next_run_at(now: datetime) -> datetime:
    """The next first of a month, 00:30 WIB, after `now`."""
    wib = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(wib)
    candidate = datetime.combine(local.date().replace(day=1), RUN_AT, tzinfo=wib)
    if candidate <= local:
        following = periods.month_end(local.date()) + timedelta(days=1)
        candidate = datetime.combine(following, RUN_AT, tzinfo=wib)
    return candidate


def live_regions():
    from tenants.models import Region

    return Region.objects.filter(status__in=Region.LIVE_STATUSES).order_by("pk")


# --- usage ---------------------------------------------------------------------------------------
def record_usage(day: str | None = None) -> int:
    """Record yesterday's usage (or `day`'s) of every live region; safe to repeat."""
    when = date.fromisoformat(day) if day else periods.today() - timedelta(days=1)
    done = 0
    for region in live_regions():
        try:
            usage.record(region, when, usage.read_region(region, when))
            done += 1
        except Exception:
            log.exception("usage not recorded", extra={"region": region.schema_name})
    return done


# --- the monthly run ---------------------------------------------------------------------------
def run_billing(period: str | None = None) -> int:
    """Queue the billing of every live region without an invoice for the period (the
    month before today by default). Returns how many regions were queued."""
    from billing.models import Invoice

    month = date.fromisoformat(period) if period else periods.previous_period(periods.today())
    billed = Invoice.objects.filter(period=month, is_manual=False).values_list(
        "region_id", flat=True
    )
    queued = 0
    for region_id in live_regions().exclude(pk__in=billed).values_list("pk", flat=True):
        enqueue(bill_region, region_id, month.isoformat(), group=f"billing:{month:%Y-%m}")
        queued += 1
    return queued


def bill_region(region_id: int, period: str) -> str:
    from tenants.models import Region

    region = Region.objects.get(pk=region_id)
    invoice = invoicing.issue_invoice(region, date.fromisoformat(period))
    return invoice.number if invoice else ""


# --- dunning ---------------------------------------------------------------------------------
def dun() -> dict[str, int]:
    return services.dun()
