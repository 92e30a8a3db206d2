"""Two journeys in a real browser. Incoming: the Kepala Diskominfo's office registers a
letter, the Kepala disposes it to two sections, one section head disposes it further to his
staff; everyone reports done before the deadline and the Kepala sees the whole tree closed.
Outgoing: a staff member drafts a letter, the section head returns it once with a comment,
it is revised, resubmitted and initialled, the Kepala signs it with his signing PIN, it gets
its number, and anyone can check it on its QR verification page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect

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
    from signing.models import (
        CertificateAuthority,
        SignerCertificate,
        SigningCredential,
        VerificationRecord,
    )

    from accounts.models import User
    from audit.models import AuditEntry
    from modules.eoffice.models import Letter, NumberCounter
    from notifications.models import Message, Notice
    from organisation.models import InboxItem
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    models = (
        Letter,
        InboxItem,
        AuditEntry,
        Message,
        Notice,
        VerificationRecord,
        SignerCertificate,
        SigningCredential,
        CertificateAuthority,
    )
    last = {m: m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for m in models}
    counters = {c.pk: c.last for c in NumberCounter.objects.all()}
    sessions = set(Session.objects.values_list("session_key", flat=True))
    admin = User.objects.get(email="admin@tangsel.test")
    device = TOTPDevice.objects.create(user=admin, name="Uji peramban", confirmed=True)
    connection.set_schema_to_public()
    yield region, device
    connection.set_tenant(region)
    for model in models:
        model.objects.filter(pk__gt=last[model]).delete()
    NumberCounter.objects.exclude(pk__in=counters).delete()
    for pk, value in counters.items():
        NumberCounter.objects.filter(pk=pk).update(last=value)
    TOTPDevice.objects.filter(pk=device.pk).delete()
    Session.objects.exclude(session_key__in=sessions).delete()
    connection.set_schema_to_public()


def sign_in_staff(page, site: str, email: str) -> None:
    page.goto(f"{site}/admin/login/")
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url(f"{site}/admin/")


def open_letter(page, site: str, subject: str = SUBJECT, heading: str = "Alur disposisi") -> None:
    page.goto(f"{site}/admin/eoffice/")
    page.get_by_role("link", name=subject).first.click()
    page.get_by_role("heading", name=heading).first.wait_for()


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


OUTGOING = "Undangan rapat evaluasi SPBE triwulan III"
PIN = "246810"


def position_value(code: str) -> str:
    from organisation import api as organisation

    return str(organisation.position_by_code(code).pk)


def test_an_outgoing_letter_is_returned_once_signed_numbered_and_verified(
    browser, live_server_port, journey, tmp_path
):
    region, device = journey
    from signing import api as signing_api

    from accounts.models import User
    from modules.eoffice.models import Classification

    connection.set_tenant(region)
    admin = User.objects.get(email="admin@tangsel.test")
    signing_api.set_signing_pin(admin, PIN)
    signer = admin.get_full_name() or admin.email
    head, aptika, ikp, staff = (position_value(c) for c in POSITIONS)
    undangan = str(Classification.objects.get(code="000.5").pk)
    connection.set_schema_to_public()
    site = f"http://tangsel.localhost:{live_server_port}"
    drafter, reviewer, kepala, citizen = (
        browser.new_context(locale="id-ID").new_page() for _ in range(4)
    )

    # The drafter writes the letter: one reviewer, the Kepala signs, the IKP section receives.
    sign_in_staff(drafter, site, "staf.aptika@tangsel.test")
    drafter.goto(f"{site}/admin/eoffice/keluar/baru/")
    drafter.get_by_label("Jenis naskah").select_option(label="Surat keluar")
    drafter.get_by_label("Konseptor (jabatan)").select_option(value=staff)
    drafter.get_by_label("Perihal").fill(OUTGOING)
    drafter.get_by_label("Kepada (tujuan luar)").fill("Para Kepala Perangkat Daerah")
    drafter.get_by_label("Isi", exact=True).fill("Dengan hormat, rapat diadakan Kamis.")
    drafter.get_by_label("Kode klasifikasi").select_option(value=undangan)
    drafter.get_by_label("Pemaraf 1").select_option(value=aptika)
    drafter.get_by_label("Penandatangan").select_option(value=head)
    drafter.get_by_label("Penerima di lingkungan pemda").select_option(value=ikp)
    drafter.get_by_role("button", name="Simpan").click()
    drafter.get_by_text("Konsep disimpan.").wait_for()
    drafter.get_by_role("button", name="Ajukan untuk paraf").click()
    drafter.get_by_text("Konsep diajukan.").wait_for()

    # The section head returns it once with a comment.
    sign_in_staff(reviewer, site, "kabid.aptika@tangsel.test")
    open_letter(reviewer, site, OUTGOING, heading="Paraf")
    reviewer.get_by_label("Kembalikan ke konseptor").check()
    reviewer.get_by_label("Catatan").fill("Tambahkan tempat rapat.")
    reviewer.get_by_role("button", name="Simpan keputusan").click()
    reviewer.get_by_text("Keputusan paraf disimpan.").wait_for()

    # The drafter sees the comment, revises and resubmits; the section head initials it.
    open_letter(drafter, site, OUTGOING, heading="Konsep")
    assert "Tambahkan tempat rapat." in drafter.locator("main").inner_text()
    drafter.get_by_role("link", name="Ubah konsep").click()
    drafter.get_by_label("Isi").fill("Dengan hormat, rapat diadakan Kamis di Aula Diskominfo.")
    drafter.get_by_role("button", name="Simpan").click()
    drafter.get_by_text("Konsep diperbarui.").wait_for()
    drafter.get_by_role("button", name="Ajukan untuk paraf").click()
    drafter.get_by_text("Konsep diajukan.").wait_for()
    open_letter(reviewer, site, OUTGOING, heading="Paraf")
    reviewer.get_by_label("Paraf (setujui)").check()
    reviewer.get_by_role("button", name="Simpan keputusan").click()
    reviewer.get_by_text("Keputusan paraf disimpan.").wait_for()

    # The Kepala re-authenticates with his signing PIN; the letter gets its number.
    sign_in_admin(kepala, site, device)
    open_letter(kepala, site, OUTGOING, heading="Tanda tangan elektronik")
    kepala.get_by_label("Kata sandi").fill(PASSWORD)
    kepala.get_by_label("atau PIN tanda tangan").fill(PIN)
    kepala.get_by_role("button", name="Tanda tangani").click()
    kepala.get_by_text("Naskah ditandatangani dan dikirim.").wait_for()
    year = timezone.localdate().year
    number = kepala.locator("[data-letter-number]").inner_text()
    assert number.startswith("000.5/") and number.endswith(f"/{year}"), number
    with kepala.expect_download() as download:
        kepala.get_by_role("link", name="Naskah bertanda tangan").click()
    signed = download.value.path().read_bytes()
    assert signed.startswith(b"%PDF-")

    # Anyone opens the QR page, sees who signed as what and when, and checks the files.
    connection.set_tenant(region)
    from modules.eoffice.models import Letter

    verify_path = Letter.objects.get(subject=OUTGOING).verify_path
    connection.set_schema_to_public()
    citizen.goto(site + verify_path)
    record = citizen.locator("dl").inner_text()
    assert signer in record and "Kepala Dinas Komunikasi dan Informatika" in record
    assert str(year) in record and "WIB" in record
    (tmp_path / "surat.pdf").write_bytes(signed)
    (tmp_path / "surat-palsu.pdf").write_bytes(_tampered(signed))
    citizen.get_by_label("Berkas PDF yang ingin diperiksa").set_input_files(tmp_path / "surat.pdf")
    citizen.get_by_role("button", name="Periksa berkas").click()
    expect(citizen.get_by_role("status")).to_have_text(re.compile(r"^\s*SAH"))
    citizen.get_by_label("Berkas PDF yang ingin diperiksa").set_input_files(
        tmp_path / "surat-palsu.pdf"
    )
    citizen.get_by_role("button", name="Periksa berkas").click()
    # The previous answer is still on screen until the new page arrives: wait for the change.
    expect(citizen.get_by_role("status")).to_have_text(re.compile(r"^\s*TIDAK SAH"))
    for page in (drafter, reviewer, kepala, citizen):
        page.context.close()


POSITIONS = (
    "DISKOMINFO.KEPALA",
    "DISKOMINFO.APTIKA.KEPALA",
    "DISKOMINFO.IKP.KEPALA",
    "DISKOMINFO.APTIKA.STAF",
)


def _tampered(pdf: bytes) -> bytes:
    from tests.modules.eoffice.test_signing import _tampered as flip_a_signed_byte

    return flip_a_signed_byte(pdf)


def _scan() -> bytes:
    from modules.eoffice.pdf import sample_scan

    return sample_scan(SUBJECT, ("Kementerian PPN/Bappenas",))
