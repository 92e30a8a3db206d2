"""AK/1 beyond issuing: the printable PDF card with its QR code, and the six-monthly report
(wajib lapor) the holder makes from their page, reminded by a daily schedule."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import pytest
from django.db import connection

from audit.models import AuditEntry
from notifications.models import Notice
from tests.modules.jobs.conftest import (
    ADMIN,
    RESIDENT,
    in_region,
    resident,
    seeker,
    today_in,
    verifier,
)
from tests.modules.jobs.test_cards import NIK, ask, card_of, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(tangsel, signed_in):
    person = seeker(tangsel)
    client = signed_in(tangsel, person)
    ask(client)
    card = issue(tangsel, card_of(tangsel, person), verifier(tangsel))
    return person, client, card


def due_soon(region, card, days: int = 3):
    from modules.jobs.models import JobCard

    in_region(region)
    JobCard.objects.filter(pk=card.pk).update(report_due_on=today_in(region) + timedelta(days))
    card.refresh_from_db()
    return card


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "kartu.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_card_downloads_as_a_pdf_with_its_data_and_reporting_dates(
    holder, tangsel, signed_in, tmp_path
):
    from modules.jobs import cards

    person, client, card = holder
    response = client.get(f"{RESIDENT}ak1/{card.pk}/kartu.pdf")
    stranger = signed_in(tangsel, resident(tangsel)).get(f"{RESIDENT}ak1/{card.pk}/kartu.pdf")
    page = client.get(f"{RESIDENT}ak1/")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    assert card.number in text and NIK in text and "Rahmat Hidayat" in text
    assert f"/kerja/ak1/cek/{card.check_code}/" in text  # what the QR code holds, printed
    in_region(tangsel)
    dates = cards.report_dates(card)
    assert len(dates) == 3  # at 6, 12 and 18 months; at 24 the card has ended
    assert dates[0] == card.report_due_on
    assert f"{dates[0].day} " in text and "Wajib lapor setiap 6 bulan" in text
    assert stranger.status_code == 404
    assert f"/kerja/ak1/{card.pk}/kartu.pdf" in page.text


def test_the_first_report_is_due_six_months_after_issue(holder, tangsel):
    _person, client, card = holder
    today = today_in(tangsel)

    page = client.get(f"{RESIDENT}ak1/")

    assert (card.report_due_on - today).days in range(181, 185)
    assert "Wajib lapor berikutnya paling lambat" in page.text
    assert "Kirim laporan" not in page.text  # not yet: the window opens 30 days before


def test_holders_are_reminded_once_per_due_date(holder, tangsel):
    from modules.jobs import tasks

    person, _client, card = holder
    in_region(tangsel)
    assert tasks.remind_card_reports() == 0  # six months away

    due_soon(tangsel, card)
    first, again = tasks.remind_card_reports(), tasks.remind_card_reports()

    reminders = Notice.objects.filter(user=person, topic="jobs.card_report")
    assert (first, again) == (1, 0)
    assert [n.subject for n in reminders] == [f"Waktunya lapor kartu AK/1 {card.number}"]


def test_still_looking_moves_the_next_report_six_months_on(holder, tangsel):
    from modules.jobs import tasks

    _person, client, card = holder
    due_soon(tangsel, card)

    page = client.get(f"{RESIDENT}ak1/")
    blank = client.post(f"{RESIDENT}ak1/{card.pk}/lapor/", {}, follow=True)
    done = client.post(f"{RESIDENT}ak1/{card.pk}/lapor/", {"status": "1"}, follow=True)
    twice = client.post(f"{RESIDENT}ak1/{card.pk}/lapor/", {"status": "1"}, follow=True)

    assert "Kirim laporan" in page.text
    assert "Pilih keadaan Anda sekarang." in blank.text
    assert "Laporan kartu AK/1 Anda tersimpan" in done.text
    assert "masih mencari kerja" in done.text
    assert "belum atau tidak perlu dilaporkan" in twice.text
    card = card_of(tangsel, card.user)
    assert (card.report_due_on - today_in(tangsel)).days in range(181, 185)
    assert card.reports.count() == 1
    assert AuditEntry.objects.filter(action="jobs.report_card").count() == 1
    in_region(tangsel)
    assert tasks.remind_card_reports() == 0


def test_working_records_the_placement_and_ends_the_reports(holder, tangsel, signed_in):
    _person, client, card = holder
    due_soon(tangsel, card)

    nameless = client.post(f"{RESIDENT}ak1/{card.pk}/lapor/", {"status": "0"}, follow=True)
    done = client.post(
        f"{RESIDENT}ak1/{card.pk}/lapor/",
        {"status": "0", "employer": "Toko Kue Bu Tini", "note": "Bagian kasir"},
        follow=True,
    )
    staff = signed_in(tangsel, verifier(tangsel)).get(f"{ADMIN}ak1/{card.pk}/")

    assert "Tuliskan nama tempat Anda bekerja." in nameless.text
    assert "Ditempatkan di Toko Kue Bu Tini" in done.text
    assert "Kirim laporan" not in done.text
    card = card_of(tangsel, card.user)
    assert card.placed_with == "Toko Kue Bu Tini" and card.report_due_on is None
    assert "bekerja di Toko Kue Bu Tini" in staff.text and "Bagian kasir" in staff.text


def test_someone_elses_card_cannot_be_reported(holder, tangsel, signed_in):
    _person, _client, card = holder
    due_soon(tangsel, card)
    other = signed_in(tangsel, seeker(tangsel, "Lain"))

    answer = other.post(f"{RESIDENT}ak1/{card.pk}/lapor/", {"status": "1"})

    assert answer.status_code == 404
    assert card_of(tangsel, card.user).reports.count() == 0


def test_the_reminder_schedule_walks_only_regions_with_the_module_on(holder, tangsel, balikpapan):
    from modules import gate
    from modules.jobs import cards, tasks
    from modules.jobs.models import JobCard
    from modules.services import disable_module

    _person, _client, card = holder
    due_soon(tangsel, card)
    other = seeker(balikpapan, "Warga B")
    b_card = JobCard.objects.create(
        user=other,
        nik=NIK,
        full_name="Warga B",
        birth_date=card.birth_date,
        address="Jl. Jenderal Sudirman, Balikpapan",
        education="sma",
    )
    due_soon(balikpapan, cards.issue_card(b_card, actor=verifier(balikpapan)))
    disable_module(balikpapan, "jobs")
    gate.forget_on_change()
    connection.set_schema_to_public()

    told = tasks.remind_card_reports_everywhere()

    assert told.get("tangsel") == 1 and "balikpapan" not in told
    in_region(balikpapan)
    assert not Notice.objects.filter(user=other, topic="jobs.card_report").exists()


def test_cards_pdf_and_report_of_region_a_are_404_through_region_bs_host(
    holder, tangsel, balikpapan, admin_client_for
):
    _person, _client, card = holder
    other_admin = admin_client_for(balikpapan)

    answers = [
        other_admin.get(f"{RESIDENT}ak1/{card.pk}/kartu.pdf").status_code,
        other_admin.post(f"{RESIDENT}ak1/{card.pk}/lapor/", {"status": "1"}).status_code,
    ]

    assert answers == [404, 404]
    assert not re.search("Rahmat", other_admin.get(f"{ADMIN}ak1/").text)


def test_disnaker_sees_the_cards_whose_report_is_late(holder, tangsel, signed_in):
    _person, _client, card = holder
    staff = signed_in(tangsel, verifier(tangsel))

    on_time = staff.get(f"{ADMIN}ak1/").text
    due_soon(tangsel, card, days=-3)
    late = staff.get(f"{ADMIN}ak1/").text

    section = late[late.index("Terlambat wajib lapor") : late.index("Terbit terakhir")]
    assert "Tidak ada yang terlambat." in on_time
    assert card.number in section and "Rahmat Hidayat" in section
