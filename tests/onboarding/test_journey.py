"""The whole journey in a real browser, with a real worker: sign up, verify from the dev
mail viewer, a Tangerang coordinator approves in the platform admin, the status page reaches
done, the applicant sets the admin password, signs in to the region admin with a second
step, and visits the region's own site."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django_tenants.utils import schema_context

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.fresh_region]

APPLICANT = "kominfo@lebakkab.go.id"
PASSWORD = "Lebak-Sejahtera-2026"


def totp_code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def coordinator_device(committed_db, public_rows_cleanup):
    """The coordinator's authenticator, and the platform sessions the journey makes,
    removed afterwards (the region itself goes with committed_db)."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    connection.set_schema_to_public()
    sessions_before = set(Session.objects.values_list("session_key", flat=True))
    coordinator = User.objects.get(email="koordinator@sinergi.test")
    device = TOTPDevice.objects.create(user=coordinator, name="Uji perjalanan", confirmed=True)
    yield device
    connection.set_schema_to_public()
    TOTPDevice.objects.filter(pk=device.pk).delete()
    Session.objects.exclude(session_key__in=sessions_before).delete()


def _sign_in(page, site: str, email: str, password: str, device) -> None:
    page.goto(f"{site}/admin/login/")
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url("**/akun/2fa/verifikasi/**")
    page.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(totp_code(device))
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url(f"{site}/admin/")


def test_a_region_joins_and_its_admin_signs_in_to_its_own_site(
    page, live_server_port, q_worker, coordinator_device
):
    platform = f"http://localhost:{live_server_port}"
    region_site = f"http://lebak.localhost:{live_server_port}"

    # 1. The applicant fills in the form; the subdomain is checked as they type.
    page.goto(f"{platform}/bergabung/")
    page.get_by_label("Nama resmi pemerintah daerah").fill("Kabupaten Lebak")
    page.get_by_label("Jenis daerah").select_option("kabupaten")
    page.get_by_label("Provinsi").select_option("Banten")
    slug = page.get_by_label("Subdomain yang diinginkan")
    slug.fill("tangsel")
    page.get_by_text("Subdomain “tangsel” sudah dipakai daerah lain.").wait_for()
    slug.fill("lebak")
    page.get_by_text("lebak.localhost tersedia.").wait_for()
    page.get_by_label("Nama pemohon").fill("Asep Saepudin")
    page.get_by_label("Jabatan pemohon").fill("Kepala Diskominfo")
    page.get_by_label("Email dinas").fill(APPLICANT)
    page.get_by_label("Nomor telepon").fill("0252 201234")
    page.get_by_label(re.compile("Harga Bahan Pokok")).check()
    page.get_by_label("Saya menyetujui ketentuan Kemitraan Kota Cerdas").check()
    page.get_by_role("button", name="Kirim pendaftaran").click()
    page.get_by_role("heading", name="Periksa email Anda").wait_for()

    # 2. The verification link, from the development mail viewer.
    for _attempt in range(100):
        page.goto(f"{platform}/dev/mail/")
        link = page.locator(f"article:has-text('{APPLICANT}') a[href*='/bergabung/verifikasi/']")
        if link.count():
            break
        page.wait_for_timeout(200)
    link.first.click()
    page.get_by_role("button", name="Konfirmasi email saya").click()
    page.get_by_text("sedang meninjau pendaftaran Anda").wait_for()
    status_url = page.url

    # 3. A Tangerang coordinator approves in the platform admin.
    coordinator = page.context.browser.new_context(locale="id-ID").new_page()
    _sign_in(
        coordinator, platform, "koordinator@sinergi.test", "sinergi-demo-2026", coordinator_device
    )
    coordinator.get_by_role("link", name="Pendaftaran daerah (1)").click()
    coordinator.get_by_role("link", name="Kabupaten Lebak").click()
    coordinator.get_by_role("button", name="Setujui dan siapkan daerah").click()
    coordinator.get_by_text("Kabupaten Lebak disetujui").wait_for()
    coordinator.context.close()

    # 4. The status page follows the worker to the end by itself.
    page.goto(status_url)
    page.get_by_text("Kabupaten Lebak sudah aktif.").wait_for(timeout=60_000)
    assert page.locator("progress").get_attribute("value") == "100"
    assert page.locator("[data-step][data-state=done]").count() == 6

    # 5. The admin password, on the region's own host.
    page.get_by_role("link", name="Buat kata sandi admin").click()
    assert page.url.startswith(f"{region_site}/akun/lupa-sandi/")
    page.get_by_label("Sandi baru", exact=True).fill(PASSWORD)
    page.get_by_label("Konfirmasi sandi baru").fill(PASSWORD)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("heading", name="Kata sandi tersimpan").wait_for()

    # 6. The region admin, with a second step (an authenticator the admin set up).
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    with schema_context("lebak"):
        admin = User.objects.get(email=APPLICANT)
        device = TOTPDevice.objects.create(user=admin, name="Ponsel", confirmed=True)
    connection.set_schema_to_public()
    _sign_in(page, region_site, APPLICANT, PASSWORD, device)
    assert "Harga Bahan Pokok" in page.content()

    # 7. The region's own site.
    page.goto(f"{region_site}/")
    page.get_by_role("heading", name="Kabupaten Lebak", level=1).wait_for()
    assert "Harga Bahan Pokok" in page.content()
