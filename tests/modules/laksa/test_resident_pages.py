"""Residents report with or without an account, follow their report by its tracking code,
rate it or reopen it, and see the public list and map."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.modules.laksa.conftest import (
    REPORTER_EMAIL,
    RESIDENT,
    admin_of,
    category,
    file_report,
    in_region,
    upload,
)

pytestmark = pytest.mark.django_db


def form_data(region, **overrides) -> dict:
    in_region(region)
    data = {
        "kind": "pengaduan",
        "category": category("penerangan-jalan-umum").pk,
        "title": "Lampu jalan mati di Jl. Merpati",
        "description": "Tiga lampu mati sejak Senin malam.",
        "address": "Jl. Merpati No. 3",
        "latitude": "",
        "longitude": "",
        "privacy": "publik",
        "reporter_name": "Rahmat Hidayat",
        "reporter_email": REPORTER_EMAIL,
        "situs": "",
        **overrides,
    }
    connection.set_schema_to_public()
    return data


def _report(region, **filters):
    from modules.laksa.models import Report

    in_region(region)
    return Report.objects.filter(**filters).first()


def test_a_resident_without_an_account_reports_with_a_photo_and_gets_a_tracking_code(
    site_client, tangsel
):
    client = site_client(tangsel)
    assert client.get(f"{RESIDENT}lapor/").status_code == 200

    response = client.post(
        f"{RESIDENT}lapor/",
        {**form_data(tangsel, latitude="-6.2901", longitude="106.7132"), "photos": [upload()]},
        follow=True,
    )

    report = _report(tangsel, title="Lampu jalan mati di Jl. Merpati")
    assert response.redirect_chain[-1][0] == f"{RESIDENT}lacak/{report.tracking_code}/?terkirim=1"
    assert f"Kode pelacakan Anda: {report.tracking_code}" in response.text
    assert "Menunggu" in response.text
    assert report.unit.code == "DISHUB"
    assert (str(report.latitude), report.reporter_email) == ("-6.290100", REPORTER_EMAIL)
    assert report.photos.count() == 1
    assert "no-store" in response["Cache-Control"]


def test_a_form_with_mistakes_keeps_what_was_typed_and_says_what_is_missing(site_client, tangsel):
    client = site_client(tangsel)

    response = client.post(f"{RESIDENT}lapor/", form_data(tangsel, address="", latitude="-6.3"))

    assert response.status_code == 200
    assert "Isi lintang dan bujur, atau kosongkan keduanya." in response.text
    assert 'value="Lampu jalan mati di Jl. Merpati"' in response.text
    assert "Tiga lampu mati sejak Senin malam." in response.text
    assert _report(tangsel, title="Lampu jalan mati di Jl. Merpati") is None


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_filed(site_client, tangsel):
    response = site_client(tangsel).post(
        f"{RESIDENT}lapor/",
        {**form_data(tangsel), "photos": [upload(b"MZ bukan foto", name="virus.exe")]},
    )

    assert "virus.exe bukan foto" in response.text
    assert "Pilih ulang foto Anda" in response.text
    assert _report(tangsel, title="Lampu jalan mati di Jl. Merpati") is None


def test_a_robot_filling_the_hidden_field_files_nothing(site_client, tangsel):
    response = site_client(tangsel).post(
        f"{RESIDENT}lapor/", form_data(tangsel, situs="http://spam.example")
    )

    assert response.status_code == 400
    assert _report(tangsel, title="Lampu jalan mati di Jl. Merpati") is None


def test_submissions_are_limited_per_address_and_per_region(site_client, tangsel, balikpapan):
    from modules.services import module_settings, update_settings

    connection.set_schema_to_public()
    update_settings(tangsel, "laksa", {**module_settings("laksa", "tangsel"),
                                       "submissions_per_hour": 2})  # fmt: skip
    client = site_client(tangsel)
    statuses = [
        client.post(f"{RESIDENT}lapor/", form_data(tangsel, title=f"Laporan {n}")).status_code
        for n in range(3)
    ]
    elsewhere = site_client(balikpapan).post(f"{RESIDENT}lapor/", form_data(balikpapan))

    assert statuses == [302, 302, 429]
    assert _report(tangsel, title="Laporan 2") is None
    assert elsewhere.status_code == 302  # the same address, another region: its own count


def test_a_signed_in_resident_finds_the_report_in_akun_saya(site_client, tangsel):
    from accounts.models import User

    in_region(tangsel)
    resident = User.objects.create_user("siti.warga@example.test", "Warga-Uji-2026",
                                         first_name="Siti", last_name="Warga")  # fmt: skip
    client = site_client(tangsel)
    client.force_login(resident)  # in the region's schema, where the resident is
    connection.set_schema_to_public()
    data = form_data(tangsel)
    del data["reporter_name"], data["reporter_email"]

    client.post(f"{RESIDENT}lapor/", data)
    report = _report(tangsel, title="Lampu jalan mati di Jl. Merpati")
    account = client.get("/akun/")

    assert report.reporter == resident
    assert report.reporter_email == "siti.warga@example.test"
    assert "Laporan LAKSA saya" in account.text
    assert f"{report.tracking_code} · Lampu jalan mati di Jl. Merpati" in account.text
    assert f"{RESIDENT}lacak/{report.tracking_code}/" in account.text


def test_the_tracking_code_may_be_typed_loosely(site_client, tangsel):
    report = file_report(tangsel)
    loose = report.tracking_code.lower().replace("-", " ")
    client = site_client(tangsel)

    found = client.get(f"{RESIDENT}lacak/", {"kode": loose})
    missing = client.get(f"{RESIDENT}lacak/", {"kode": "ZZZZZ-ZZZZZ"})

    assert found.status_code == 302
    assert found["Location"] == f"{RESIDENT}lacak/{report.tracking_code}/"
    assert missing.status_code == 404
    assert "Kode pelacakan tidak ditemukan" in missing.text


def test_the_resident_rates_a_finished_report_once(site_client, tangsel):
    from modules.laksa import services

    report = file_report(tangsel)
    services.answer_report(report, note="Lampu diganti.", status="selesai",
                           actor=admin_of(tangsel))  # fmt: skip
    client = site_client(tangsel)
    page = client.get(f"{RESIDENT}lacak/{report.tracking_code}/")
    assert "Selesai" in page.text and "Lampu diganti." in page.text

    rated = client.post(f"{RESIDENT}lacak/{report.tracking_code}/nilai/",
                        {"rating": "4", "comment": "Cepat."}, follow=True)  # fmt: skip
    again = client.post(f"{RESIDENT}lacak/{report.tracking_code}/nilai/", {"rating": "1"})

    assert "Terima kasih atas penilaian Anda." in rated.text
    assert "Penilaian Anda: 4 dari 5." in rated.text
    assert again.status_code == 400
    report.refresh_from_db()
    assert (report.rating, report.rating_comment) == (4, "Cepat.")


def test_a_finished_report_may_be_reopened_within_14_days_only(site_client, tangsel):
    from modules.laksa import services
    from modules.laksa.models import Report

    fresh, old = file_report(tangsel), file_report(tangsel, title="Laporan lama")
    admin = admin_of(tangsel)
    for report in (fresh, old):
        services.answer_report(report, note="Selesai.", status="selesai", actor=admin)
    Report.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=15))
    client = site_client(tangsel)

    reopened = client.post(f"{RESIDENT}lacak/{fresh.tracking_code}/buka-kembali/",
                           {"reason": "Lampunya mati lagi."}, follow=True)  # fmt: skip
    too_late = client.post(f"{RESIDENT}lacak/{old.tracking_code}/buka-kembali/",
                           {"reason": "Masih rusak."})  # fmt: skip

    assert "Laporan dibuka kembali" in reopened.text
    assert "Menunggu" in reopened.text
    assert too_late.status_code == 400
    assert "hanya dapat dibuka kembali sampai" in too_late.text
    in_region(tangsel)
    assert Report.objects.get(pk=old.pk).status == "selesai"


def _verified(region, **kwargs):
    from modules.laksa import services

    report = file_report(region, **kwargs)
    services.verify_report(report, actor=admin_of(region))
    return report


def test_the_public_list_and_map_show_verified_reports_and_hide_anonim_reporters(
    site_client, tangsel
):
    public = _verified(tangsel, title="Lampu publik", latitude="-6.29", longitude="106.71")
    anonim = _verified(tangsel, title="Lampu anonim", privacy="anonim",
                       latitude="-6.28", longitude="106.72")  # fmt: skip
    unverified = file_report(tangsel, title="Belum diverifikasi")
    client = site_client(tangsel)

    listing = client.get(RESIDENT).text
    anonim_page = client.get(f"{RESIDENT}laporan/{anonim.pk}/").text
    public_page = client.get(f"{RESIDENT}laporan/{public.pk}/").text
    map_page = client.get(f"{RESIDENT}peta/").text
    points = json.loads(re.search(r'id="titik-laporan"[^>]*>(.*?)</script>', map_page).group(1))

    assert "Lampu publik" in listing and "Lampu anonim" in listing
    assert unverified.title not in listing
    assert client.get(f"{RESIDENT}laporan/{unverified.pk}/").status_code == 404
    assert "Pelapor: Anonim" in anonim_page and "Rahmat" not in anonim_page
    assert "Pelapor: Rahmat" in public_page and "Hidayat" not in public_page
    assert {"Lampu publik", "Lampu anonim"} <= {p["title"] for p in points}
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in map_page
    assert "leaflet/leaflet.js" in map_page


def test_without_a_tile_server_the_map_page_is_a_plain_list(site_client, tangsel):
    from modules.services import module_settings, update_settings

    _verified(tangsel, title="Lampu di daftar", latitude="-6.29", longitude="106.71")
    connection.set_schema_to_public()
    update_settings(tangsel, "laksa", {**module_settings("laksa", "tangsel"),
                                       "tile_url": "tidak ada"})  # fmt: skip

    page = site_client(tangsel).get(f"{RESIDENT}peta/").text

    assert "leaflet" not in page
    assert "Lampu di daftar" in page
