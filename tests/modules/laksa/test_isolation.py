"""A report of one region is out of reach through another region's host: by page, by its
tracking code, by id guessing, by its photo's address."""

from __future__ import annotations

import pytest
from django.db import connection

from modules.laksa.photos import clean_photo
from tests.modules.laksa.conftest import ADMIN, RESIDENT, admin_of, file_report, in_region, upload

pytestmark = pytest.mark.django_db


def _exists_in(region, pk: int) -> bool:
    from modules.laksa.models import Report

    in_region(region)
    found = Report.objects.filter(pk=pk).exists()
    connection.set_schema_to_public()
    return found


def _bump_ids(region) -> None:
    """Make the next report id in `region` larger than any other region's."""
    in_region(region)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('laksa_report', 'id'), 900000)")


def test_a_report_of_region_a_is_invisible_through_region_bs_host(
    site_client, admin_client_for, tangsel, balikpapan
):
    from modules.laksa import services

    _bump_ids(tangsel)
    photo = clean_photo(upload(), max_bytes=8_000_000)
    report = file_report(tangsel, title="Laporan khusus Tangsel", photos=[photo])
    services.verify_report(report, actor=admin_of(tangsel))
    photo_id = report.photos.get().pk
    photo_url = f"{RESIDENT}laporan/{report.pk}/foto/{photo_id}/"
    connection.set_schema_to_public()
    assert not _exists_in(balikpapan, report.pk)
    resident, admin = site_client(balikpapan), admin_client_for(balikpapan)
    code = report.tracking_code
    track_photo_url = f"{RESIDENT}lacak/{code}/foto/{photo_id}/"
    staff_photo_url = f"{ADMIN}laporan/{report.pk}/foto/{photo_id}/"

    responses = [
        resident.get(f"{RESIDENT}lacak/{code}/"),
        resident.get(f"{RESIDENT}lacak/", {"kode": code}),
        resident.get(f"{RESIDENT}laporan/{report.pk}/"),
        resident.post(f"{RESIDENT}lacak/{code}/nilai/", {"rating": "1"}),
        resident.post(f"{RESIDENT}lacak/{code}/buka-kembali/", {"reason": "x"}),
        admin.get(f"{ADMIN}laporan/{report.pk}/"),
        resident.get(photo_url),
        resident.get(track_photo_url),
        admin.get(staff_photo_url),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert "Laporan khusus Tangsel" not in resident.get(RESIDENT).text
    assert "Laporan khusus Tangsel" not in resident.get(f"{RESIDENT}peta/").text
    own = site_client(tangsel)
    assert own.get(f"{RESIDENT}lacak/{code}/").status_code == 200
    assert own.get(f"{RESIDENT}laporan/{report.pk}/").status_code == 200
    assert own.get(photo_url).status_code == 200
    assert own.get(track_photo_url).status_code == 200
    assert admin_client_for(tangsel).get(staff_photo_url).status_code == 200
