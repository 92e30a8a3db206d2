"""One journey in a real browser: an employer registers a company with its NIB document,
Disnaker reads the document and verifies it; the employer posts a vacancy, Disnaker approves
it; a resident finds it by a word of the same stem, fills in a profile with a CV, gets an
AK/1 card and applies; the employer shortlists and hires; the placement appears in
Disnaker's statistics and on the resident's AK/1 record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils.timezone import now

pytestmark = pytest.mark.browser

PASSWORD = "Lowongan-Kerja-2026"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
COMPANY = "PT Niaga Ciputat Sejahtera"


def totp_code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def journey(committed_db):
    """An employer and a job seeker (residents) and the admin's authenticator, committed so
    the live server sees them; everything the journey commits in Tangsel is removed after."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from audit.models import AuditEntry
    from modules.jobs.models import Application, Company, CompanyDocument, Vacancy
    from notifications.models import Message, Notice
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    last = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for model in (User, AuditEntry, Message, Notice, Application, Vacancy, Company)
    }
    sessions = set(Session.objects.values_list("session_key", flat=True))
    admin = User.objects.get(email="admin@tangsel.test")
    device = TOTPDevice.objects.create(user=admin, name="Uji peramban", confirmed=True)
    people = {
        role: User.objects.create_user(
            email, PASSWORD, first_name=first, last_name=last_name, email_verified_at=now()
        )
        for role, email, first, last_name in (
            ("employer", "hrd@niaga-ciputat.test", "Yuni", "Personalia"),
            ("seeker", "rahmat@warga.test", "Rahmat", "Hidayat"),
        )
    }
    connection.set_schema_to_public()
    yield region, device, people
    connection.set_tenant(region)
    for document in CompanyDocument.objects.filter(company__pk__gt=last[Company]):
        document.file.delete(save=False)
    for model in (Application, Vacancy, Company, Notice, Message, AuditEntry):
        model.objects.filter(pk__gt=last[model]).delete()
    TOTPDevice.objects.filter(pk=device.pk).delete()
    User.objects.filter(pk__gt=last[User]).delete()
    Session.objects.exclude(session_key__in=sessions).delete()
    connection.set_schema_to_public()


def sign_in_resident(page, site: str, email: str) -> None:
    page.goto(f"{site}/akun/masuk/")
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{site}/akun/")


def sign_in_admin(page, site: str, device) -> None:
    page.goto(f"{site}/admin/login/")
    page.locator('input[name="username"]').fill("admin@tangsel.test")
    page.locator('input[name="password"]').fill("sinergi-demo-2026")
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url("**/akun/2fa/verifikasi/**")
    page.get_by_label("Kode 6 angka dari aplikasi autentikator").fill(totp_code(device))
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url(f"{site}/admin/")


def placements_in_trade(admin, site: str) -> str:
    admin.goto(f"{site}/admin/jobs/statistik/")
    row = admin.get_by_role("row", name="Perdagangan besar dan eceran").first
    return row.locator("td").last.inner_text()


def test_from_company_registration_to_a_placement_in_the_statistics(
    browser, live_server_port, journey, tmp_path
):
    region, device, people = journey
    site = f"http://tangsel.localhost:{live_server_port}"
    employer, disnaker, resident = (
        browser.new_context(locale="id-ID").new_page() for _ in range(3)
    )
    sign_in_admin(disnaker, site, device)
    placements_before = placements_in_trade(disnaker, site)

    # The employer registers the company.
    sign_in_resident(employer, site, "hrd@niaga-ciputat.test")
    employer.goto(f"{site}/kerja/")
    employer.get_by_role("link", name="Untuk perusahaan").click()
    employer.get_by_role("link", name="Daftarkan perusahaan").click()
    employer.get_by_label("Nama perusahaan").fill(COMPANY)
    employer.get_by_label("NIB", exact=True).fill("8120000123456")
    employer.get_by_label("Sektor usaha").select_option(label="Perdagangan besar dan eceran")
    employer.get_by_label("Alamat", exact=True).fill("Jl. Dewi Sartika No. 10, Ciputat")
    employer.get_by_label("Nama narahubung").fill("Yuni Personalia")
    employer.get_by_label("Telepon narahubung").fill("0217490000")
    employer.get_by_label("Email narahubung").fill("hrd@niaga-ciputat.test")
    nib = tmp_path / "nib-oss.pdf"
    nib.write_bytes(PDF + b"% NIB 8120000123456\n")
    employer.get_by_label("Dokumen NIB dari OSS (PDF)").set_input_files(str(nib))
    employer.get_by_role("button", name="Daftarkan").click()
    employer.get_by_text("menunggu verifikasi Disnaker").first.wait_for()

    # Disnaker reads the NIB document and verifies the company.
    disnaker.goto(f"{site}/admin/")
    disnaker.get_by_role("link", name="Siap Kerja", exact=True).click()
    disnaker.get_by_role("link", name=COMPANY).click()
    with disnaker.expect_download() as download:
        disnaker.get_by_role("link", name="Dokumen NIB (OSS): nib-oss.pdf").click()
    assert download.value.suggested_filename == "nib-oss.pdf"
    disnaker.get_by_role("button", name=f"Verifikasi {COMPANY}").click()
    disnaker.get_by_text(f"{COMPANY} kini berstatus Terverifikasi.").wait_for()

    # The employer writes a vacancy and submits it; Disnaker approves it.
    employer.reload()
    assert "Status: Terverifikasi" in employer.content()
    employer.get_by_role("link", name="Buat lowongan").click()
    employer.get_by_label("Jabatan", exact=True).fill("Staf Penjualan Lapangan")
    employer.get_by_label("Jenis pekerjaan").select_option(label="Penuh waktu")
    employer.get_by_label("Jumlah lowongan").fill("2")
    employer.get_by_label("Uraian pekerjaan").fill("Mengunjungi toko dan mencatat penjualan.")
    employer.get_by_label("Persyaratan", exact=True).fill("SMA/SMK, punya motor dan SIM C.")
    employer.get_by_label("Kecamatan", exact=True).select_option(label="Pondok Aren")
    employer.get_by_label("Gaji terendah per bulan (Rp)").fill("4.500.000")
    employer.get_by_label("Gaji tertinggi per bulan (Rp)").fill("5.000.000")
    closing = (region_today(region) + timedelta(days=21)).isoformat()
    employer.get_by_label("Tanggal tutup", exact=True).fill(closing)
    employer.get_by_role("button", name="Simpan konsep").click()
    employer.get_by_role("button", name="Ajukan ke Disnaker").click()
    employer.get_by_text("diajukan ke Disnaker").wait_for()

    disnaker.goto(f"{site}/admin/jobs/")
    disnaker.get_by_role("link", name="Staf Penjualan Lapangan").click()
    disnaker.get_by_role("button", name="Setujui Staf Penjualan Lapangan").click()
    disnaker.get_by_text("kini berstatus Tayang").wait_for()

    # A resident finds it by another form of the word, completes a profile and applies.
    sign_in_resident(resident, site, "rahmat@warga.test")
    resident.goto(f"{site}/kerja/")
    resident.get_by_label("Cari pekerjaan").fill("menjual")
    resident.get_by_role("button", name="Cari", exact=True).click()
    card = resident.get_by_role("article").filter(has_text="Staf Penjualan Lapangan")
    assert "Rp 4.500.000–Rp 5.000.000" in card.inner_text()
    card.get_by_role("link", name="Staf Penjualan Lapangan").click()
    resident.get_by_role("link", name="Lamar pekerjaan ini").click()
    resident.get_by_text("Lengkapi profil pencari kerja Anda dulu").wait_for()
    resident.get_by_label("Nomor telepon", exact=True).fill("081355550000")
    resident.get_by_label("Pendidikan terakhir").select_option(label="SMA/SMK/sederajat")
    resident.get_by_label("Keahlian", exact=True).fill("Mengemudi sepeda motor, berjualan")
    cv = tmp_path / "cv-rahmat.pdf"
    cv.write_bytes(PDF)
    resident.get_by_label("CV (PDF)").set_input_files(str(cv))
    resident.get_by_role("button", name="Simpan profil").click()
    resident.get_by_label("Surat pengantar").wait_for()

    # The resident asks for an AK/1 card; Disnaker issues it.
    apply_url = resident.url
    resident.goto(f"{site}/kerja/ak1/")
    resident.get_by_label("NIK", exact=True).fill("3674011708990003")
    resident.get_by_label("Nama lengkap sesuai KTP").fill("Rahmat Hidayat")
    resident.get_by_label("Tanggal lahir", exact=True).fill("1999-08-17")
    resident.get_by_label("Alamat sesuai KTP").fill("Jl. Ceger Raya No. 5, Pondok Aren")
    resident.get_by_role("button", name="Ajukan").click()
    resident.get_by_text("Permohonan kartu AK/1 terkirim ke Disnaker.").wait_for()
    disnaker.goto(f"{site}/admin/jobs/ak1/")
    disnaker.get_by_role("link", name="Rahmat Hidayat").click()
    disnaker.get_by_role("button", name="Terbitkan kartu Rahmat Hidayat").click()
    disnaker.get_by_text("kini berstatus Terbit").wait_for()

    resident.goto(apply_url)
    resident.get_by_label("Surat pengantar").fill("Saya tinggal di Pondok Aren.")
    resident.get_by_role("button", name="Kirim lamaran").click()
    resident.get_by_text("Tahap sekarang: Diterima").wait_for()

    # The employer shortlists, then hires.
    employer.goto(f"{site}/kerja/perusahaan/")
    employer.get_by_role("link", name=COMPANY).click()
    employer.get_by_role("link", name="Staf Penjualan Lapangan").click()
    employer.get_by_role("link", name="Rahmat Hidayat").click()
    assert "081355550000" in employer.content()
    employer.get_by_label("Pindahkan ke tahap").select_option(label="Lolos seleksi berkas")
    employer.get_by_label("Pesan untuk pelamar").fill("Wawancara Senin pukul 09.00.")
    employer.get_by_role("button", name="Simpan tahap").click()
    employer.get_by_text("Tahap lamaran diperbarui").wait_for()
    employer.get_by_label("Pindahkan ke tahap").select_option(label="Diterima bekerja")
    employer.get_by_role("button", name="Simpan tahap").click()
    employer.get_by_text("Tahap: Diterima bekerja").wait_for()

    resident.goto(f"{site}/kerja/lamaran/")
    row = resident.get_by_role("row").filter(has_text="Staf Penjualan Lapangan")
    assert "Diterima bekerja" in row.inner_text()

    # The placement is in Disnaker's statistics and on the resident's AK/1 record.
    assert int(placements_in_trade(disnaker, site)) == int(placements_before) + 1
    resident.goto(f"{site}/kerja/ak1/")
    resident.get_by_text(f"Ditempatkan di {COMPANY}").wait_for()
    for context_page in (employer, disnaker, resident):
        context_page.context.close()


def region_today(region):
    from modules.jobs.selectors import region_today as today

    connection.set_tenant(region)
    day = today()
    connection.set_schema_to_public()
    return day
