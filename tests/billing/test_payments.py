"""Payments (full, partial, proofs), voiding with a credit note, overdue, reminders, grace,
and the modules a plan allows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from billing import api, invoicing, periods, selectors, services
from billing.models import Invoice, Subscription
from notifications.models import Message
from tests.billing.factories import plan

MARCH = date(2026, 3, 1)
APRIL_1 = date(2026, 4, 1)


def _invoice(region, price=1_000_000) -> Invoice:
    services.change_plan(region, plan(f"p-{region.slug}", price), effective_on=MARCH)
    return invoicing.issue_invoice(region, MARCH, issued_on=APRIL_1)  # total 1.120.000


@pytest.mark.django_db
def test_partial_payments_until_paid(tangsel):
    invoice = _invoice(tangsel)

    services.record_payment(invoice, 500_000, APRIL_1, reference="TRF-1", today=APRIL_1)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid, invoice.outstanding) == ("partial", 500_000, 620_000)

    with pytest.raises(ValidationError, match="melebihi sisa tagihan Rp 620.000"):
        services.record_payment(invoice, 700_000, APRIL_1)
    services.record_payment(invoice, 620_000, date(2026, 4, 5), reference="TRF-2")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.outstanding) == ("paid", 0)
    from audit.models import AuditEntry

    logged = AuditEntry.objects.filter(action="billing.record_payment", object_id=str(invoice.pk))
    assert logged.count() == 2


@pytest.mark.django_db
def test_a_region_admins_proof_counts_only_once_the_operator_confirms(tangsel):
    invoice = _invoice(tangsel)
    connection.set_tenant(tangsel)
    from accounts.models import User

    admin = User.objects.get(email="admin@tangsel.test")
    proof = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    payment = services.submit_proof(invoice, 1_120_000, APRIL_1, proof, actor=admin)
    again = SimpleUploadedFile("lagi.png", b"\x89PNG", content_type="image/png")
    duplicate = services.submit_proof(invoice, 1_120_000, APRIL_1, again, actor=admin)
    connection.set_schema_to_public()

    invoice.refresh_from_db()
    assert invoice.status == "issued"
    assert payment.proof.startswith("billing/bukti/")
    from billing import proofs

    assert "/tangsel/billing/bukti/" in proofs.path_of(payment)  # the region's own folder

    with pytest.raises(ValidationError, match="masa depan"):
        services.record_payment(invoice, 1000, periods.today() + timedelta(days=1))
    services.decide_payment(payment, confirm=True)
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    with pytest.raises(ValidationError):
        services.decide_payment(payment, confirm=True)
    with pytest.raises(ValidationError, match="melebihi sisa tagihan Rp 0"):
        services.decide_payment(duplicate, confirm=True)
    services.decide_payment(duplicate, confirm=False)


@pytest.mark.django_db
def test_voiding_issues_a_credit_note_for_the_total(tangsel):
    invoice = _invoice(tangsel)

    with pytest.raises(ValidationError, match="alasan"):
        services.void_invoice(invoice, " ")
    note = services.void_invoice(invoice, "Salah paket")

    invoice.refresh_from_db()
    assert invoice.status == "void" and invoice.outstanding == 0
    assert note.amount == 1_120_000 and note.number.startswith("KN/")
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        services.void_invoice(invoice, "lagi")
    # Voided, the region's next run does not bill the month again.
    assert invoicing.issue_invoice(tangsel, MARCH) is None


@pytest.mark.django_db
def test_a_paid_invoice_cannot_be_voided(tangsel):
    invoice = _invoice(tangsel)
    services.record_payment(invoice, 100_000, APRIL_1)
    with pytest.raises(ValidationError, match="sudah menerima pembayaran"):
        services.void_invoice(invoice, "Salah")


@pytest.mark.django_db
def test_overdue_reminders_once_then_grace_limits_then_payment_lifts(tangsel, settings):
    settings.BILLING_GRACE_DAYS = 30
    invoice = _invoice(tangsel)  # due 1 May 2026
    reminders = Message.objects.filter(idempotency_key__startswith="billing.")

    services.dun(today=date(2026, 4, 27))
    services.dun(today=date(2026, 4, 28))
    assert reminders.filter(idempotency_key__startswith="billing.before:").count() == 1

    services.dun(today=date(2026, 5, 2))
    services.dun(today=date(2026, 5, 3))
    invoice.refresh_from_db()
    assert invoice.status == "overdue"
    assert reminders.filter(idempotency_key__startswith="billing.after:").count() == 1
    assert Subscription.objects.get(region=tangsel).limited_since is None

    services.dun(today=invoice.due_on + timedelta(days=31))
    assert Subscription.objects.get(region=tangsel).limited_since is not None
    assert selectors.effective_plan(tangsel).is_partnership
    assert reminders.filter(idempotency_key__startswith="billing.limited:").count() == 1
    tangsel.refresh_from_db()
    assert tangsel.status == "active"  # residents keep their site

    services.record_payment(invoice, invoice.total, date(2026, 6, 3), today=date(2026, 6, 3))
    assert Subscription.objects.get(region=tangsel).limited_since is None
    assert not selectors.effective_plan(tangsel).is_partnership


@pytest.mark.django_db
def test_a_module_the_plan_does_not_allow_cannot_be_switched_on(tangsel):
    from modules.services import disable_module, enable_module

    disable_module(tangsel, "prices")
    services.change_plan(
        tangsel, plan("hemat", 100_000, all_modules=False, allowed_modules=["laksa"])
    )

    with pytest.raises(ValidationError, match="Paket Hemat tidak mencakup modul ini"):
        enable_module(tangsel, "prices")
    enable_module(tangsel, "laksa")  # allowed: no complaint


@pytest.mark.django_db
def test_quota_warnings_from_80_percent(tangsel):
    from tests.billing.factories import usage

    services.change_plan(tangsel, plan("dasar", 0, included_staff=10, included_messages=100))
    today = periods.today()  # the region's day (WIB), as the quota panel counts it
    usage(tangsel, "staff_accounts", {today: 8})
    usage(tangsel, "messages_sent", {today: 120})

    levels = {use.key: use.level for use in api.quota_warnings(tangsel)}
    assert levels == {"staff_accounts": "near", "messages_sent": "over"}
