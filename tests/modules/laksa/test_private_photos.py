"""Report photos are private files: no /media/ address, only checked views. The public sees a
photo only while its report is public; the reporter sees their own through the tracking
code, staff through the admin when they may see the report; another region sees nothing."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from modules.laksa.photos import clean_photo
from tests.modules.laksa.conftest import (
    ADMIN,
    RESIDENT,
    admin_of,
    file_report,
    in_region,
    upload,
)
from tests.modules.laksa.test_resident_pages import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media", "media_root")]
JPEG_START = b"\xff\xd8\xff"


def _photo():
    return clean_photo(upload(), max_bytes=8_000_000)


def _urls(report, photo) -> dict:
    return {
        "public": f"{RESIDENT}laporan/{report.pk}/foto/{photo.pk}/",
        "track": f"{RESIDENT}lacak/{report.tracking_code}/foto/{photo.pk}/",
        "staff": f"{ADMIN}laporan/{report.pk}/foto/{photo.pk}/",
    }


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_rahasia_reports_photo_is_hidden_from_the_public_and_other_regions(
    site_client, admin_client_for, tangsel, balikpapan, private_media, media_root
):
    from modules.laksa import services

    report = file_report(tangsel, privacy="rahasia", title="Pungli di loket", photos=[_photo()])
    services.verify_report(report, actor=admin_of(tangsel))
    photo = report.photos.get()
    urls = _urls(report, photo)
    connection.set_schema_to_public()

    public = site_client(tangsel)
    elsewhere, elsewhere_admin = site_client(balikpapan), admin_client_for(balikpapan)
    guesses = [
        public.get(urls["public"]),
        elsewhere.get(urls["public"]),
        elsewhere.get(urls["track"]),
        elsewhere_admin.get(urls["staff"]),
    ]

    assert [r.status_code for r in guesses] == [404] * 4
    # On disk only in Tangsel's private folder, nothing under MEDIA_ROOT.
    assert (private_media / tangsel.schema_name / photo.image.name).is_file()
    assert not _files(private_media / balikpapan.schema_name)
    assert not _files(media_root)


def test_the_reporter_sees_their_photos_by_tracking_code_never_cached(site_client, tangsel):
    report = file_report(tangsel, privacy="rahasia", photos=[_photo()])
    urls = _urls(report, report.photos.get())
    client = site_client(tangsel)

    page = client.get(f"{RESIDENT}lacak/{report.tracking_code}/")
    photo = client.get(urls["track"])

    assert urls["track"] in page.text and "/media/" not in page.text
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert _body(photo).startswith(JPEG_START)
    assert photo["Cache-Control"] == "private, no-store"
    assert "X-Page-Cache" not in client.get(urls["track"])
    assert (
        client.get(f"{RESIDENT}lacak/ZZZZZ-ZZZZZ/foto/{report.photos.get().pk}/").status_code == 404
    )


def test_staff_with_access_to_the_report_see_its_photos_others_do_not(
    site_client, admin_client_for, staff_client, tangsel
):
    report = file_report(tangsel, privacy="rahasia", photos=[_photo()])  # Dinas PUPR's
    urls = _urls(report, report.photos.get())
    admin = admin_client_for(tangsel)
    other_unit, _user = staff_client(
        tangsel, "kadishub@tangsel.test", role="Petugas OPD LAKSA", position_code="DISHUB.KEPALA"
    )

    page = admin.get(f"{ADMIN}laporan/{report.pk}/")
    photo = admin.get(urls["staff"])

    assert urls["staff"] in page.text and "/media/" not in page.text
    assert photo.status_code == 200 and _body(photo).startswith(JPEG_START)
    assert "no-store" in photo["Cache-Control"]
    # Wagtail answers a refused permission with a redirect to the dashboard.
    refused = other_unit.get(urls["staff"])
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    anonymous = site_client(tangsel).get(urls["staff"])
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_a_public_reports_photo_is_shown_while_the_report_is_public(
    site_client, admin_client_for, tangsel, django_capture_on_commit_callbacks
):
    from modules.laksa import services

    report = file_report(tangsel, privacy="anonim", photos=[_photo()])
    urls = _urls(report, report.photos.get())
    client = site_client(tangsel)
    before_verification = client.get(urls["public"])
    in_region(tangsel)
    services.verify_report(report, actor=admin_of(tangsel))

    page = client.get(f"{RESIDENT}laporan/{report.pk}/")
    photo = client.get(urls["public"])
    api = client.get(f"/open311/v2/requests/{report.pk}.json").json()[0]
    in_region(tangsel)
    with django_capture_on_commit_callbacks(execute=True):
        services.hide_report(report, reason="Fitnah", actor=admin_of(tangsel))
    while_hidden = client.get(urls["public"])

    assert before_verification.status_code == 404
    assert urls["public"] in page.text and "/media/" not in page.text
    assert photo.status_code == 200 and _body(photo).startswith(JPEG_START)
    assert photo["Cache-Control"] == "public, max-age=300"
    assert api["media_url"] == f"http://tangsel.localhost{urls['public']}"
    assert while_hidden.status_code == 404
    assert client.get(urls["track"]).status_code == 200  # the reporter still sees it


def test_an_officers_answer_photo_is_shown_on_the_public_timeline(
    site_client, staff_client, tangsel
):
    from modules.laksa import services

    report = file_report(tangsel, photos=[])
    client, officer = staff_client(
        tangsel, "kadis.pupr@tangsel.test", role="Petugas OPD LAKSA", position_code="PUPR.KEPALA"
    )
    in_region(tangsel)
    services.answer_report(
        report, note="Sudah ditambal.", status="selesai", actor=officer,
        photos=[(_photo(), "sesudah")],
    )  # fmt: skip
    urls = _urls(report, report.photos.get())

    page = site_client(tangsel).get(f"{RESIDENT}laporan/{report.pk}/")
    photo = site_client(tangsel).get(urls["public"])

    assert urls["public"] in page.text
    assert photo.status_code == 200
    assert client.get(urls["staff"]).status_code == 200


def test_a_photo_sent_with_the_form_lands_in_the_private_folder_only(
    site_client, tangsel, private_media, media_root
):
    response = site_client(tangsel).post(
        f"{RESIDENT}lapor/", {**form_data(tangsel), "photos": [upload()]}
    )

    assert response.status_code == 302
    assert not _files(media_root)
    stored = _files(private_media / tangsel.schema_name)
    assert len(stored) == 1 and stored[0].suffix == ".jpg"
    assert b"UjiPhone" not in stored[0].read_bytes()  # still without its EXIF


def test_the_migration_moves_an_old_public_photo_to_the_private_folder(
    tangsel, private_media, media_root
):
    from django.apps import apps
    from django.core.files.storage import default_storage

    from modules.laksa.models import ReportPhoto

    migration = importlib.import_module("modules.laksa.migrations.0003_private_photos")
    report = file_report(tangsel)
    name = default_storage.save("laksa/2025/03/lama.jpg", ContentFile(b"\xff\xd8\xff foto lama"))
    ReportPhoto.objects.create(
        report=report, stage="laporan", image=name, width=1, height=1, size=13
    )
    ReportPhoto.objects.create(  # a redacted photo: its file is already gone
        report=report, stage="laporan", image="laksa/2025/03/dihapus.jpg", width=1, height=1,
        size=1,
    )  # fmt: skip
    editor = SimpleNamespace(connection=connection)

    migration.move_photos(apps, editor)
    migration.move_photos(apps, editor)  # a re-run moves nothing twice and loses nothing

    assert not (media_root / tangsel.schema_name / name).exists()
    moved = private_media / tangsel.schema_name / name
    assert moved.read_bytes() == b"\xff\xd8\xff foto lama"
    photo = ReportPhoto.objects.get(image=name)  # the row keeps its name
    with photo.image.open("rb") as handle:
        assert handle.read() == b"\xff\xd8\xff foto lama"
