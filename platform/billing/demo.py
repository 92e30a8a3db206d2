"""Demo billing for `make run`: Tangerang Selatan on Standar for months (one invoice paid,
last month's open), Balikpapan on Standar in its trial, the lead city on the partnership
plan paying for messages over its quota. Dates follow today; running it again changes
nothing (nor a region whose plan the operator has since changed, nor recorded usage).

Demo invoices are history: they are issued without emails (no one to send them to)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django_tenants.utils import schema_context

from billing.models import MESSAGES, STAFF, STORAGE, Invoice, Plan, Subscription, UsageRecord


@dataclass(frozen=True)
class DemoBilling:
    plan: str
    months_ago: int  # the subscription starts on the first of that month (0: see days)
    days_ago: int = 0  # with months_ago 0: started this many days ago, trial running
    staff: int = 10
    storage_mb: int = 500
    messages_per_day_last_month: int = 0
    messages_per_day_now: int = 0
    invoice_months: tuple[int, ...] = ()  # months ago to invoice (history)
    paid_months: tuple[int, ...] = ()


DEMO = {
    "tangsel": DemoBilling(
        "standar",
        3,
        staff=64,
        storage_mb=3100,
        messages_per_day_last_month=180,
        messages_per_day_now=90,
        invoice_months=(2, 1),
        paid_months=(2,),
    ),
    "balikpapan": DemoBilling(
        "standar", 0, days_ago=10, staff=12, storage_mb=420, messages_per_day_now=15
    ),
    "tangerang": DemoBilling(
        "kemitraan",
        3,
        staff=18,
        storage_mb=1200,
        messages_per_day_last_month=20,
        messages_per_day_now=10,
        invoice_months=(1,),
    ),
}


def load(region) -> None:
    spec = DEMO.get(region.slug)
    if spec is None:
        return
    with schema_context("public"):
        _subscribe(region, spec)
        _record_usage(region, spec)
        _issue_history(region, spec)


def _months_ago(months: int) -> date:
    from billing import periods

    day = periods.month_start(periods.today())
    for _ in range(months):
        day = periods.previous_period(day)
    return day


def _subscribe(region, spec: DemoBilling) -> None:
    from billing import periods, services

    if Subscription.objects.filter(region=region).exists():
        return
    if spec.months_ago:
        start = _months_ago(spec.months_ago)
    else:
        start = periods.today() - timedelta(days=spec.days_ago)
    services.change_plan(region, Plan.objects.get(key=spec.plan), effective_on=start)
    services.set_billing_emails(region, f"keuangan@{region.slug}.test")


def _record_usage(region, spec: DemoBilling) -> None:
    """Daily readings from the first demo month to yesterday, never over a real one."""
    from billing import periods

    today = periods.today()
    this_month = periods.month_start(today)
    last_month = periods.previous_period(today)
    first = _months_ago(max(spec.months_ago, 1))
    rows = []
    day = first
    while day < today:
        if day >= this_month:
            messages = spec.messages_per_day_now
        elif day >= last_month:
            messages = spec.messages_per_day_last_month
        else:
            messages = spec.messages_per_day_last_month // 2
        for meter, value in ((STAFF, spec.staff), (STORAGE, spec.storage_mb), (MESSAGES, messages)):
            rows.append(UsageRecord(region=region, meter=meter, day=day, value=value))
        day += timedelta(days=1)
    UsageRecord.objects.bulk_create(rows, ignore_conflicts=True)


def _issue_history(region, spec: DemoBilling) -> None:
    from billing import invoicing, periods, services

    for months in spec.invoice_months:
        period = _months_ago(months)
        issued_on = periods.month_end(period) + timedelta(days=1)
        invoicing.issue_invoice(region, period, issued_on=issued_on, notify=False)
        invoice = Invoice.objects.filter(region=region, period=period).first()
        if invoice is None:
            continue
        if months in spec.paid_months and not invoice.payments.exists():
            services.record_payment(
                invoice,
                invoice.outstanding,
                min(issued_on + timedelta(days=12), periods.today()),
                reference=f"DEMO-{invoice.number.rsplit('/', 1)[-1]}",
            )
        else:
            services.refresh_invoice(invoice)
