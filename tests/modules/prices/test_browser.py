"""One journey in a real browser: a region admin switches the module on, records today's prices
in the admin, and a resident sees them on the region's /harga/ page."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.browser

TYPED = {
    "Beras Medium": "14.500",
    "Beras Premium": "16.000",
    "Gula Pasir": "18.000",
    "Minyak Goreng Curah": "17.500",
    "Minyak Goreng Kemasan": "20.500",
    "Cabai Merah Keriting": "48.000",
    "Cabai Rawit Merah": "62.000",
    "Bawang Merah": "38.000",
    "Bawang Putih": "40.000",
    "Telur Ayam Ras": "29.500",
    "Daging Ayam Ras": "37.000",
    "Daging Sapi": "135.000",
}


def totp_code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def journey_data(committed_db):
    """A market and the admin's authenticator, committed so the live server sees them, and
    everything the journey commits in the region removed afterwards."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from audit.models import AuditEntry
    from modules.prices import services
    from modules.prices.models import Market, Price
    from modules.services import disable_module, enable_module
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    admin = User.objects.get(email="admin@tangsel.test")
    last_audit = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    sessions_before = set(Session.objects.values_list("session_key", flat=True))
    device = TOTPDevice.objects.create(user=admin, name="Uji peramban", confirmed=True)
    market = services.add_market(name="Pasar Uji Peramban", address="Jl. Uji", actor=admin)
    connection.set_schema_to_public()
    disable_module(region, "prices")  # the journey starts with the admin switching it on
    yield market, device
    enable_module(region, "prices")
    connection.set_tenant(region)
    Price.objects.filter(market=market).delete()
    Market.objects.filter(pk=market.pk).delete()
    TOTPDevice.objects.filter(pk=device.pk).delete()
    AuditEntry.objects.filter(id__gt=last_audit).delete()
    Session.objects.exclude(session_key__in=sessions_before).delete()
    connection.set_schema_to_public()


def test_admin_records_todays_prices_and_a_resident_sees_them(page, live_server_port, journey_data):
    market, device = journey_data
    site = f"http://tangsel.localhost:{live_server_port}"

    page.goto(f"{site}/admin/login/")
    page.locator('input[name="username"]').fill("admin@tangsel.test")
    page.locator('input[name="password"]').fill("sinergi-demo-2026")
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url("**/akun/2fa/verifikasi/**")
    page.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(totp_code(device))
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url(f"{site}/admin/")

    assert "Harga Bahan Pokok" not in page.locator("nav").inner_text()
    probe = page.context.new_page()
    assert probe.goto(f"{site}/harga/").status == 404
    probe.close()
    page.get_by_role("link", name="Modul").click()
    page.get_by_role("button", name="Aktifkan Harga Bahan Pokok").click()
    page.get_by_text("Harga Bahan Pokok diaktifkan.").wait_for()

    page.get_by_role("link", name="Harga Bahan Pokok").click()
    page.get_by_role("link", name=f"Catat harga {market.name}").click()
    for commodity, price in TYPED.items():
        page.get_by_label(commodity, exact=True).fill(price)
    page.get_by_role("button", name="Simpan harga").click()
    page.get_by_text(f"Harga {market.name} untuk").wait_for()
    assert page.get_by_label("Beras Medium", exact=True).input_value() == "14500"

    resident = page.context.browser.new_context(locale="id-ID").new_page()
    resident.goto(f"{site}/harga/")
    board = resident.locator(f"section:has(h2#pasar-{market.pk})")
    assert "(hari ini)" in board.inner_text()
    beras = board.get_by_role("row", name="Beras Medium")
    assert "Rp 14.500/kg" in beras.inner_text()
    assert "Rp 135.000/kg" in board.get_by_role("row", name="Daging Sapi").inner_text()
    resident.context.close()
