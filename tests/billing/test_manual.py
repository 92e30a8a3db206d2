"""Hand-made invoices: the operator types a draft's lines; the region sees nothing until
it is issued, when it takes the next number of the monthly run's gap-free series."""

from __future__ import annotations

from datetime import date

import pytest
from django_tenants.utils import schema_context

from billing import invoicing, periods, services
from billing.models import Invoice
from notifications.models import Message
from tests.billing.factories import plan
from tests.harness.fixtures import sign_in_staff


@pytest.fixture
def operator(site_client):
    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    return client


def lines(*rows) -> dict:
    data = {"baris-TOTAL_FORMS": "5", "baris-INITIAL_FORMS": "0"}
    for i, (description, quantity, price) in enumerate(rows):
        data |= {
            f"baris-{i}-description": description,
            f"baris-{i}-quantity": quantity,
            f"baris-{i}-unit_price": price,
        }
    return data


@pytest.mark.django_db
def test_a_draft_is_typed_checked_and_issued_with_the_next_number(
    tangsel, operator, admin_client_for
):
    services.change_plan(tangsel, plan("dasar", 1_000_000), effective_on=date(2026, 3, 1))
    monthly = invoicing.issue_invoice(tangsel, date(2026, 3, 1), issued_on=periods.today())

    bad = operator.post(
        "/admin/operator-tagihan/manual/",
        {"region": tangsel.pk} | lines(("Migrasi data", "1", "dua juta")),
    )
    assert bad.status_code == 400
    assert "Tulis jumlah dalam Rupiah utuh" in bad.content.decode()
    assert 'value="Migrasi data"' in bad.content.decode()
    empty = operator.post("/admin/operator-tagihan/manual/", {"region": tangsel.pk} | lines())
    assert "Isi paling sedikit satu baris tagihan." in empty.content.decode()

    made = operator.post(
        "/admin/operator-tagihan/manual/",
        {"region": tangsel.pk}
        | lines(("Migrasi data arsip", "1", "2.000.000"), ("Pelatihan admin", "3", "250000")),
    )
    draft = Invoice.objects.get(is_manual=True)
    assert made["Location"] == f"/admin/operator-tagihan/{draft.pk}/"
    assert (draft.status, draft.number, draft.subtotal) == ("draft", None, 2_750_000)
    page = operator.get(f"/admin/operator-tagihan/{draft.pk}/").content.decode()
    assert "Pelatihan admin" in page and "Terbitkan tagihan" in page

    region_admin = admin_client_for(tangsel)
    assert "Migrasi data arsip" not in region_admin.get("/admin/tagihan/").content.decode()
    assert region_admin.get(f"/admin/tagihan/{draft.pk}/").status_code == 404

    operator.post(f"/admin/operator-tagihan/{draft.pk}/terbitkan/")
    draft.refresh_from_db()
    assert draft.status == "issued" and draft.issued_on == periods.today()
    assert int(draft.number.rsplit("/", 1)[1]) == int(monthly.number.rsplit("/", 1)[1]) + 1
    assert draft.total == 2_750_000 + 330_000  # PPN 12%
    assert draft.number in region_admin.get("/admin/tagihan/").content.decode()
    with schema_context("public"):
        mail = Message.objects.get(idempotency_key__startswith=f"billing.invoice:{draft.pk}:")
    assert draft.number in mail.subject

    again = operator.post(f"/admin/operator-tagihan/{draft.pk}/terbitkan/", follow=True)
    assert "Tagihan ini sudah terbit." in again.content.decode()


@pytest.mark.django_db
def test_a_manual_invoice_does_not_stop_the_monthly_run_billing_that_month(tangsel):
    services.change_plan(tangsel, plan("dasar", 1_000_000), effective_on=date(2026, 3, 1))
    draft = services.create_draft(tangsel, [("Jasa", 1, 500_000)])
    Invoice.objects.filter(pk=draft.pk).update(period=date(2026, 3, 1))
    services.issue_draft(draft)

    monthly = invoicing.issue_invoice(tangsel, date(2026, 3, 1), issued_on=date(2026, 4, 1))

    assert monthly is not None and monthly.total == 1_120_000
    assert Invoice.objects.filter(region=tangsel, period=date(2026, 3, 1)).count() == 2


@pytest.mark.django_db
def test_a_deleted_draft_takes_no_number(tangsel, operator):
    draft = services.create_draft(tangsel, [("Jasa", 1, 500_000)])
    operator.post(f"/admin/operator-tagihan/{draft.pk}/hapus-draf/")
    assert not Invoice.objects.filter(pk=draft.pk).exists()
    second = services.issue_draft(services.create_draft(tangsel, [("Jasa", 1, 100_000)]))
    third = services.issue_draft(services.create_draft(tangsel, [("Jasa", 1, 100_000)]))
    assert int(third.number.rsplit("/", 1)[1]) == int(second.number.rsplit("/", 1)[1]) + 1


@pytest.mark.django_db
def test_only_the_operator_makes_or_issues_drafts(tangsel, site_client, admin_client_for):
    draft = services.create_draft(tangsel, [("Jasa", 1, 500_000)])
    mentor = site_client(None)
    sign_in_staff(mentor, None, "mentor@sinergi.test")
    region_admin = admin_client_for(tangsel)

    for client, refused in ((mentor, (302, 403)), (region_admin, (404,))):
        assert client.get("/admin/operator-tagihan/manual/").status_code in refused
        assert client.post(f"/admin/operator-tagihan/{draft.pk}/terbitkan/").status_code in refused
    draft.refresh_from_db()
    assert (draft.status, draft.number) == ("draft", None)
