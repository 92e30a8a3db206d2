"""Journeys in a real browser: a region admin asks and the mentor answers; the admin grants
the mentor two hours, the mentor enters from the console and changes a setting, the region
sees it in its audit log; after revocation the mentor is refused."""

from __future__ import annotations

import re
import secrets

import pytest
from django.db import connection
from django_tenants.utils import schema_context
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
TAGLINE = "Kota cerdas, warga berdaya (diubah mentor)"


@pytest.fixture
def journey(committed_db):
    """The admin's authenticator, committed for the live server; everything the journey
    commits (in Tangsel and in the public schema) is removed afterwards."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from audit.models import AuditEntry
    from notifications.models import Message, Notice
    from partnership.models import SupportGrantMirror, SupportThread
    from partnership.region.models import SupportGrant
    from tenants.models import Region
    from themes.models import Branding

    region = Region.objects.get(slug="tangsel")
    watched = (User, AuditEntry, Message, Notice, SupportGrant, Session)
    public_watched = (AuditEntry, Message, Notice, SupportGrantMirror, SupportThread, Session)

    def marks(models):
        return {
            model: set(model.objects.values_list("pk", flat=True))
            if model is Session
            else model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            for model in models
        }

    public_before = marks(public_watched)
    key = secrets.token_hex(20)
    with schema_context(region.schema_name):
        before = marks(watched)
        tagline = Branding.objects.get().tagline
        admin = User.objects.get(email="admin@tangsel.test")
        device = TOTPDevice.objects.create(user=admin, name="Uji peramban", key=key, confirmed=True)
    yield region, key
    for schema, models, last in (
        (region.schema_name, watched, before),
        ("public", public_watched, public_before),
    ):
        with schema_context(schema):
            for model in models:
                if model is Session:
                    model.objects.exclude(pk__in=last[model]).delete()
                else:
                    model.objects.filter(pk__gt=last[model]).delete()
    with schema_context(region.schema_name):
        TOTPDevice.objects.filter(pk=device.pk).delete()
        Branding.objects.update(tagline=tagline)
    connection.set_schema_to_public()


def sign_in_admin(page, site: str, key: str) -> None:
    from django_otp.oath import TOTP

    page.goto(f"{site}/admin/login/")
    page.locator("input[name=username]").fill("admin@tangsel.test")
    page.locator("input[name=password]").fill("sinergi-demo-2026")
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/akun/2fa/"))
    page.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(
        str(TOTP(bytes.fromhex(key)).token()).zfill(6)
    )
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def sign_in_mentor(page, platform: str) -> None:
    page.goto(f"{platform}/admin/login/")
    page.locator("input[name=username]").fill("mentor@sinergi.test")
    page.locator("input[name=password]").fill("sinergi-demo-2026")
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.fixture
def people(browser, live_server_port, journey):
    region, key = journey
    site = f"http://tangsel.localhost:{live_server_port}"
    platform = f"http://localhost:{live_server_port}"
    admin, mentor = (browser.new_context(locale="id-ID").new_page() for _ in range(2))
    sign_in_admin(admin, site, key)
    sign_in_mentor(mentor, platform)
    yield admin, mentor, site, platform
    for page in (admin, mentor):
        page.context.close()


def test_the_admin_asks_the_mentor_answers_and_the_admin_sees_it(people):
    admin, mentor, site, platform = people

    admin.goto(f"{site}/admin/")
    admin.get_by_role("link", name="Tanya mentor").click()
    admin.get_by_label("Pertanyaan singkat").fill("Bagaimana menambah kategori banjir?")
    admin.get_by_label("Penjelasan").fill("Warga kami sering melapor genangan.")
    admin.get_by_role("button", name="Kirim pertanyaan").click()
    admin.get_by_text("Pertanyaan terkirim ke mentor Tangerang.").wait_for()

    mentor.goto(f"{platform}/admin/")
    mentor.get_by_role("link", name="Utas dukungan").click()
    mentor.get_by_role("link", name="Bagaimana menambah kategori banjir?").click()
    mentor.get_by_label("Pesan").fill("Buka LAKSA: kategori, lalu Tambah kategori.")
    mentor.get_by_role("button", name="Kirim").click()
    mentor.get_by_text("Jawaban terkirim ke Kota Tangerang Selatan.").wait_for()

    admin.reload()
    assert admin.get_by_text("Buka LAKSA: kategori, lalu Tambah kategori.").is_visible()
    assert admin.get_by_text("Dijawab", exact=True).is_visible()


def test_a_two_hour_grant_a_changed_setting_in_the_audit_log_and_a_revocation(people):
    admin, mentor, site, platform = people

    admin.goto(f"{site}/admin/")
    admin.get_by_role("link", name="Dukungan Tangerang").click()
    admin.get_by_label("Mentor Tangerang").select_option(label="Budi Mentor <mentor@sinergi.test>")
    admin.get_by_label("Lama akses (jam)").fill("2")
    admin.get_by_label("Cakupan").select_option(label="Pengaturan & tampilan situs")
    admin.get_by_label("Keperluan").fill("Membantu warna dan logo")
    admin.get_by_role("button", name="Beri akses").click()
    admin.get_by_text("Budi Mentor boleh masuk sampai").wait_for()

    mentor.goto(f"{platform}/admin/kemitraan/akses/")
    mentor.get_by_role("button", name="Masuk ke Kota Tangerang Selatan").click()
    mentor.wait_for_url(f"{site}/admin/")
    mentor.goto(f"{site}/admin/tampilan/")
    mentor.get_by_label("Slogan").fill(TAGLINE)
    mentor.get_by_label("Slogan").press("Enter")
    mentor.wait_for_url(re.compile(r"/admin/"))

    admin.goto(f"{site}/admin/log-audit/")
    row = admin.get_by_role("row").filter(has_text="themes.change_branding").first
    assert "mentor@sinergi.test" in row.inner_text()
    assert "Mentor Tangerang" in row.inner_text()

    admin.goto(f"{site}/admin/dukungan/akses/")
    admin.get_by_role("button", name="Cabut akses").click()
    admin.get_by_text("Akses Budi Mentor dicabut.").wait_for()

    mentor.goto(f"{site}/admin/tampilan/")
    assert mentor.get_by_role("heading", name="Akses dukungan berakhir").is_visible()
    mentor.goto(f"{site}/admin/")
    assert "/login/" in mentor.url


def test_the_map_of_partner_regions_draws_on_a_plain_background_without_tiles(
    committed_db, live_server_port, page
):
    """No tile server is reachable (every outside request is refused): the markers stay."""
    from django.contrib.sessions.models import Session

    platform = f"http://localhost:{live_server_port}"
    sessions = set(Session.objects.values_list("pk", flat=True))
    page.route(re.compile(r"^https?://(?!localhost|[a-z]+\.localhost)"), lambda r: r.abort())
    try:
        sign_in_mentor(page, platform)
        page.goto(f"{platform}/admin/kemitraan/adopsi/")
        page.locator(".partnership-map--plain").wait_for()
        assert page.locator(".partnership-map path.leaflet-interactive").count() >= 3
        page.locator(".partnership-map path.leaflet-interactive").last.click()  # Balikpapan
        expect(page.locator(".leaflet-popup a", has_text="Kota Balikpapan")).to_be_visible()
    finally:
        Session.objects.exclude(pk__in=sessions).delete()
