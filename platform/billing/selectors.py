"""Reads for billing's pages: a region's plan and quotas, receivables, revenue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, Sum
from django.db.models.functions import TruncMonth

from billing import periods
from billing.models import PLATFORM_METERS, Invoice, Payment, Plan, Subscription, UsageRecord
from billing.usage import meter


def partnership_plan() -> Plan | None:
    return Plan.objects.filter(is_partnership=True).first()


def effective_plan(region) -> Plan | None:
    """The plan whose limits apply now: the partnership plan's while the region is past
    its grace period (or has no subscription), its own plan's otherwise."""
    subscription = Subscription.objects.filter(region=region).select_related("plan").first()
    if subscription is None or subscription.limited_since:
        return partnership_plan()
    return subscription.plan


@dataclass(frozen=True)
class QuotaUse:
    key: str
    label: str
    unit: str
    used: int
    included: int

    @property
    def percent(self) -> int:
        if not self.included:
            return 100 if self.used else 0
        return self.used * 100 // self.included

    @property
    def level(self) -> str:
        """ "over" at 100% or more, "near" from 80%, "ok" below."""
        return "over" if self.percent >= 100 else "near" if self.percent >= 80 else "ok"


def quota_use(region, today: date | None = None) -> list[QuotaUse]:
    """This month's use of each quota of the plan that applies, from the recorded usage."""
    plan = effective_plan(region)
    if plan is None:
        return []
    from billing.invoicing import period_usage

    used = period_usage(region, periods.month_start(today or periods.today()))
    rows = []
    for key in PLATFORM_METERS:
        included, _price = plan.quota(key)
        m = meter(key)
        rows.append(QuotaUse(key, str(m.label), str(m.unit), used.get(key, 0), included))
    return rows


def module_usage(region, today: date | None = None) -> list[tuple[str, str, int]]:
    """The latest reading of each module meter: (label, unit, value)."""
    latest = {}
    for record in (
        UsageRecord.objects.filter(region=region).exclude(meter__in=PLATFORM_METERS).order_by("day")
    ):
        latest[record.meter] = record.value
    return [(str(meter(k).label), str(meter(k).unit), v) for k, v in sorted(latest.items())]


def invoices_of(region):
    """What the region admin sees: issued invoices (a draft is the operator's alone)."""
    return (
        Invoice.objects.filter(region=region)
        .exclude(status=Invoice.Status.DRAFT)
        .order_by("-period", "-issued_on")
    )


AGEING_BUCKETS = ((0, 0), (1, 30), (31, 60), (61, 90), (91, None))


def receivables_ageing(today: date | None = None) -> dict:
    """Outstanding amounts by days past due, per region and in total."""
    today = today or periods.today()
    rows: dict[int, dict] = {}
    totals = [0] * len(AGEING_BUCKETS)
    for invoice in Invoice.objects.filter(status__in=Invoice.OPEN_STATUSES).order_by("region_name"):
        late = max((today - invoice.due_on).days, 0)
        index = next(
            i
            for i, (low, high) in enumerate(AGEING_BUCKETS)
            if late >= low and (high is None or late <= high)
        )
        row = rows.setdefault(
            invoice.region_id,
            {"region": invoice.region_name, "amounts": [0] * len(AGEING_BUCKETS)},
        )
        row["amounts"][index] += invoice.outstanding
        totals[index] += invoice.outstanding
    return {"rows": list(rows.values()), "totals": totals, "grand_total": sum(totals)}


def revenue_by_month(limit: int = 12) -> list[dict]:
    """Per month: invoiced (by period, void excluded) and received (confirmed payments by
    transfer date)."""
    invoiced = dict(
        Invoice.objects.exclude(status__in=[Invoice.Status.VOID, Invoice.Status.DRAFT])
        .values("period")
        .annotate(total=Sum("total"))
        .values_list("period", "total")
    )
    received = dict(
        Payment.objects.filter(status=Payment.Status.CONFIRMED)
        .annotate(month=TruncMonth("paid_on"))
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    months = sorted(set(invoiced) | set(received), reverse=True)[:limit]
    return [
        {"month": m, "invoiced": invoiced.get(m, 0), "received": received.get(m, 0)} for m in months
    ]


def invoices_for_operator(status: str = "", query: str = ""):
    invoices = Invoice.objects.select_related("region")
    if status:
        invoices = invoices.filter(status=status)
    if query:
        invoices = invoices.filter(Q(number__icontains=query) | Q(region_name__icontains=query))
    return invoices.order_by("-period", F("number").asc(nulls_first=True))


def pending_proofs():
    return Payment.objects.filter(status=Payment.Status.PENDING).select_related("invoice")


def recent_payments(limit: int = 50):
    return Payment.objects.select_related("invoice").order_by("-created_at")[:limit]


def plans_with_regions() -> list[Plan]:
    """Every plan, each with `region_count`: the regions subscribed to it."""
    from django.db.models import Count

    return list(Plan.objects.annotate(region_count=Count("subscription")))


def regions_on_plan(plan: Plan) -> list[str]:
    return list(
        Subscription.objects.filter(plan=plan)
        .order_by("region__name")
        .values_list("region__name", flat=True)
    )
