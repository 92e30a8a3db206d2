"""One region's invoice for one month: its lines, its number, its email.

`issue_invoice` is safe to call any number of times, from any number of workers: the
unique (region, period) constraint and the re-check under the number counter's row lock
mean a region gets one invoice per period, and a number is taken only by the transaction
that creates the invoice (a crash rolls both back: no gap).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from audit import api as audit
from billing import periods
from billing.models import (
    PLATFORM_METERS,
    Invoice,
    InvoiceLine,
    NumberCounter,
    Plan,
    PlanChange,
    Subscription,
    UsageRecord,
)
from billing.usage import meter
from core.money import rupiah
from notifications.api import send_email

INVOICE_SERIES = "INV"
CREDIT_SERIES = "KN"


@dataclass(frozen=True)
class Line:
    meter: str
    description: str
    quantity: int
    unit_price: int
    amount: int


def partnership_plan() -> Plan:
    return Plan.objects.get(is_partnership=True)


def plan_days(region, period: date) -> list[tuple[Plan, list[date]]]:
    """Which plan the region was on for each day of the month, grouped by plan in order
    (a region without a plan history is on the partnership plan)."""
    end = periods.month_end(period)
    changes = list(
        PlanChange.objects.filter(region=region, effective_on__lte=end).select_related("plan")
    )
    groups: list[tuple[Plan, list[date]]] = []
    for day in periods.each_day(period):
        current = [c for c in changes if c.effective_on <= day]
        if not current:
            continue
        plan = current[-1].plan
        if groups and groups[-1][0].pk == plan.pk:
            groups[-1][1].append(day)
        else:
            groups.append((plan, [day]))
    return groups or [(partnership_plan(), list(periods.each_day(period)))]


def period_usage(region, period: date) -> dict[str, int]:
    """Each meter over the month: flows summed, levels at their peak."""
    rows = UsageRecord.objects.filter(
        region=region, day__gte=period, day__lte=periods.month_end(period)
    )
    peaks = dict(rows.values("meter").annotate(v=Max("value")).values_list("meter", "v"))
    sums = dict(rows.values("meter").annotate(v=Sum("value")).values_list("meter", "v"))
    return {k: (sums[k] if meter(k).aggregate == "sum" else v) for k, v in peaks.items()}


def draft_lines(region, period: date, usage: dict[str, int] | None = None) -> list[Line]:
    subscription = Subscription.objects.filter(region=region).first()
    trial_end = subscription.trial_ends_on if subscription else None
    month = _month_name(period)
    lines = []
    segments = plan_days(region, period)
    for plan, days in segments:
        billable = [d for d in days if trial_end is None or d >= trial_end]
        if not billable or not plan.monthly_price:
            continue
        amount = periods.prorate(plan.monthly_price, len(billable), period)
        if len(billable) == periods.days_in(period):
            text = _("Paket %(plan)s, %(month)s") % {"plan": plan.name, "month": month}
        else:
            text = _("Paket %(plan)s, %(first)s–%(last)s (%(days)s dari %(of)s hari)") % {
                "plan": plan.name,
                "first": date_format(billable[0], "j F"),
                "last": date_format(billable[-1], "j F Y"),
                "days": len(billable),
                "of": periods.days_in(period),
            }
        lines.append(Line("", text, 1, amount, amount))
    quota_plan = _quota_plan(subscription, segments[-1][0])
    usage = period_usage(region, period) if usage is None else usage
    for key in PLATFORM_METERS:
        included, unit_price = quota_plan.quota(key)
        over = usage.get(key, 0) - included
        if over > 0 and unit_price:
            text = _("%(meter)s di atas kuota %(plan)s (%(included)s %(unit)s), %(month)s") % {
                "meter": meter(key).label,
                "plan": quota_plan.name,
                "included": included,
                "unit": meter(key).unit,
                "month": month,
            }
            lines.append(Line(key, text, over, unit_price, over * unit_price))
    return lines


def _quota_plan(subscription, last_plan: Plan) -> Plan:
    if subscription is not None and subscription.limited_since:
        return partnership_plan()
    return last_plan


def issue_invoice(
    region, period: date, *, issued_on: date | None = None, notify: bool = True
) -> Invoice | None:
    """The region's invoice for `period`, created and emailed once; None when it already
    has one or owes nothing for the month. `notify=False` (demo history) emails nobody."""
    if _monthly(region, period).exists():
        return None
    lines = draft_lines(region, period)
    subtotal = sum(line.amount for line in lines)
    if subtotal <= 0:
        return None
    issued_on = issued_on or periods.today()
    rate = Decimal(settings.BILLING_PPN_PERCENT)
    tax = periods.percent_of(subtotal, rate)
    with transaction.atomic():
        sequence = _take_number(INVOICE_SERIES, issued_on.year)
        # Another worker may have billed the region while this one waited for the lock.
        if _monthly(region, period).exists():
            transaction.set_rollback(True)
            return None
        recipients = billing_contacts(region) if notify else []
        invoice = Invoice.objects.create(
            region=region,
            region_name=region.name,
            period=period,
            number=f"{INVOICE_SERIES}/{issued_on.year}/{sequence:06d}",
            issued_on=issued_on,
            due_on=issued_on + timedelta(days=settings.BILLING_DUE_DAYS),
            subtotal=subtotal,
            tax_percent=rate,
            tax=tax,
            total=subtotal + tax,
            sent_to=", ".join(recipients)[:500],
        )
        InvoiceLine.objects.bulk_create(
            InvoiceLine(invoice=invoice, position=i, **line.__dict__)
            for i, line in enumerate(lines, 1)
        )
        for email in recipients:
            send_invoice(invoice, email)
        audit.record("billing.issue_invoice", obj=invoice, details={"total": invoice.total})
        if settings.BILLING_CHECKPOINT:
            import_string(settings.BILLING_CHECKPOINT)(invoice)
    return invoice


def _monthly(region, period: date):
    return Invoice.objects.filter(region=region, period=period, is_manual=False)


def take_number(series: str, year: int) -> str:
    """The next number of a series, inside the caller's transaction."""
    return f"{series}/{year}/{_take_number(series, year):06d}"


def _take_number(series: str, year: int) -> int:
    NumberCounter.objects.bulk_create(
        [NumberCounter(series=series, year=year)], ignore_conflicts=True
    )
    counter = NumberCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def billing_contacts(region) -> list[str]:
    """The subscription's billing emails, or else the region's active admins."""
    subscription = Subscription.objects.filter(region=region).first()
    if subscription and subscription.emails():
        return subscription.emails()
    from django.db.models import Q
    from django_tenants.utils import schema_context

    from accounts.models import User
    from accounts.roles import REGION_ADMIN

    with schema_context(region.schema_name):
        admins = User.objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(groups__name=REGION_ADMIN)
        )
        return sorted(set(admins.values_list("email", flat=True)))


def region_admin_url(invoice: Invoice) -> str:
    from tenants.api import primary_hostname

    scheme = urlsplit(settings.WAGTAILADMIN_BASE_URL).scheme or "https"
    return f"{scheme}://{primary_hostname(invoice.region)}/admin/tagihan/{invoice.pk}/"


def send_invoice(invoice: Invoice, email: str) -> None:
    """Queue the issued invoice's email to one address (once: keyed by invoice and address)."""
    operator = settings.BILLING_OPERATOR
    body = _(
        "Yth. Admin %(region)s,\n\n"
        "Tagihan %(number)s untuk %(month)s telah terbit sebesar %(total)s "
        "(termasuk PPN %(tax)s), jatuh tempo %(due)s.\n\n"
        "Silakan transfer ke %(bank)s, rekening %(account)s a.n. %(holder)s, dengan "
        "berita %(number)s, lalu unggah bukti transfer di:\n%(link)s\n\n"
        "Rincian dan PDF tagihan ada di halaman yang sama.\n\n%(operator)s\n"
    ) % {
        "region": invoice.region_name,
        "number": invoice.number,
        "month": _month_name(invoice.period),
        "total": rupiah(invoice.total),
        "tax": rupiah(invoice.tax),
        "due": date_format(invoice.due_on, "j F Y"),
        "bank": operator["bank"],
        "account": operator["account_number"],
        "holder": operator["account_name"],
        "link": region_admin_url(invoice),
        "operator": operator["name"],
    }
    send_email(
        email,
        _("Tagihan %(number)s: %(region)s, %(month)s")
        % {
            "number": invoice.number,
            "region": invoice.region_name,
            "month": _month_name(invoice.period),
        },
        body,
        idempotency_key=f"billing.invoice:{invoice.pk}:{email}"[:200],
    )


def _month_name(period: date) -> str:
    return date_format(period, "F Y")
