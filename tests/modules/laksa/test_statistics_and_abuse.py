"""Staff statistics (by category, OPD, month, status) and their CSV exports, which never name
an anonim or rahasia reporter; abuse resistance: per-account limits and moderation (hide,
redact the text or a photo) with an audit trail."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from modules.laksa.photos import clean_photo
from tests.modules.laksa.conftest import (
    ADMIN,
    REPORTER_EMAIL,
    REPORTER_NAME,
    RESIDENT,
    admin_of,
    category,
    file_report,
    in_region,
    upload,
)

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def _rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_statistics_count_by_category_opd_month_and_status(admin_client_for, balikpapan):
    from modules.laksa import services
    from modules.laksa.models import Report

    in_region(balikpapan)
    Report.objects.all().delete()  # the demo's
    # 23:30 WITA on 31 October is October in Balikpapan (15:30 UTC).
    october = file_report(
        balikpapan, "jalan-rusak", now=datetime(2026, 10, 31, 23, 30, tzinfo=WITA)
    )
    file_report(balikpapan, "jalan-rusak", now=datetime(2026, 11, 2, 9, 0, tzinfo=WITA))
    file_report(balikpapan, "sampah", now=datetime(2026, 11, 3, 9, 0, tzinfo=WITA))
    services.answer_report(october, note="Beres.", status="selesai", actor=admin_of(balikpapan))
    client = admin_client_for(balikpapan)

    page = client.get(f"{ADMIN}statistik/")
    summary = _rows(client.get(f"{ADMIN}statistik/ringkasan.csv"))
    november = _rows(
        client.get(f"{ADMIN}statistik/ringkasan.csv", {"start": "2026-11-01", "end": "2026-11-30"})
    )

    assert page.status_code == 200
    assert "Per OPD" in page.text and "Dinas PUPR" in page.text
    by = {(row[0], row[1]): row[2:] for row in summary[1:]}
    # received, done, late (both past their deadline by now), open
    assert by[("Per kategori", "Jalan Rusak")] == ["2", "1", "2", "1"]
    assert by[("Per kategori", "Sampah")][0] == "1"
    assert by[("Per bulan", "2026-10")][0] == "1"
    assert by[("Per bulan", "2026-11")][0] == "2"
    assert by[("Per status", "Selesai")][0] == "1"
    assert by[("Per status", "Menunggu")][0] == "2"
    assert by[("Per OPD", "Dinas PUPR")][0] == "2"
    assert ("Per bulan", "2026-10") not in {(r[0], r[1]) for r in november[1:]}


@pytest.mark.parametrize("privacy", ["anonim", "rahasia"])
def test_the_report_csv_never_names_a_hidden_reporter(admin_client_for, tangsel, privacy):
    hidden = file_report(tangsel, privacy=privacy, title="Laporan tersembunyi")
    public = file_report(
        tangsel, title="Laporan terbuka", reporter_name="Budi Terbuka", reporter_email="b@x.test"
    )

    rows = _rows(admin_client_for(tangsel).get(f"{ADMIN}statistik/laporan.csv"))

    by_code = {row[0]: row for row in rows[1:]}
    assert by_code[hidden.tracking_code][-1] == "(dirahasiakan)"
    assert by_code[public.tracking_code][-1] == "Budi Terbuka"
    text = "\n".join(",".join(r) for r in rows)
    assert REPORTER_NAME not in text and REPORTER_EMAIL not in text and "b@x.test" not in text


def test_a_formula_in_a_report_stays_text_in_the_csv(admin_client_for, tangsel):
    report = file_report(tangsel, title='=HYPERLINK("http://jahat.example")')

    rows = _rows(admin_client_for(tangsel).get(f"{ADMIN}statistik/laporan.csv"))

    row = next(r for r in rows if r[0] == report.tracking_code)
    assert row[7] == '\'=HYPERLINK("http://jahat.example")'


def test_statistics_are_for_verifiers_only_and_of_their_own_region(
    staff_client, admin_client_for, tangsel, balikpapan
):
    file_report(tangsel, title="Hanya di Tangsel")
    officer, _user = staff_client(tangsel, "petugas@tangsel.test", role="Petugas OPD LAKSA")

    refused = officer.get(f"{ADMIN}statistik/laporan.csv")
    other = admin_client_for(balikpapan).get(f"{ADMIN}statistik/laporan.csv")

    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert "Hanya di Tangsel" not in other.content.decode()


def test_a_signed_in_resident_is_limited_per_account_and_keeps_what_was_typed(site_client, tangsel):
    from accounts.models import User
    from modules.laksa.models import Report
    from modules.services import module_settings, update_settings

    connection.set_schema_to_public()
    update_settings(tangsel, "laksa", {**module_settings("laksa", "tangsel"),
                                       "submissions_per_account_per_hour": 1})  # fmt: skip
    in_region(tangsel)
    resident = User.objects.create_user("siti.warga@example.test", "Warga-Uji-2026")
    data = {
        "kind": "pengaduan",
        "category": category("sampah").pk,
        "title": "Sampah menumpuk",
        "description": "Sudah seminggu.",
        "address": "Jl. Kenari 4",
        "privacy": "publik",
    }
    answers = []
    for n, address in enumerate(("10.0.0.1", "10.0.0.2")):  # a new network: the account counts
        client = site_client(tangsel)
        client.force_login(resident)
        answers.append(
            client.post(f"{RESIDENT}lapor/", {**data, "title": f"Sampah {n}"}, REMOTE_ADDR=address)
        )

    assert [a.status_code for a in answers] == [302, 429]
    assert "Akun Anda sudah mengirim 1 laporan dalam satu jam terakhir" in answers[1].text
    assert 'value="Sampah 1"' in answers[1].text  # nothing typed is lost
    in_region(tangsel)
    assert not Report.objects.filter(title="Sampah 1").exists()


def test_a_moderator_hides_redacts_and_removes_a_photo_with_an_audit_trail(
    admin_client_for, site_client, tangsel, django_capture_on_commit_callbacks
):
    from audit.models import AuditEntry
    from modules.laksa import services
    from modules.laksa.models import ReportPhoto

    photo = clean_photo(upload(), max_bytes=8_000_000)
    report = file_report(
        tangsel, title="Pak Lurah Joko 0812-3456 korupsi", description="Hubungi 0812-3456.",
        photos=[photo],
    )  # fmt: skip
    services.verify_report(report, actor=admin_of(tangsel))
    stored = ReportPhoto.objects.get(report=report)
    storage, name = stored.image.storage, stored.image.name
    admin, public = admin_client_for(tangsel), site_client(tangsel)
    photo_url = f"{RESIDENT}laporan/{report.pk}/foto/{stored.pk}/"
    assert public.get(photo_url).status_code == 200

    redacted = admin.post(
        f"{ADMIN}laporan/{report.pk}/sunting/",
        {"title": "Dugaan pungutan liar", "description": "[disunting]", "reason": "Data pribadi"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        photo_gone = admin.post(
            f"{ADMIN}laporan/{report.pk}/hapus-foto/",
            {"photo": stored.pk, "reason": "Wajah warga"},
        )
    detail_after_redaction = public.get(f"{RESIDENT}laporan/{report.pk}/")
    photo_after_redaction = public.get(photo_url)
    no_reason = admin.post(f"{ADMIN}laporan/{report.pk}/sembunyikan/", {"reason": ""})
    hidden = admin.post(f"{ADMIN}laporan/{report.pk}/sembunyikan/", {"reason": "Fitnah"})
    detail_while_hidden = public.get(f"{RESIDENT}laporan/{report.pk}/")
    listing_while_hidden = public.get(RESIDENT).text
    api_while_hidden = public.get(f"/open311/v2/requests/{report.pk}.json")
    own_page = public.get(f"{RESIDENT}lacak/{report.tracking_code}/")

    assert [r.status_code for r in (redacted, photo_gone, hidden)] == [302, 302, 302]
    assert "Dugaan pungutan liar" in detail_after_redaction.text
    assert "0812-3456" not in detail_after_redaction.text
    assert "Foto dihapus moderator." in detail_after_redaction.text
    assert photo_url not in detail_after_redaction.text
    assert photo_after_redaction.status_code == 404
    assert not storage.exists(name)
    assert no_reason.status_code == 400 and "Tulis alasan menyembunyikan" in no_reason.text
    assert detail_while_hidden.status_code == 404
    assert "Dugaan pungutan liar" not in listing_while_hidden
    assert api_while_hidden.status_code == 404
    assert own_page.status_code == 200  # the reporter still follows it by code
    in_region(tangsel)
    trail = list(
        AuditEntry.objects.filter(object_id=str(report.pk), action__in=[
            "laksa.redact", "laksa.redact_photo", "laksa.hide"]).values_list("action", "details")
    )  # fmt: skip
    assert sorted(action for action, _details in trail) == [
        "laksa.hide",
        "laksa.redact",
        "laksa.redact_photo",
    ]
    assert "0812" not in str(trail)  # the removed words are not kept in the trail

    shown = admin.post(f"{ADMIN}laporan/{report.pk}/tampilkan/")
    assert shown.status_code == 302
    assert public.get(f"{RESIDENT}laporan/{report.pk}/").status_code == 200


def test_a_hidden_report_leaves_the_cached_public_list_at_once(
    site_client, tangsel, django_capture_on_commit_callbacks
):
    from modules.laksa import services

    report = file_report(tangsel, title="Laporan yang akan disembunyikan")
    services.verify_report(report, actor=admin_of(tangsel))
    client = site_client(tangsel)
    first = client.get(RESIDENT)
    cached = client.get(RESIDENT)

    in_region(tangsel)
    with django_capture_on_commit_callbacks(execute=True):
        services.hide_report(report, reason="Fitnah", actor=admin_of(tangsel))
    after = client.get(RESIDENT)

    assert "Laporan yang akan disembunyikan" in first.text
    assert cached["X-Page-Cache"] == "hit"
    assert "Laporan yang akan disembunyikan" not in after.text
