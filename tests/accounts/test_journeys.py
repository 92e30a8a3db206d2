"""The people journeys of the shared core, in a real browser against a real server and a
real worker (mail goes through the outbox to the development mailbox)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from django.db import connection

from notifications.testing import last_email_to, links_in

pytestmark = [pytest.mark.browser, pytest.mark.worker]

PASSWORD = "Taman-Kota-Bersih-26"


def totp_code(bin_key: bytes, steps_ahead: int = 0) -> str:
    """The code an authenticator shows; a code is accepted once, so a second sign-in within
    the same 30 seconds uses the next one (django-otp allows one step of drift)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(bin_key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


@pytest.fixture
def tangsel_committed(committed_db):
    """Tangsel, with everything the journey commits there removed afterwards."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Invitation, User
    from audit.models import AuditEntry
    from notifications.models import Message
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    marks = {
        "users": User.objects.order_by("-id").values_list("id", flat=True).first(),
        "audit": AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0,
        "messages": Message.objects.order_by("-id").values_list("id", flat=True).first() or 0,
        "sessions": set(Session.objects.values_list("session_key", flat=True)),
    }
    admin = User.objects.get(email="admin@tangsel.test")
    device = TOTPDevice.objects.create(user=admin, name="Uji peramban", confirmed=True)
    connection.set_schema_to_public()
    yield region, device
    connection.set_tenant(region)
    TOTPDevice.objects.filter(user__id__gt=marks["users"]).delete()
    TOTPDevice.objects.filter(pk=device.pk).delete()
    Invitation.objects.all().delete()
    User.objects.filter(id__gt=marks["users"]).delete()
    AuditEntry.objects.filter(id__gt=marks["audit"]).delete()
    Message.objects.filter(id__gt=marks["messages"]).delete()
    Session.objects.exclude(session_key__in=marks["sessions"]).delete()
    connection.set_schema_to_public()


def _sign_in_admin(page, site: str, device) -> None:
    page.goto(f"{site}/admin/login/")
    page.locator('input[name="username"]').fill("admin@tangsel.test")
    page.locator('input[name="password"]').fill("sinergi-demo-2026")
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url("**/akun/2fa/verifikasi/**")
    page.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(totp_code(device.bin_key))
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url(f"{site}/admin/")


def test_admin_invites_an_officer_who_sets_a_password_turns_on_two_step_and_signs_in(
    browser, live_server_port, q_worker, tangsel_committed
):
    _region, device = tangsel_committed
    site = f"http://tangsel.localhost:{live_server_port}"
    admin = browser.new_context(locale="id-ID").new_page()
    _sign_in_admin(admin, site, device)

    admin.get_by_role("link", name="Staf").click()
    admin.get_by_label("Nama lengkap").fill("Siti Rahma")
    admin.get_by_label("Alamat email dinas").fill("siti.rahma@dishub.tangsel.test")
    admin.get_by_label("Petugas Harga Pasar").check()
    admin.get_by_role("button", name="Kirim undangan").click()
    admin.get_by_text("Undangan terkirim").wait_for()

    invitation = last_email_to("siti.rahma@dishub.tangsel.test", timeout=30)
    link = next(url for url in links_in(invitation) if "/akun/undangan/" in url)
    officer = browser.new_context(locale="id-ID").new_page()
    officer.goto(link)
    officer.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    officer.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    officer.get_by_role("button", name="Simpan kata sandi").click()

    officer.wait_for_url("**/akun/2fa/atur/**")
    secret = officer.locator("#kunci-rahasia").inner_text()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    officer.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(totp_code(key))
    officer.get_by_role("button", name="Aktifkan").click()
    officer.wait_for_url(f"{site}/admin/")

    officer = browser.new_context(locale="id-ID").new_page()  # another day, a new session
    officer.goto(f"{site}/admin/login/")
    officer.locator('input[name="username"]').fill("siti.rahma@dishub.tangsel.test")
    officer.locator('input[name="password"]').fill(PASSWORD)
    officer.locator('input[name="password"]').press("Enter")
    officer.wait_for_url("**/akun/2fa/verifikasi/**")
    officer.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(totp_code(key, 1))
    officer.get_by_role("button", name="Lanjutkan").click()
    officer.wait_for_url(f"{site}/admin/")
    assert "Harga Bahan Pokok" in officer.content()
    assert "Siti" in officer.content()


def test_resident_signs_up_signs_in_sees_akun_saya_downloads_data_and_leaves(
    page, live_server_port, q_worker, tangsel_committed
):
    site = f"http://tangsel.localhost:{live_server_port}"
    email = "dewi.lestari@warga.test"

    page.goto(f"{site}/akun/daftar/")
    page.get_by_label("Nama lengkap").fill("Dewi Lestari")
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar").click()
    page.get_by_role("heading", name="Periksa email Anda").wait_for()

    last_email_to(email, timeout=30)  # the worker has delivered it to the mailbox
    page.goto(f"http://localhost:{live_server_port}/dev/mail/")
    page.get_by_text("Verifikasi email akun Kota Tangerang Selatan").first.wait_for()
    page.locator("a[href*='/akun/verifikasi/']").first.click()
    page.wait_for_url(f"{site}/akun/masuk/")

    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{site}/akun/")
    assert page.get_by_role("heading", name="Akun saya").is_visible()
    assert email in page.content()

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh data saya (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["akun"]["email"] == email

    page.get_by_role("link", name="Hapus akun saya").click()
    page.get_by_label("Kata sandi Anda, untuk memastikan").fill(PASSWORD)
    page.get_by_role("button", name="Hapus akun selamanya").click()
    page.get_by_role("heading", name="Akun Anda sudah dihapus").wait_for()
