"""Region staff in the admin: verifiers triage, OPD officers answer their unit's reports,
overdue reports are red in every list, and every action leaves an audit entry."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from tests.modules.laksa.conftest import (
    ADMIN,
    REPORTER_EMAIL,
    REPORTER_NAME,
    RESIDENT,
    category,
    file_report,
    in_region,
    upload,
)

pytestmark = pytest.mark.django_db
LONG_AGO = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _audit(region, action: str, report) -> list[dict]:
    from audit.models import AuditEntry

    in_region(region)
    return list(
        AuditEntry.objects.filter(action=action, object_id=str(report.pk)).values(
            "actor_name", "details"
        )
    )


def _fresh(report):
    from modules.laksa.models import Report

    return Report.objects.get(pk=report.pk)


def test_a_verifier_verifies_reclassifies_sets_privacy_and_rejects(staff_client, tangsel):
    client, verifier = staff_client(tangsel, "verifikator@tangsel.test", role="Verifikator LAKSA")
    report = file_report(tangsel, "lainnya")
    other = file_report(tangsel, "sampah", title="Laporan iklan")
    url = f"{ADMIN}laporan/{report.pk}/"
    connection.set_schema_to_public()

    page = client.get(url)
    client.post(f"{url}verifikasi/")
    client.post(f"{url}klasifikasi/", {"category": category_pk(tangsel, "jalan-rusak")})
    client.post(f"{url}privasi/", {"privacy": "anonim"})
    empty_reason = client.post(f"{ADMIN}laporan/{other.pk}/tolak/", {"reason": " "})
    client.post(f"{ADMIN}laporan/{other.pk}/tolak/", {"reason": "Iklan, bukan laporan."})

    assert page.status_code == 200
    assert REPORTER_NAME in page.text and REPORTER_EMAIL in page.text  # verifiers may see
    assert empty_reason.status_code == 400
    assert "Tulis alasan penolakan" in empty_reason.text
    in_region(tangsel)
    report, other = _fresh(report), _fresh(other)
    assert report.verified_at is not None
    assert (report.category.code, report.unit.code, report.privacy) == (
        "jalan-rusak",
        "PUPR",
        "anonim",
    )
    assert (other.status, other.rejected_reason) == ("ditolak", "Iklan, bukan laporan.")
    for action in ("laksa.verify", "laksa.reclassify", "laksa.set_privacy"):
        entries = _audit(tangsel, action, report)
        assert [e["actor_name"] for e in entries] == [verifier.get_full_name()], action
    assert _audit(tangsel, "laksa.reject", other)[0]["details"] == {
        "reason": "Iklan, bukan laporan."
    }


def category_pk(region, code: str) -> int:
    in_region(region)
    return category(code).pk


def test_an_officer_answers_the_reports_of_their_own_unit_only(staff_client, site_client, tangsel):
    client, officer = staff_client(
        tangsel,
        "staf.jalan@tangsel.test",
        role="Petugas OPD LAKSA",
        position_code="PUPR.JALAN.STAF",
    )
    ours = file_report(tangsel, "jalan-rusak", privacy="anonim")
    theirs = file_report(tangsel, "sampah", title="Sampah liar")
    connection.set_schema_to_public()

    queue = client.get(f"{ADMIN}tindak-lanjut/")
    page = client.get(f"{ADMIN}laporan/{ours.pk}/")
    refused = [
        client.get(f"{ADMIN}laporan/{theirs.pk}/"),
        client.post(f"{ADMIN}laporan/{theirs.pk}/tanggapi/", {"note": "x", "status": "selesai"}),
        client.post(f"{ADMIN}laporan/{ours.pk}/verifikasi/"),
        client.get(ADMIN),
    ]
    answered = client.post(
        f"{ADMIN}laporan/{ours.pk}/tanggapi/",
        {
            "note": "Lubang sudah ditambal.",
            "status": "selesai",
            "photo_stage": "sesudah",
            "photos": [upload()],
        },
        follow=True,
    )
    tracking = site_client(tangsel).get(f"{RESIDENT}lacak/{ours.tracking_code}/")

    assert ours.title in queue.text and "Sampah liar" not in queue.text
    assert "Identitas pelapor dirahasiakan" in page.text
    assert REPORTER_NAME not in page.text and REPORTER_EMAIL not in page.text
    # Wagtail answers a refusal with its dashboard and "no permission".
    assert [(r.status_code, r["Location"]) for r in refused] == [(302, "/admin/")] * 4
    assert "Tanggapan atas laporan" in answered.text
    assert "Selesai" in tracking.text and "Lubang sudah ditambal." in tracking.text
    assert "Dinas PUPR" in tracking.text  # the unit answered, not a named officer
    assert officer.get_full_name() not in tracking.text
    in_region(tangsel)
    ours = _fresh(ours)
    assert ours.status == "selesai" and ours.photos.filter(stage="sesudah").count() == 1
    assert _audit(tangsel, "laksa.answer", ours)[0]["details"] == {"status": "selesai", "photos": 1}


def test_overdue_reports_are_red_in_every_list(admin_client_for, site_client, tangsel):
    from modules.laksa import services
    from tests.modules.laksa.conftest import admin_of

    late = file_report(tangsel, "jalan-rusak", title="Laporan terlambat", now=LONG_AGO)
    services.verify_report(late, actor=admin_of(tangsel))
    connection.set_schema_to_public()
    admin = admin_client_for(tangsel)

    for page in (
        admin.get(ADMIN).text,
        admin.get(f"{ADMIN}tindak-lanjut/?tampil=all").text,
        site_client(tangsel).get(RESIDENT).text,
    ):
        row = page[page.index("Laporan terlambat") - 400 : page.index("Laporan terlambat") + 600]
        assert "laksa-item-overdue" in row and "Terlambat" in row


def test_staff_add_and_route_a_category(admin_client_for, tangsel):
    from modules.laksa.models import Category
    from organisation.models import Unit

    in_region(tangsel)
    dishub = Unit.objects.get(code="DISHUB").pk
    client = admin_client_for(tangsel)

    missing = client.post(f"{ADMIN}kategori/tambah/", {"name": "", "order": 100})
    client.post(
        f"{ADMIN}kategori/tambah/",
        {"name": "Parkir Liar", "unit": dishub, "respond_days": 3, "order": 80, "active": "on"},
    )

    assert missing.status_code == 200 and "Tulis nama kategori." in missing.text
    in_region(tangsel)
    assert not Category.objects.filter(name="").exists()
    parkir = Category.objects.get(name="Parkir Liar")
    assert (parkir.code, parkir.unit.code, parkir.respond_days) == ("parkir-liar", "DISHUB", 3)
    assert "Parkir Liar" in client.get(f"{ADMIN}kategori/").text
