"""The operator's billing pages and the region admin's: what each sees and does, and that
a region admin reaches only their own region's invoices and proofs."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from billing import invoicing, periods, services
from billing.models import Invoice, Payment
from tests.billing.factories import plan, usage
from tests.harness.fixtures import sign_in_staff

MARCH = date(2026, 3, 1)


@pytest.fixture
def invoice(tangsel) -> Invoice:
    """Last month's invoice, issued today (Rp 1.000.000 + PPN 12%)."""
    period = periods.previous_period(periods.today())
    services.change_plan(tangsel, plan("dasar", 1_000_000), effective_on=period)
    return invoicing.issue_invoice(tangsel, period)


@pytest.fixture
def operator(site_client):
    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    return client


@pytest.mark.django_db
def test_operator_records_a_partial_transfer_and_sees_it_in_the_reports(invoice, operator):
    page = operator.get("/admin/operator-tagihan/")
    assert invoice.number in page.content.decode()

    bad = operator.post(
        f"/admin/operator-tagihan/{invoice.pk}/bayar/", {"amount": "satu juta", "paid_on": ""}
    )
    assert bad.status_code == 400
    assert "Tulis jumlah dalam Rupiah utuh" in bad.content.decode()

    proof = SimpleUploadedFile("mutasi.png", b"\x89PNG bukti", content_type="image/png")
    done = operator.post(
        f"/admin/operator-tagihan/{invoice.pk}/bayar/",
        {
            "amount": "500.000",
            "paid_on": periods.today().isoformat(),
            "reference": "TRF 0410",
            "proof": proof,
        },
    )
    assert done.status_code == 302
    invoice.refresh_from_db()
    assert (invoice.status, invoice.outstanding) == ("partial", 620_000)

    detail = operator.get(f"/admin/operator-tagihan/{invoice.pk}/").content.decode()
    assert "Rp 500.000" in detail and "TRF 0410" in detail
    payment = Payment.objects.get(invoice=invoice)
    assert (
        operator.get(f"/admin/operator-tagihan/pembayaran/{payment.pk}/bukti/").status_code == 200
    )
    assert "TRF 0410" in operator.get("/admin/operator-tagihan/pembayaran/").content.decode()
    assert "Rp 620.000" in operator.get("/admin/operator-tagihan/umur-piutang/").content.decode()
    revenue = operator.get("/admin/operator-tagihan/pendapatan/").content.decode()
    assert "Rp 1.120.000" in revenue and "Rp 500.000" in revenue


@pytest.mark.django_db
def test_the_pdf_carries_the_invoice_and_the_bank_details(invoice, operator, settings):
    response = operator.get(f"/admin/operator-tagihan/{invoice.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert invoice.number in text
    assert "Rp 1.120.000" in text
    assert settings.BILLING_OPERATOR["account_number"] in text


@pytest.mark.django_db
def test_region_admin_sees_plan_usage_invoices_and_uploads_a_proof(
    invoice, tangsel, admin_client_for, operator
):
    usage(tangsel, "messages_sent", {periods.today(): 90})
    client = admin_client_for(tangsel)
    page = client.get("/admin/tagihan/").content.decode()
    assert "Dasar" in page and invoice.number in page and "90 pesan" in page
    assert "Pesan SMS/WhatsApp terkirim: 90% dari kuota" in client.get("/admin/").content.decode()
    pdf = client.get(f"/admin/tagihan/{invoice.pk}/pdf/")
    assert pdf.content.startswith(b"%PDF")

    proof = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    sent = client.post(
        f"/admin/tagihan/{invoice.pk}/bukti/",
        {
            "amount": "1.120.000",
            "paid_on": periods.today().isoformat(),
            "reference": "BJB-77",
            "proof": proof,
        },
    )
    assert sent.status_code == 302
    payment = Payment.objects.get(invoice=invoice)
    assert payment.status == "pending" and payment.submitted_by_name

    operator.post(f"/admin/operator-tagihan/pembayaran/{payment.pk}/konfirmasi/")
    assert "Lunas" in client.get(f"/admin/tagihan/{invoice.pk}/").content.decode()


@pytest.mark.django_db
def test_another_regions_admin_cannot_reach_an_invoice_by_its_id(
    invoice, balikpapan, admin_client_for
):
    proof = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4", content_type="application/pdf")
    payment = services.record_payment(invoice, 100_000, date(2026, 4, 2), proof_file=proof)
    other = admin_client_for(balikpapan)

    assert invoice.number not in other.get("/admin/tagihan/").content.decode()
    for path in (
        f"/admin/tagihan/{invoice.pk}/",
        f"/admin/tagihan/{invoice.pk}/pdf/",
        f"/admin/tagihan/pembayaran/{payment.pk}/bukti/",
    ):
        assert other.get(path).status_code == 404, path
    upload = SimpleUploadedFile("b.pdf", b"%PDF-1.4", content_type="application/pdf")
    answer = other.post(
        f"/admin/tagihan/{invoice.pk}/bukti/",
        {"amount": "1000", "paid_on": "2026-04-02", "proof": upload},
    )
    assert answer.status_code == 404
    assert Payment.objects.filter(invoice=invoice).count() == 1
    # The operator's pages do not exist on a region's host.
    assert other.get(f"/admin/operator-tagihan/{invoice.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_operator_changes_a_regions_plan_from_a_date(tangsel, operator):
    standar = plan("lengkap", 5_000_000)
    bad = operator.post(
        f"/admin/operator-tagihan/daerah/{tangsel.pk}/",
        {"plan": standar.pk, "effective_on": "2026-03-17", "billing_emails": "bukan-email"},
    )
    assert "bukan alamat email" in bad.content.decode()
    operator.post(
        f"/admin/operator-tagihan/daerah/{tangsel.pk}/",
        {"plan": standar.pk, "effective_on": "2026-03-17", "billing_emails": "bpkad@tangsel.go.id"},
    )
    invoice = invoicing.issue_invoice(tangsel, MARCH, issued_on=date(2026, 4, 1))
    assert [line.amount for line in invoice.lines.all()] == [2_419_355]  # 15 of 31 days
    assert invoice.sent_to == "bpkad@tangsel.go.id"


@pytest.mark.django_db
def test_the_modules_page_says_why_a_module_outside_the_plan_stays_off(tangsel, admin_client_for):
    from modules.services import disable_module

    disable_module(tangsel, "prices")
    services.change_plan(tangsel, plan("hemat", 0, all_modules=False, allowed_modules=["laksa"]))
    client = admin_client_for(tangsel)

    answer = client.post("/admin/modul/prices/status/", {"enabled": "1"}, follow=True)

    assert "Paket Hemat tidak mencakup modul ini" in answer.content.decode()
    from modules.gate import enabled_keys, forget_on_change

    forget_on_change()
    assert "prices" not in enabled_keys("tangsel")


@pytest.mark.django_db
def test_staff_who_do_not_manage_the_region_cannot_open_its_invoices(invoice, tangsel, site_client):
    from django.contrib.auth.models import Group, Permission
    from django.db import connection

    from accounts.models import User

    connection.set_tenant(tangsel)
    editor = User.objects.create_user("redaksi@tangsel.test", "x", is_staff=True)
    group = Group.objects.create(name="Redaksi uji")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "redaksi@tangsel.test")

    for path in ("/admin/tagihan/", f"/admin/tagihan/{invoice.pk}/pdf/"):
        answer = client.get(path)
        # Wagtail's admin answers a refused page by sending the person back to the dashboard.
        assert (answer.status_code, answer.get("Location")) == (302, "/admin/"), path
        assert invoice.number.encode() not in answer.content
