"""One journey in a real browser: a resident on a phone reports a broken street light with a
photo and a map pin, without an account, and gets a tracking code; the Dinas Perhubungan
officer answers in the admin; the resident sees "Selesai" and rates it.

The browser never leaves the machine: map tiles are answered locally, anything else that is
not the live server is refused."""

from __future__ import annotations

import base64
import io
import os
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.db import connection
from PIL import Image
from playwright.sync_api import expect

from tests.modules.laksa.conftest import jpeg_with_gps

pytestmark = pytest.mark.browser

PASSWORD = "Lampu-Jalan-Terang-26"
OFFICER = "kadishub@tangsel.test"
TITLE = "Lampu jalan mati di Jl. Merpati Raya"
PHONE = {"width": 390, "height": 844}
# A 1x1 grey PNG stands in for every map tile.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg=="
)


def _marks(models) -> dict:
    return {m: m.objects.order_by("-id").values_list("id", flat=True).first() or 0 for m in models}


@pytest.fixture
def journey(committed_db):
    """Dinas Perhubungan's head (an officer with a password), committed for the live server,
    and every row the journey adds in the region removed afterwards."""
    from django.contrib.auth.models import Group
    from django.contrib.sessions.models import Session

    from accounts.models import User
    from audit.models import AuditEntry
    from modules.laksa.models import Report
    from notifications.models import Message, Notice
    from organisation import services as organisation
    from organisation.models import Assignment, InboxItem, Position
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    marks = _marks([AuditEntry, Message, Notice, InboxItem, Report])
    sessions = set(Session.objects.values_list("session_key", flat=True))
    officer = User.objects.create_user(
        OFFICER, PASSWORD, first_name="Bambang", last_name="Kadishub", is_staff=True
    )
    officer.groups.add(Group.objects.get(name="Petugas OPD LAKSA"))
    organisation.assign(
        actor=None,
        user=officer,
        position=Position.objects.get(code="DISHUB.KEPALA"),
        kind="definitif",
        starts_at=date(2025, 1, 2),
    )
    connection.set_schema_to_public()
    yield region
    connection.set_tenant(region)
    for report in Report.objects.filter(id__gt=marks[Report]):
        for photo in report.photos.all():
            photo.image.delete(save=False)
        report.delete()
    for model in (InboxItem, Message, Notice, AuditEntry):
        model.objects.filter(id__gt=marks[model]).delete()
    Assignment.objects.filter(user=officer).delete()
    officer.delete()
    Session.objects.exclude(session_key__in=sessions).delete()
    connection.set_schema_to_public()


def _only_this_machine(page, port: int) -> None:
    def handle(route):
        url = urlsplit(route.request.url)
        if url.hostname and url.hostname.endswith("localhost") and url.port == port:
            route.continue_()
        elif url.hostname == "tile.openstreetmap.org":
            route.fulfill(status=200, content_type="image/png", body=TILE)
        else:
            route.abort()

    page.route("**/*", handle)


def _phone_photo() -> dict:
    """A large photo with GPS EXIF, as a phone camera makes it (noise: it does not compress)."""
    exif = Image.open(io.BytesIO(jpeg_with_gps((8, 8)))).getexif()
    image = Image.frombytes("RGB", (1800, 1800), os.urandom(1800 * 1800 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=92)
    return {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def test_a_resident_reports_on_a_phone_an_officer_answers_and_the_resident_sees_it_done(
    browser, live_server_port, journey
):
    site = f"http://tangsel.localhost:{live_server_port}"
    phone = browser.new_context(locale="id-ID", viewport=PHONE, is_mobile=True, has_touch=True)
    resident = phone.new_page()
    _only_this_machine(resident, live_server_port)

    resident.goto(f"{site}/laksa/lapor/")
    resident.get_by_label("Kategori").select_option(label="Penerangan Jalan Umum")
    resident.get_by_label("Judul").fill(TITLE)
    resident.get_by_label("Uraian").fill("Tiga lampu mati sejak Senin, jalan gelap sekali.")
    resident.locator("[data-laksa-picker]").click()  # a pin in the middle of the map
    expect(resident.get_by_label("Lintang")).to_have_value(re.compile(r"^-6\."))
    photo = _phone_photo()
    resident.get_by_label("Foto (boleh lebih dari satu)").set_input_files(photo)
    resident.get_by_label("Anonim").check()
    with resident.expect_request(lambda r: r.method == "POST") as sent:
        resident.get_by_role("button", name="Kirim laporan").click()
    resident.wait_for_url("**/laksa/lacak/**")
    # The phone shrank the photo before sending it.
    assert len(photo["buffer"]) > 2_000_000 > len(sent.value.post_data_buffer)
    code = resident.locator(".laksa-code strong").inner_text()
    assert f"Kode pelacakan Anda: {code}" in resident.locator("main").inner_text()
    assert "Menunggu" in resident.locator(".laksa-current").inner_text()
    assert resident.locator(".laksa-photos img").count() == 1
    # The photo comes from the checked tracking-code view (no /media/ address) and loads.
    resident.locator(".laksa-photos img").scroll_into_view_if_needed()
    resident.wait_for_function(
        "() => { const i = document.querySelector('.laksa-photos img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    assert f"/laksa/lacak/{code}/foto/" in resident.locator(".laksa-photos img").get_attribute(
        "src"
    )

    officer = browser.new_context(locale="id-ID").new_page()
    _only_this_machine(officer, live_server_port)
    officer.goto(f"{site}/admin/login/")
    officer.locator('input[name="username"]').fill(OFFICER)
    officer.locator('input[name="password"]').fill(PASSWORD)
    officer.locator('input[name="password"]').press("Enter")
    officer.wait_for_url(f"{site}/admin/")
    officer.goto(f"{site}/admin/laksa/tindak-lanjut/")
    officer.get_by_role("link", name=f"{code}: {TITLE}").click()
    # The click only starts the navigation: wait for the report page's text, not a half page.
    expect(officer.locator("main")).to_contain_text("Identitas pelapor dirahasiakan")
    officer.get_by_label("Tanggapan untuk pelapor").fill("Lampu sudah diganti petugas UPT PJU.")
    officer.get_by_label("Selesai").check()
    officer.get_by_role("button", name="Kirim tanggapan").click()
    officer.get_by_text(f"Tanggapan atas laporan {code} dikirim.").wait_for()
    officer.context.close()

    resident.reload()
    assert "Selesai" in resident.locator(".laksa-current").inner_text()
    assert "Lampu sudah diganti petugas UPT PJU." in resident.locator("main").inner_text()
    resident.get_by_label("5", exact=True).check()
    resident.get_by_role("button", name="Kirim penilaian").click()
    resident.get_by_text("Terima kasih atas penilaian Anda.").wait_for()
    phone.close()


DUPLICATE = "Lampu jalan mati di depan Masjid Al-Ikhlas"


def test_a_duplicate_is_offered_and_followed_instead_of_filed(browser, live_server_port, journey):
    from modules.laksa import services
    from modules.laksa.models import Category, Follower, Report

    connection.set_tenant(journey)
    existing = services.submit_report(
        kind="pengaduan",
        category=Category.objects.get(code="penerangan-jalan-umum"),
        title=DUPLICATE,
        description="Dua lampu mati.",
        privacy="anonim",
        latitude="-6.301000",
        longitude="106.701000",
        reporter_name="Pelapor Pertama",
        reporter_email="pertama@example.test",
    )
    services.verify_report(existing, actor=None)
    filed_before = Report.objects.count()
    connection.set_schema_to_public()
    site = f"http://tangsel.localhost:{live_server_port}"
    phone = browser.new_context(locale="id-ID", viewport=PHONE, is_mobile=True, has_touch=True)
    resident = phone.new_page()
    _only_this_machine(resident, live_server_port)

    resident.goto(f"{site}/laksa/lapor/")
    resident.get_by_label("Kategori").select_option(label="Penerangan Jalan Umum")
    resident.get_by_label("Judul").fill("Lampu mati dekat masjid")
    resident.get_by_label("Lintang").fill("-6.301200")  # about 22 m away
    resident.get_by_label("Bujur").fill("106.701000")
    offer = resident.locator("[data-laksa-similar]")
    offer.get_by_text("Apakah ini masalah yang sama?").wait_for()
    assert DUPLICATE in offer.inner_text()
    assert "Pelapor Pertama" not in offer.inner_text()
    offer.get_by_role("link", name="Ya, ini masalah yang sama: ikuti laporan ini").click()
    resident.wait_for_url(f"**/laksa/laporan/{existing.pk}/**")
    resident.get_by_label("Email Anda").fill("tetangga@example.test")
    resident.get_by_role("button", name="Ikuti laporan ini").click()
    resident.get_by_text("Anda mengikuti laporan ini").wait_for()
    phone.close()

    connection.set_tenant(journey)
    assert Report.objects.count() == filed_before
    assert Follower.objects.filter(report=existing, email="tetangga@example.test").exists()
    connection.set_schema_to_public()
