"""The write path of billing: plans for regions, payments, proofs, voiding, dunning.

Every privileged action writes an audit entry in the same transaction (public schema for
the operator; the region's own log for what a region admin does).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from audit import api as audit
from billing import invoicing, periods, proofs
from billing.models import (
    CreditNote,
    Invoice,
    InvoiceLine,
    Payment,
    Plan,
    PlanChange,
    Subscription,
)
from core.money import rupiah
from notifications.api import send_email


def _name(actor) -> str:
    if actor is None:
        return ""
    return (actor.get_full_name() or actor.email)[:200]


# --- plans -------------------------------------------------------------------------------
def change_plan(
    region, plan: Plan, *, effective_on: date | None = None, actor=None, request=None
) -> Subscription:
    """Put the region on `plan` from `effective_on` (today by default). The month's
    invoice charges each plan for the days it was in effect. A new subscription starts
    the plan's trial."""
    effective_on = effective_on or periods.today()
    if not plan.is_active:
        raise ValidationError(_("Paket %(plan)s tidak dapat dipilih lagi.") % {"plan": plan})
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(region=region).first()
        if subscription is None:
            trial = effective_on + timedelta(days=plan.trial_days) if plan.trial_days else None
            subscription = Subscription.objects.create(
                region=region, plan=plan, started_on=effective_on, trial_ends_on=trial
            )
        else:
            subscription.plan = plan
            subscription.save(update_fields=["plan", "updated_at"])
        PlanChange.objects.update_or_create(
            region=region,
            effective_on=effective_on,
            defaults={"plan": plan, "changed_by_name": _name(actor)},
        )
        audit.record(
            "billing.change_plan",
            actor=actor,
            obj=subscription,
            request=request,
            details={"region": region.slug, "plan": plan.key, "effective_on": str(effective_on)},
        )
    return subscription


def set_billing_emails(region, emails: str, *, actor=None, request=None) -> Subscription:
    subscription = Subscription.objects.get(region=region)
    subscription.billing_emails = emails
    subscription.full_clean(exclude=["region", "plan"])
    with transaction.atomic():
        subscription.save(update_fields=["billing_emails", "updated_at"])
        audit.record("billing.set_emails", actor=actor, obj=subscription, request=request)
    return subscription


# --- the plans themselves ----------------------------------------------------------------------
PLAN_FIELDS = (
    "name",
    "monthly_price",
    "all_modules",
    "allowed_modules",
    "trial_days",
    "included_staff",
    "included_storage_mb",
    "included_messages",
    "included_custom_domains",
    "price_per_staff",
    "price_per_storage_mb",
    "price_per_message",
    "price_per_custom_domain",
    "is_active",
)
MAX_TRIAL_DAYS = 365


def save_plan(plan: Plan | None, values: dict, *, actor=None, request=None) -> Plan:
    """Create a plan (`plan` None; `values` then also holds its `key`) or change one.

    Changes take effect for invoices issued from now on (a month not yet invoiced is
    charged at the price in force when its invoice is issued). Refused, with the reason:
    the partnership plan at a price other than Rp 0 or made unselectable (it is the
    fallback of every region without a plan or past its grace period); a plan some
    region is on made unselectable (move those regions first: a region on an
    unselectable plan could not be saved again unchanged); modules taken out of a plan
    while a region on it has them switched on (they would stay on against the plan)."""
    from modules import registry

    with transaction.atomic():
        if plan is None:
            key = (values.get("key") or "").strip().lower()
            plan = Plan(key=key, is_partnership=False)
            before = {}
        else:
            plan = Plan.objects.select_for_update().get(pk=plan.pk)
            before = {field: getattr(plan, field) for field in PLAN_FIELDS}
        for field in PLAN_FIELDS:
            if field in values:
                setattr(plan, field, values[field])
        plan.name = (plan.name or "").strip()
        plan.allowed_modules = [] if plan.all_modules else sorted(set(plan.allowed_modules))
        errors = _plan_errors(plan, registry)
        if errors:
            raise ValidationError(errors)
        plan.full_clean()
        plan.save()
        changed = {
            field: [before.get(field), getattr(plan, field)]
            for field in PLAN_FIELDS
            if before.get(field) != getattr(plan, field)
        }
        audit.record(
            "billing.change_plan_terms" if before else "billing.create_plan",
            actor=actor,
            obj=plan,
            request=request,
            details={"plan": plan.key, "changed": changed},
        )
    return plan


def _plan_errors(plan: Plan, registry) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if plan._state.adding and Plan.objects.filter(key=plan.key).exists():
        add("key", _("Kode %(key)s sudah dipakai paket lain.") % {"key": plan.key})
    if not plan.name:
        add("name", _("Tulis nama paket."))
    elif Plan.objects.filter(name__iexact=plan.name).exclude(pk=plan.pk).exists():
        add("name", _("Nama %(name)s sudah dipakai paket lain.") % {"name": plan.name})
    if plan.trial_days > MAX_TRIAL_DAYS:
        add("trial_days", _("Masa uji coba paling lama %(days)s hari.") % {"days": MAX_TRIAL_DAYS})
    unknown = [key for key in plan.allowed_modules if not registry.exists(key)]
    if unknown:
        add("allowed_modules", _("Modul tidak dikenal: %(keys)s.") % {"keys": ", ".join(unknown)})
    if plan.is_partnership:
        if plan.monthly_price:
            add("monthly_price", _("Paket kemitraan selalu Rp 0 per bulan."))
        if not plan.is_active:
            add(
                "is_active",
                _(
                    "Paket kemitraan harus tetap dapat dipilih: ia berlaku bagi daerah tanpa "
                    "paket dan daerah yang melewati masa tenggang."
                ),
            )
    if plan.pk is None:
        return errors
    if not plan.is_active and not plan.is_partnership:
        names = _region_names(Subscription.objects.filter(plan=plan).values("region"))
        if names:
            add(
                "is_active",
                _(
                    "Paket ini masih dipakai %(regions)s. Pindahkan daerah itu ke paket lain "
                    "sebelum paket ini dibuat tidak dapat dipilih."
                )
                % {"regions": names},
            )
    stranded = _modules_outside(plan)
    if stranded:
        add(
            "allowed_modules",
            _(
                "Modul berikut masih aktif di daerah yang memakai paket ini, jadi tidak "
                "dapat dikeluarkan dari paket: %(modules)s."
            )
            % {"modules": stranded},
        )
    return errors


def _regions_on(plan: Plan):
    """Regions whose limits come from this plan now (see selectors.effective_plan)."""
    from tenants.models import Region

    live = Region.objects.filter(status__in=Region.LIVE_STATUSES)
    own = Subscription.objects.filter(plan=plan, limited_since__isnull=True)
    if not plan.is_partnership:
        return live.filter(pk__in=own.values("region"))
    return live.exclude(
        pk__in=Subscription.objects.filter(limited_since__isnull=True)
        .exclude(plan=plan)
        .values("region")
    )


def _modules_outside(plan: Plan) -> str:
    from modules import registry
    from modules.models import ModuleActivation

    if plan.all_modules:
        return ""
    active = ModuleActivation.objects.filter(region__in=_regions_on(plan), enabled=True).exclude(
        module_key__in=plan.allowed_modules
    )
    pairs = sorted(set(active.values_list("module_key", "region__name")))
    return ", ".join(
        f"{registry.get(key).name if registry.exists(key) else key} ({region})"
        for key, region in pairs[:8]
    )


def _region_names(region_ids) -> str:
    from tenants.models import Region

    names = list(
        Region.objects.filter(pk__in=region_ids).order_by("name").values_list("name", flat=True)
    )
    return ", ".join(names[:5]) + (
        _(" dan %(n)s lainnya") % {"n": len(names) - 5} if len(names) > 5 else ""
    )


# --- hand-made invoices: a draft, then issued -----------------------------------------------
MAX_MANUAL_LINES = 20


def create_draft(region, lines: list[tuple[str, int, int]], *, actor=None, request=None) -> Invoice:
    """A draft invoice for the region with lines typed by the operator: (description,
    quantity, unit price). It has no number and no one sees it until it is issued."""
    lines = [(d.strip(), q, p) for d, q, p in lines if (d or "").strip()]
    if not lines:
        raise ValidationError(_("Isi paling sedikit satu baris tagihan."))
    if len(lines) > MAX_MANUAL_LINES:
        raise ValidationError(_("Paling banyak %(n)s baris per tagihan.") % {"n": MAX_MANUAL_LINES})
    for description, quantity, unit_price in lines:
        if quantity < 1 or unit_price < 0:
            raise ValidationError(
                _("Baris “%(line)s”: jumlah paling sedikit 1 dan harga tidak negatif.")
                % {"line": description}
            )
    subtotal = sum(q * p for _d, q, p in lines)
    if subtotal <= 0:
        raise ValidationError(_("Total tagihan harus lebih dari Rp 0."))
    with transaction.atomic():
        invoice = Invoice.objects.create(
            region=region,
            region_name=region.name,
            period=periods.month_start(periods.today()),
            number=None,
            status=Invoice.Status.DRAFT,
            is_manual=True,
            **_totals(subtotal),
        )
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=invoice,
                position=i,
                description=description[:300],
                quantity=quantity,
                unit_price=unit_price,
                amount=quantity * unit_price,
            )
            for i, (description, quantity, unit_price) in enumerate(lines, 1)
        )
        audit.record(
            "billing.create_draft",
            actor=actor,
            obj=invoice,
            request=request,
            details={"region": region.slug, "subtotal": subtotal},
        )
    return invoice


def _totals(subtotal: int) -> dict:
    rate = Decimal(settings.BILLING_PPN_PERCENT)
    tax = periods.percent_of(subtotal, rate)
    return {"subtotal": subtotal, "tax_percent": rate, "tax": tax, "total": subtotal + tax}


def issue_draft(invoice: Invoice, *, actor=None, request=None) -> Invoice:
    """Issue a draft: it takes the next invoice number of the year (the monthly run's
    counter, in this transaction: no gap), PPN at today's rate, a due date, and is
    emailed to the region's billing contacts."""
    today = periods.today()
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != Invoice.Status.DRAFT:
            raise ValidationError(_("Tagihan ini sudah terbit."))
        recipients = invoicing.billing_contacts(invoice.region)
        for field, value in _totals(invoice.subtotal).items():
            setattr(invoice, field, value)
        invoice.number = invoicing.take_number(invoicing.INVOICE_SERIES, today.year)
        invoice.issued_on = today
        invoice.due_on = today + timedelta(days=settings.BILLING_DUE_DAYS)
        invoice.status = Invoice.Status.ISSUED
        invoice.sent_to = ", ".join(recipients)[:500]
        invoice.save()
        for email in recipients:
            invoicing.send_invoice(invoice, email)
        audit.record(
            "billing.issue_draft",
            actor=actor,
            obj=invoice,
            request=request,
            details={"number": invoice.number, "total": invoice.total},
        )
    return invoice


def delete_draft(invoice: Invoice, *, actor=None, request=None) -> None:
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != Invoice.Status.DRAFT:
            raise ValidationError(
                _("Tagihan yang sudah terbit tidak dihapus; batalkan dengan nota kredit.")
            )
        audit.record(
            "billing.delete_draft",
            actor=actor,
            obj=invoice,
            request=request,
            details={"region": invoice.region.slug, "total": invoice.total},
        )
        invoice.delete()


# --- payments ------------------------------------------------------------------------------
def record_payment(
    invoice: Invoice,
    amount: int,
    paid_on: date,
    *,
    reference: str = "",
    proof_file=None,
    actor=None,
    request=None,
    today: date | None = None,
) -> Payment:
    """The operator records a transfer seen on the bank statement (full or partial)."""
    _check_payable(invoice, amount, paid_on)
    proof = proofs.save(invoice.region, proof_file) if proof_file else ""
    with transaction.atomic():
        payment = Payment.objects.create(
            invoice=invoice,
            amount=amount,
            paid_on=paid_on,
            reference=reference,
            proof=proof,
            status=Payment.Status.CONFIRMED,
            decided_by_name=_name(actor),
            decided_at=timezone.now(),
        )
        refresh_invoice(invoice, today)
        audit.record(
            "billing.record_payment",
            actor=actor,
            obj=invoice,
            request=request,
            details={"amount": amount, "reference": reference},
        )
    return payment


def submit_proof(
    invoice: Invoice, amount: int, paid_on: date, proof_file, *, reference="", actor, request=None
) -> Payment:
    """A region admin uploads a proof of transfer for the operator to confirm. Runs on the
    region's host: the file goes to the region's private folder, the entry to its log."""
    _check_payable(invoice, amount, paid_on)
    if not proof_file:
        raise ValidationError(_("Unggah bukti transfer (PDF, JPG atau PNG)."))
    proof = proofs.save(invoice.region, proof_file)
    with transaction.atomic():
        payment = Payment.objects.create(
            invoice=invoice,
            amount=amount,
            paid_on=paid_on,
            reference=reference,
            proof=proof,
            submitted_by_id=actor.pk,
            submitted_by_name=_name(actor),
        )
        audit.record(
            "billing.submit_proof",
            actor=actor,
            obj=invoice,
            request=request,
            details={"amount": amount, "payment": payment.pk},
        )
    return payment


def decide_payment(payment: Payment, confirm: bool, *, actor=None, request=None) -> Payment:
    """The operator confirms (the money arrived) or rejects a proof a region uploaded."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != Payment.Status.PENDING:
            raise ValidationError(_("Pembayaran ini sudah diputuskan."))
        invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
        if confirm and payment.amount > invoice.outstanding:
            raise ValidationError(
                _("Jumlah %(amount)s melebihi sisa tagihan %(left)s; tolak bukti ini.")
                % {"amount": rupiah(payment.amount), "left": rupiah(invoice.outstanding)}
            )
        payment.status = Payment.Status.CONFIRMED if confirm else Payment.Status.REJECTED
        payment.decided_by_name = _name(actor)
        payment.decided_at = timezone.now()
        payment.save(update_fields=["status", "decided_by_name", "decided_at"])
        refresh_invoice(invoice)
        audit.record(
            "billing.confirm_payment" if confirm else "billing.reject_payment",
            actor=actor,
            obj=invoice,
            request=request,
            details={"payment": payment.pk, "amount": payment.amount},
        )
    return payment


def _check_payable(invoice: Invoice, amount, paid_on: date) -> None:
    if paid_on > periods.today():
        raise ValidationError(_("Tanggal transfer tidak boleh di masa depan."))
    if invoice.status in (Invoice.Status.VOID, Invoice.Status.DRAFT):
        raise ValidationError(
            _("Tagihan ini tidak dapat dibayar (%(status)s).")
            % {"status": invoice.get_status_display()}
        )
    if not isinstance(amount, int) or amount <= 0:
        raise ValidationError(_("Jumlah pembayaran harus lebih dari Rp 0."))
    if amount > invoice.outstanding:
        raise ValidationError(
            _("Jumlah %(amount)s melebihi sisa tagihan %(left)s.")
            % {"amount": rupiah(amount), "left": rupiah(invoice.outstanding)}
        )


def refresh_invoice(invoice: Invoice, today: date | None = None) -> Invoice:
    """Recompute what was paid and the status that follows from it and from the date."""
    today = today or periods.today()
    invoice.paid = (
        invoice.payments.filter(status=Payment.Status.CONFIRMED).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    if invoice.status not in (Invoice.Status.VOID, Invoice.Status.DRAFT):
        if invoice.paid >= invoice.total:
            invoice.status = Invoice.Status.PAID
        elif today > invoice.due_on:
            invoice.status = Invoice.Status.OVERDUE
        elif invoice.paid:
            invoice.status = Invoice.Status.PARTIALLY_PAID
        else:
            invoice.status = Invoice.Status.ISSUED
    invoice.save(update_fields=["paid", "status"])
    if invoice.status == Invoice.Status.PAID:
        apply_grace(invoice.region, today)
    return invoice


# --- voiding -------------------------------------------------------------------------------
def void_invoice(invoice: Invoice, reason: str, *, actor=None, request=None) -> CreditNote:
    """Cancel an invoice with a credit note for its full total (numbered in its own
    gap-free series). An invoice with confirmed payments cannot be voided."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tulis alasan pembatalan."))
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status == Invoice.Status.VOID:
            raise ValidationError(_("Tagihan ini sudah dibatalkan."))
        if invoice.status == Invoice.Status.DRAFT:
            raise ValidationError(_("Draf tidak dibatalkan; hapus saja."))
        if invoice.payments.filter(status=Payment.Status.CONFIRMED).exists():
            raise ValidationError(
                _("Tagihan yang sudah menerima pembayaran tidak dapat dibatalkan.")
            )
        note = CreditNote.objects.create(
            invoice=invoice,
            number=invoicing.take_number(invoicing.CREDIT_SERIES, periods.today().year),
            amount=invoice.total,
            reason=reason,
            created_by_name=_name(actor),
        )
        invoice.status = Invoice.Status.VOID
        invoice.save(update_fields=["status"])
        audit.record(
            "billing.void_invoice",
            actor=actor,
            obj=invoice,
            request=request,
            details={"credit_note": note.number, "reason": reason},
        )
    apply_grace(invoice.region)
    return note


# --- dunning: overdue, reminders, grace ---------------------------------------------------------
def dun(today: date | None = None) -> dict[str, int]:
    """Daily: mark overdue invoices, send the reminders that are due (each once), and put
    regions past the grace period on the partnership plan's limits (or lift them)."""
    today = today or periods.today()
    counts = {"overdue": 0, "reminders": 0}
    open_invoices = list(
        Invoice.objects.filter(status__in=Invoice.OPEN_STATUSES).select_related("region")
    )
    for invoice in open_invoices:
        before = invoice.status
        with transaction.atomic():
            refresh_invoice(invoice, today)
            counts["overdue"] += before != invoice.status == Invoice.Status.OVERDUE
            counts["reminders"] += _remind(invoice, today)
    regions = {i.region for i in open_invoices} | {
        s.region for s in Subscription.objects.filter(limited_since__isnull=False)
    }
    for region in regions:
        apply_grace(region, today)
    return counts


def _remind(invoice: Invoice, today: date) -> int:
    days_left = (invoice.due_on - today).days
    if 0 < days_left <= settings.BILLING_REMINDER_DAYS_BEFORE:
        kind = "before"
        subject = _("Pengingat: tagihan %(number)s jatuh tempo %(due)s")
    elif days_left < 0:
        kind = "after"
        subject = _("Tagihan %(number)s melewati jatuh tempo %(due)s")
    else:
        return 0
    subject = subject % {"number": invoice.number, "due": date_format(invoice.due_on, "j F Y")}
    grace_end = invoice.due_on + timedelta(days=settings.BILLING_GRACE_DAYS)
    body = _(
        "Yth. Admin %(region)s,\n\nSisa tagihan %(number)s: %(left)s, jatuh tempo %(due)s.\n"
        "Jika belum dilunasi sampai %(grace)s, batas paket daerah Anda kembali ke batas "
        "paket Kemitraan (data tetap aman dan situs tetap melayani warga).\n\n"
        "Rincian dan unggah bukti transfer:\n%(link)s\n"
    ) % {
        "region": invoice.region_name,
        "number": invoice.number,
        "left": rupiah(invoice.outstanding),
        "due": date_format(invoice.due_on, "j F Y"),
        "grace": date_format(grace_end, "j F Y"),
        "link": invoicing.region_admin_url(invoice),
    }
    for email in invoicing.billing_contacts(invoice.region):
        send_email(
            email, subject, body, idempotency_key=f"billing.{kind}:{invoice.pk}:{email}"[:200]
        )
    return 1


def apply_grace(region, today: date | None = None) -> Subscription | None:
    """Limit the region to the partnership plan while an invoice is unpaid past the grace
    period; lift the limit once none is. Never deletes anything or suspends the site."""
    today = today or periods.today()
    subscription = Subscription.objects.filter(region=region).first()
    if subscription is None:
        return None
    cutoff = today - timedelta(days=settings.BILLING_GRACE_DAYS)
    late = Invoice.objects.filter(
        region=region, status__in=Invoice.OPEN_STATUSES, due_on__lt=cutoff
    ).exists()
    limited = today if late else None
    if bool(subscription.limited_since) != late:
        subscription.limited_since = limited
        subscription.save(update_fields=["limited_since", "updated_at"])
        with schema_context("public"):
            audit.record(
                "billing.limit" if late else "billing.unlimit",
                obj=subscription,
                details={"region": region.slug},
            )
            if late:
                _tell_limited(region, today)
    return subscription


def _tell_limited(region, today: date) -> None:
    body = _(
        "Yth. Admin %(region)s,\n\nSebuah tagihan belum dilunasi melewati masa tenggang. Sejak "
        "%(day)s batas paket Kemitraan berlaku untuk daerah Anda: kuota paket Kemitraan dan "
        "hanya modul yang dicakupnya yang dapat diaktifkan. Semua data tetap aman dan situs "
        "tetap melayani warga. Batas paket Anda kembali begitu tagihan dilunasi.\n"
    ) % {"region": region.name, "day": date_format(today, "j F Y")}
    for email in invoicing.billing_contacts(region):
        send_email(
            email,
            _("Batas paket Kemitraan berlaku untuk %(region)s") % {"region": region.name},
            body,
            idempotency_key=f"billing.limited:{region.pk}:{today.isoformat()}:{email}"[:200],
        )
