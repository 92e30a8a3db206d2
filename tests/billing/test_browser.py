"""In a real browser: the operator records a bank transfer against a region's invoice, and
the region's admin sees the invoice paid in their own admin."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.modules.jobs.test_browser import totp_code

pytestmark = pytest.mark.browser


@pytest.fixture
def billed_tangsel(committed_db):
    """Tangsel's open invoice for last month, from the demo data (billing.demo: Tangsel on
    Standar); its payments are removed afterwards, with the authenticators used."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from billing import periods, services
    from billing.models import Invoice
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    invoice = Invoice.objects.get(region=region, period=periods.previous_period(periods.today()))
    assert invoice.paid == 0, "the demo's invoice for last month is open"
    operator = User.objects.get(email="operator@sinergi.test")
    devices = {None: TOTPDevice.objects.create(user=operator, name="Uji", confirmed=True)}
    connection.set_tenant(region)
    admin = User.objects.get(email="admin@tangsel.test")
    devices[region.slug] = TOTPDevice.objects.create(user=admin, name="Uji", confirmed=True)
    connection.set_schema_to_public()
    yield invoice, devices
    connection.set_schema_to_public()
    invoice.payments.all().delete()
    services.refresh_invoice(invoice)
    TOTPDevice.objects.filter(pk=devices[None].pk).delete()
    connection.set_tenant(region)
    TOTPDevice.objects.filter(pk=devices["tangsel"].pk).delete()
    connection.set_schema_to_public()


def sign_in(page, site: str, email: str, device) -> None:
    page.goto(f"{site}/admin/login/")
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill("sinergi-demo-2026")
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url("**/akun/2fa/verifikasi/**")
    page.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(totp_code(device))
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url(f"{site}/admin/")


def test_the_operator_records_a_transfer_and_the_region_admin_sees_it_paid(
    browser, live_server_port, billed_tangsel
):
    from billing import periods
    from core.money import rupiah

    invoice, devices = billed_tangsel
    platform = f"http://localhost:{live_server_port}"
    region_site = f"http://tangsel.localhost:{live_server_port}"
    operator = browser.new_context(locale="id-ID").new_page()
    admin = browser.new_context(locale="id-ID").new_page()

    sign_in(operator, platform, "operator@sinergi.test", devices[None])
    operator.get_by_role("link", name="Tagihan", exact=True).first.click()
    operator.get_by_role("link", name=invoice.number).click()
    operator.get_by_label("Jumlah (Rp)").fill(rupiah(invoice.total).removeprefix("Rp "))
    operator.get_by_label("Tanggal transfer").fill(periods.today().isoformat())
    operator.get_by_label("Referensi transfer").fill("BJB 2611 0042")
    operator.get_by_role("button", name="Catat pembayaran").click()
    operator.get_by_text(f"Pembayaran {invoice.number} dicatat.").wait_for()
    assert operator.get_by_test_id("invoice-status").inner_text() == "Lunas"

    sign_in(admin, region_site, "admin@tangsel.test", devices["tangsel"])
    admin.goto(f"{region_site}/admin/tagihan/")
    row = admin.get_by_role("row", name=invoice.number)
    assert "Lunas" in row.inner_text()
    assert "Rp 0" in row.inner_text()  # nothing left to pay
