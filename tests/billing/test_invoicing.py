"""Invoices: proration, over-quota lines, PPN, numbers, the email; run twice, nothing more."""

from __future__ import annotations

from datetime import date

import pytest
from django_tenants.utils import schema_context

from billing import invoicing, services
from billing.models import Invoice
from notifications.models import Message
from tests.billing.factories import plan, usage

MARCH = date(2026, 3, 1)
APRIL_1 = date(2026, 4, 1)


@pytest.mark.django_db
def test_plan_change_mid_month_charges_each_plan_for_its_days(tangsel):
    dasar = plan("dasar", 3_100_000)
    lengkap = plan("lengkap", 6_200_000)
    services.change_plan(tangsel, dasar, effective_on=date(2026, 2, 1))
    services.change_plan(tangsel, lengkap, effective_on=date(2026, 3, 17))

    invoice = invoicing.issue_invoice(tangsel, MARCH, issued_on=APRIL_1)

    lines = list(invoice.lines.values_list("description", "amount"))
    # 16 of 31 days on Dasar, 15 of 31 on Lengkap.
    assert lines == [
        ("Paket Dasar, 1 Maret–16 Maret 2026 (16 dari 31 hari)", 1_600_000),
        ("Paket Lengkap, 17 Maret–31 Maret 2026 (15 dari 31 hari)", 3_000_000),
    ]
    assert (invoice.subtotal, invoice.tax, invoice.total) == (4_600_000, 552_000, 5_152_000)
    assert invoice.due_on == date(2026, 5, 1)
    assert invoice.number.startswith("INV/2026/")


@pytest.mark.django_db
def test_usage_over_quota_is_billed_per_unit_at_the_month_end_plan(tangsel, balikpapan):
    services.change_plan(tangsel, plan("dasar", 1_000_000), effective_on=date(2026, 1, 1))
    usage(tangsel, "messages_sent", {date(2026, 3, 1): 70, date(2026, 3, 2): 80})  # 150 sent
    usage(tangsel, "staff_accounts", {date(2026, 3, 1): 9, date(2026, 3, 20): 12})  # peak 12
    usage(tangsel, "messages_sent", {date(2026, 2, 28): 999})  # another month

    invoice = invoicing.issue_invoice(tangsel, MARCH, issued_on=APRIL_1)

    over = {
        line.meter: (line.quantity, line.unit_price, line.amount) for line in invoice.lines.all()
    }
    assert over["staff_accounts"] == (2, 20_000, 40_000)
    assert over["messages_sent"] == (50, 300, 15_000)
    assert invoice.subtotal == 1_000_000 + 40_000 + 15_000
    # Balikpapan has no plan: the partnership plan costs nothing and it used nothing.
    assert invoicing.issue_invoice(balikpapan, MARCH, issued_on=APRIL_1) is None


@pytest.mark.django_db
def test_a_trial_waives_the_plan_fee_for_its_days(tangsel):
    coba = plan("coba", 3_100_000, trial_days=10)
    services.change_plan(tangsel, coba, effective_on=date(2026, 3, 1))

    invoice = invoicing.issue_invoice(tangsel, MARCH, issued_on=APRIL_1)

    assert [line.amount for line in invoice.lines.all()] == [2_100_000]  # 21 of 31 days


@pytest.mark.django_db
def test_issuing_again_makes_nothing_and_numbers_follow_each_other(tangsel, balikpapan):
    for region in (tangsel, balikpapan):
        services.change_plan(region, plan(f"p-{region.slug}", 500_000), effective_on=MARCH)
    first = invoicing.issue_invoice(tangsel, MARCH, issued_on=APRIL_1)
    second = invoicing.issue_invoice(balikpapan, MARCH, issued_on=APRIL_1)

    assert invoicing.issue_invoice(tangsel, MARCH, issued_on=APRIL_1) is None
    assert Invoice.objects.filter(period=MARCH).count() == 2
    assert int(second.number.rsplit("/", 1)[1]) == int(first.number.rsplit("/", 1)[1]) + 1


@pytest.mark.django_db
def test_the_invoice_is_emailed_once_to_the_region_admins(tangsel):
    services.change_plan(tangsel, plan("dasar", 500_000), effective_on=MARCH)
    invoice = invoicing.issue_invoice(tangsel, MARCH, issued_on=APRIL_1)
    invoicing.issue_invoice(tangsel, MARCH, issued_on=APRIL_1)

    with schema_context("public"):
        mails = list(Message.objects.filter(idempotency_key__startswith="billing.invoice:"))
    assert [m.to for m in mails] == ["admin@tangsel.test"]
    assert invoice.number in mails[0].subject
    assert "Rp 560.000" in mails[0].body  # 500.000 + PPN 12%
    assert f"http://tangsel.localhost/admin/tagihan/{invoice.pk}/" in mails[0].body
