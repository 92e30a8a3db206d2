"""One journey in a real browser: the Kepala Diskominfo's office registers an incoming
letter, the Kepala disposes it to two sections, one section head disposes it further to
his staff; everyone reports done before the deadline and the Kepala sees the whole tree
closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.modules.jobs.test_browser import sign_in_admin

pytestmark = pytest.mark.browser

SUBJECT = "Undangan rapat koordinasi satu data"
PASSWORD = "sinergi-demo-2026"


@pytest.fixture
def journey(committed_db):
    """The admin's authenticator, committed so the live server sees it; everything the
    journey commits in Tangsel is removed afterwards."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from audit.models import AuditEntry
    from modules.eoffice.models import Letter
    from notifications.models import Message, Notice
    from organisation.models import InboxItem
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    models = (Letter, InboxItem, AuditEntry, Message, Notice)
    last = {m: m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for m in models}
    sessions = set(Session.objects.values_list("session_key", flat=True))
    admin = User.objects.get(email="admin@tangsel.test")
    device = TOTPDevice.objects.create(user=admin, name="Uji peramban", confirmed=True)
    connection.set_schema_to_public()
    yield region, device
    connection.set_tenant(region)
    for model in models:
        model.objects.filter(pk__gt=last[model]).delete()
    TOTPDevice.objects.filter(pk=device.pk).delete()
    Session.objects.exclude(session_key__in=sessions).delete()
    connection.set_schema_to_public()


def sign_in_staff(page, site: str, email: str) -> None:
    page.goto(f"{site}/admin/login/")
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url(f"{site}/admin/")


def open_letter(page, site: str) -> None:
    page.goto(f"{site}/admin/eoffice/")
    page.get_by_role("link", name=SUBJECT).first.click()
    page.get_by_role("heading", name="Alur disposisi").wait_for()


def report_done(page, site: str, text: str) -> None:
    open_letter(page, site)
    page.get_by_label("Laporan tindak lanjut").fill(text)
    page.get_by_role("button", name="Laporkan selesai").click()
    page.get_by_text("Laporan selesai dikirim ke pemberi disposisi.").wait_for()


def test_an_incoming_letter_is_disposed_down_two_levels_and_reported_done(
    browser, live_server_port, journey, tmp_path
):
    _region, device = journey
    site = f"http://tangsel.localhost:{live_server_port}"
    kepala, aptika, ikp, staf = (browser.new_context(locale="id-ID").new_page() for _ in range(4))
    sign_in_admin(kepala, site, device)
    deadline = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    # The letter is registered with its scan and lands in the Kepala's inbox.
    scan = tmp_path / "undangan.pdf"
    scan.write_bytes(_scan())
    kepala.goto(f"{site}/admin/eoffice/")
    kepala.get_by_role("link", name="Catat surat masuk").click()
    kepala.get_by_label("Pengirim").fill("Kementerian PPN/Bappenas")
    kepala.get_by_label("Nomor surat").fill("005/77/Bappenas/2026")
    kepala.get_by_label("Tanggal surat").fill(timezone.localdate().isoformat())
    kepala.get_by_label("Perihal").fill(SUBJECT)
    kepala.get_by_label("Kode klasifikasi").select_option(label="000.5 Undangan")
    kepala.get_by_label("Sifat").select_option(label="Segera")
    kepala.get_by_label("Pindaian surat (PDF)").set_input_files(str(scan))
    kepala.get_by_role("button", name="Simpan").click()
    kepala.get_by_text("Surat masuk dicatat").wait_for()

    # The Kepala disposes it to two sections.
    kepala.get_by_label("Kepala Bidang Aplikasi Informatika").check()
    kepala.get_by_label("Kepala Bidang Informasi dan Komunikasi Publik").check()
    kepala.get_by_label("Instruksi").select_option(label="Hadiri / wakili")
    kepala.get_by_label("Catatan").fill("Siapkan bahan paparan.")
    kepala.get_by_label("Batas waktu").fill(deadline)
    kepala.get_by_role("button", name="Kirim disposisi").click()
    kepala.get_by_text("Disposisi dikirim.").wait_for()

    # One section head disposes it further to his staff.
    sign_in_staff(aptika, site, "kabid.aptika@tangsel.test")
    aptika.goto(f"{site}/admin/eoffice/")
    assert aptika.locator('[data-counter="open"]').inner_text() != "0"
    open_letter(aptika, site)
    aptika.get_by_label("Pranata Komputer").check()
    aptika.get_by_label("Instruksi").select_option(label="Siapkan jawaban")
    aptika.get_by_label("Batas waktu").fill(deadline)
    aptika.get_by_role("button", name="Kirim disposisi").click()
    aptika.get_by_text("Disposisi dikirim.").wait_for()

    # Everyone reports done, from the bottom up.
    sign_in_staff(staf, site, "staf.aptika@tangsel.test")
    report_done(staf, site, "Bahan paparan sudah disiapkan.")
    report_done(aptika, site, "Rapat dihadiri, notulen terlampir.")
    sign_in_staff(ikp, site, "kabid.ikp@tangsel.test")
    report_done(ikp, site, "Publikasi kegiatan sudah dijadwalkan.")

    kepala.reload()
    tree = kepala.locator(".eoffice-tree")
    assert tree.locator(".eoffice-done").count() == 3
    assert "Rapat dihadiri, notulen terlampir." in tree.inner_text()
    assert "belum dibaca" not in tree.inner_text()
    for page in (kepala, aptika, ikp, staf):
        page.context.close()


def _scan() -> bytes:
    from modules.eoffice.pdf import sample_scan

    return sample_scan(SUBJECT, ("Kementerian PPN/Bappenas",))
