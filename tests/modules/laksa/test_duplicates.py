"""Before submitting, a resident is offered the public reports of the same category close by
and recent ("is this the same problem?") and may follow one instead of filing it again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from notifications.testing import deliver_pending, sent_emails
from tests.modules.laksa.conftest import (
    REPORTER_EMAIL,
    REPORTER_NAME,
    admin_of,
    category,
    file_report,
    in_region,
)

pytestmark = pytest.mark.django_db
LAT, LON = -6.300000, 106.700000
METRE = 1 / 111_320  # of latitude, in degrees
FOLLOWER = "tetangga@example.test"


def _public(region, title, *, north_m=0.0, code="jalan-rusak", **kwargs):
    from modules.laksa import services

    report = file_report(
        region,
        code,
        title=title,
        latitude=f"{LAT + north_m * METRE:.6f}",
        longitude=f"{LON:.6f}",
        **kwargs,
    )
    return services.verify_report(report, actor=admin_of(region))


def _offered(client, code="jalan-rusak", lat=LAT, lon=LON) -> str:
    response = client.get(
        "/laksa/lapor/serupa/",
        {"category": category(code).pk, "latitude": f"{lat}", "longitude": f"{lon}"},
    )
    assert response.status_code == 200
    return response.text


def test_only_public_reports_of_the_category_within_50_m_and_30_days_are_offered(
    site_client, tangsel
):
    from modules.laksa.models import Report

    in_region(tangsel)
    Report.objects.filter(category__code__in=["jalan-rusak", "sampah"]).delete()  # the demo's
    _public(tangsel, "Lubang di depan", north_m=0)
    _public(tangsel, "Lubang tiga puluh meter", north_m=30)
    _public(tangsel, "Lubang delapan puluh meter", north_m=80)
    _public(tangsel, "Sampah di titik yang sama", code="sampah")
    _public(tangsel, "Lubang lama", now=timezone.now() - timedelta(days=40))
    _public(tangsel, "Lubang rahasia", privacy="rahasia")
    file_report(tangsel, title="Lubang belum diverifikasi", latitude="-6.3", longitude="106.7")
    client = site_client(tangsel)

    text = _offered(client)
    elsewhere = _offered(client, lat=LAT + 0.01)

    assert "Apakah ini masalah yang sama?" in text
    assert text.index("Lubang di depan") < text.index("Lubang tiga puluh meter")
    assert "30 m dari titik Anda" in text
    for absent in ("delapan puluh", "Sampah di titik", "Lubang lama", "rahasia", "belum"):
        assert absent not in text
    assert REPORTER_NAME not in text
    assert "Apakah ini masalah yang sama?" not in elsewhere


def test_the_distance_and_the_age_are_region_settings(site_client, tangsel):
    from modules import services as module_services
    from modules.laksa.models import Report

    in_region(tangsel)
    Report.objects.filter(category__code="jalan-rusak").delete()
    _public(tangsel, "Lubang delapan puluh meter", north_m=80)
    _public(tangsel, "Lubang lama", now=timezone.now() - timedelta(days=40))
    connection.set_schema_to_public()
    module_services.update_settings(
        tangsel, "laksa", {"duplicate_radius_m": 100, "duplicate_days": 60}
    )

    in_region(tangsel)
    text = _offered(site_client(tangsel))

    assert "Lubang delapan puluh meter" in text and "Lubang lama" in text


def test_a_resident_follows_the_offered_report_and_is_told_of_its_answer(site_client, tangsel):
    from modules.laksa import services
    from modules.laksa.models import Follower, Report

    report = _public(tangsel, "Lubang yang sama", privacy="anonim")
    filed_before = Report.objects.count()
    client = site_client(tangsel)

    offered = client.get(f"/laksa/laporan/{report.pk}/?sama=1")
    followed = client.post(f"/laksa/laporan/{report.pk}/ikuti/", {"email": FOLLOWER})
    again = client.post(f"/laksa/laporan/{report.pk}/ikuti/", {"email": FOLLOWER.upper()})
    no_email = client.post(f"/laksa/laporan/{report.pk}/ikuti/", {"email": ""})
    in_region(tangsel)
    services.answer_report(
        report, note="Lubang ditambal.", status="selesai", actor=admin_of(tangsel)
    )
    connection.set_schema_to_public()
    deliver_pending(tangsel.schema_name)

    assert "Masalah yang sama sudah dilaporkan" in offered.text
    assert (followed.status_code, followed["Location"]) == (302, f"/laksa/laporan/{report.pk}/")
    assert again.status_code == 302
    assert no_email.status_code == 400
    assert "Tulis email Anda" in no_email.text
    in_region(tangsel)
    assert Follower.objects.filter(report=report).count() == 1
    assert Report.objects.count() == filed_before  # nothing new was filed
    mails = sent_emails(FOLLOWER)
    assert [m.subject for m in mails] == [f"Laporan {report.tracking_code} selesai"]
    assert "Lubang ditambal." in mails[0].body
    assert f"/laksa/laporan/{report.pk}/" in mails[0].body
    assert report.tracking_code + "/" not in mails[0].body  # not the reporter's own page
    assert REPORTER_NAME not in mails[0].body and REPORTER_EMAIL not in mails[0].body


def test_a_report_that_is_not_public_cannot_be_followed(site_client, tangsel, balikpapan):
    in_region(tangsel)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('laksa_report', 'id'), 910000)")
    secret = _public(tangsel, "Rahasia", privacy="rahasia")
    unverified = file_report(tangsel, title="Belum diverifikasi")
    public = _public(tangsel, "Lubang khusus Tangsel")

    answers = [
        site_client(tangsel).post(f"/laksa/laporan/{r.pk}/ikuti/", {"email": FOLLOWER})
        for r in (secret, unverified)
    ]
    other = site_client(balikpapan)
    through_b = other.post(f"/laksa/laporan/{public.pk}/ikuti/", {"email": FOLLOWER})
    in_region(balikpapan)
    offered_in_b = _offered(other)

    assert [a.status_code for a in answers] == [404, 404]
    assert through_b.status_code == 404
    assert "Lubang khusus Tangsel" not in offered_in_b


def test_a_verifier_merges_a_duplicate_whose_reporter_then_follows_the_original(
    admin_client_for, site_client, tangsel
):
    from audit.models import AuditEntry
    from modules.laksa.models import Follower

    original = _public(tangsel, "Lubang pertama")
    duplicate = file_report(
        tangsel, title="Lubang yang sama", privacy="rahasia", reporter_email="kedua@example.test"
    )
    admin = admin_client_for(tangsel)

    unknown = admin.post(f"/admin/laksa/laporan/{duplicate.pk}/gabung/", {"into": "ZZZZZ-ZZZZZ"})
    itself = admin.post(
        f"/admin/laksa/laporan/{duplicate.pk}/gabung/", {"into": duplicate.tracking_code}
    )
    merged = admin.post(
        f"/admin/laksa/laporan/{duplicate.pk}/gabung/", {"into": original.tracking_code}
    )
    own_page = site_client(tangsel).get(f"/laksa/lacak/{duplicate.tracking_code}/")

    assert (unknown.status_code, itself.status_code, merged.status_code) == (400, 400, 302)
    assert "Laporan tujuan tidak ditemukan." in unknown.text
    in_region(tangsel)
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == ("ditolak", original)
    assert Follower.objects.filter(report=original, email="kedua@example.test").exists()
    assert "Laporan ganda" in own_page.text
    assert f"/laksa/laporan/{original.pk}/" in own_page.text
    assert AuditEntry.objects.filter(action="laksa.merge", object_id=str(duplicate.pk)).exists()
    # The original shows nothing of the duplicate or its reporter.
    public = site_client(tangsel).get(f"/laksa/laporan/{original.pk}/").text
    assert "kedua@example.test" not in public and duplicate.tracking_code not in public


def test_what_a_resident_follows_is_in_their_data_and_gone_when_they_leave(tangsel):
    from accounts.models import User
    from modules.laksa import account, services
    from modules.laksa.models import Follower

    report = _public(tangsel, "Lubang diikuti")
    resident = User.objects.create_user("siti.warga@example.test", "Warga-Uji-2026")
    services.follow_report(report, user=resident)
    services.follow_report(report, email="SITI.warga@example.test")

    data = account.personal_data(resident)
    account.erase(resident)

    assert [f["laporan"] for f in data["mengikuti"]] == [report.pk]
    assert not Follower.objects.filter(report=report).exists()
