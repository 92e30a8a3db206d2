"""Job seekers: the profile and its CV, applying, the stages an employer moves an application
through, and who may see an application and a seeker's contact data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.models import Notice
from tests.modules.jobs.conftest import (
    PDF,
    RESIDENT,
    apply,
    company,
    employer_world,
    in_region,
    resident,
    seeker,
    today_in,
    vacancy,
)

pytestmark = pytest.mark.django_db

PROFILE_FORM = {"phone": "081234560000", "education": "sma", "share_phone": "on"}


def applications_to(region, of_vacancy):
    from modules.jobs.models import Application

    in_region(region)
    return Application.objects.filter(vacancy=of_vacancy)


def test_closed_or_filled_vacancies_take_no_applications(tangsel, signed_in):
    from modules.jobs import services
    from modules.jobs.models import Vacancy

    verified = company(tangsel, resident(tangsel))
    closed = vacancy(tangsel, verified, title="Tutup Kemarin")
    filled = vacancy(tangsel, verified, title="Sudah Terisi")
    in_region(tangsel)
    Vacancy.objects.filter(pk=closed.pk).update(closes_on=today_in(tangsel) - timedelta(days=1))
    services.fill_vacancy(filled, actor=verified.members.first().user)
    person = seeker(tangsel)
    client = signed_in(tangsel, person)

    answers = [client.post(f"{RESIDENT}lowongan/{v.pk}/lamar/", {}) for v in (closed, filled)]
    pages = [client.get(f"{RESIDENT}lowongan/{v.pk}/") for v in (closed, filled)]

    assert all("tidak menerima lamaran lagi" in a.text for a in answers)
    assert not applications_to(tangsel, closed).exists()
    assert not applications_to(tangsel, filled).exists()
    assert all("Lamar pekerjaan ini" not in p.text for p in pages)
    assert "Tutup Kemarin" not in client.get(RESIDENT).text


def test_a_vacancy_closing_today_takes_applications_until_midnight_in_its_region(balikpapan):
    """Balikpapan is WITA: at 23:30 WITA the region's date is still the closing day, while at
    00:30 WITA (still the day before in WIB) it has passed."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from modules.jobs import selectors

    wita = ZoneInfo("Asia/Makassar")
    verified = company(balikpapan, resident(balikpapan))
    closing = vacancy(balikpapan, verified)
    in_region(balikpapan)
    last_evening = datetime.combine(closing.closes_on, datetime.min.time(), wita) + timedelta(
        hours=23, minutes=30
    )
    next_night = last_evening + timedelta(hours=1)

    assert selectors.is_open(closing, selectors.region_today(last_evening))
    assert not selectors.is_open(closing, selectors.region_today(next_night))


def test_applying_needs_a_profile_and_happens_once(tangsel, signed_in):
    verified = company(tangsel, resident(tangsel))
    opening = vacancy(tangsel, verified)
    person = resident(tangsel, "Dodi")
    client = signed_in(tangsel, person)

    first = client.get(f"{RESIDENT}lowongan/{opening.pk}/lamar/", follow=True)
    client.post(f"{RESIDENT}profil/?lanjut={opening.pk}", PROFILE_FORM)
    sent = client.post(
        f"{RESIDENT}lowongan/{opening.pk}/lamar/", {"cover_note": "Dekat rumah."}, follow=True
    )
    again = client.post(f"{RESIDENT}lowongan/{opening.pk}/lamar/", {}, follow=True)

    assert "Lengkapi profil pencari kerja" in first.text
    assert "Lamaran Anda untuk Staf Administrasi terkirim." in sent.text
    assert "Tahap sekarang: Diterima" in sent.text
    assert "Anda sudah melamar lowongan ini." in again.text
    assert applications_to(tangsel, opening).count() == 1
    in_region(tangsel)
    assert Notice.objects.filter(topic="jobs.application_received").count() == 1


def test_the_employer_moves_an_applicant_and_the_applicant_sees_and_is_told(tangsel, signed_in):
    from notifications.testing import deliver_pending, last_email_to

    world = employer_world(tangsel)
    application, person = world["application"], world["seeker"]
    employer = signed_in(tangsel, world["owner_a"])

    employer.post(
        f"{RESIDENT}kelola/pelamar/{application.pk}/",
        {"stage": "interview", "message": "Wawancara Senin 09.00 di kantor kami."},
    )
    deliver_pending(tangsel.schema_name)
    seen = signed_in(tangsel, person).get(f"{RESIDENT}lamaran/{application.pk}/")
    mail = last_email_to(person.email)

    assert "Tahap sekarang: Wawancara" in seen.text
    assert "Wawancara Senin 09.00 di kantor kami." in seen.text
    assert "Wawancara" in mail.subject and "Senin 09.00" in mail.body
    in_region(tangsel)
    assert Notice.objects.filter(user=person, topic="jobs.stage_changed").count() == 1


def test_hired_and_not_selected_are_final(tangsel, signed_in):
    world = employer_world(tangsel)
    application = world["application"]
    employer = signed_in(tangsel, world["owner_a"])
    url = f"{RESIDENT}kelola/pelamar/{application.pk}/"

    employer.post(url, {"stage": "hired"})
    after = employer.get(url)
    refused = employer.post(url, {"stage": "shortlisted"})

    application.refresh_from_db()
    assert application.stage == "hired" and application.hired_at is not None
    assert "Simpan tahap" not in after.text
    assert refused.status_code == 200
    in_region(tangsel)
    application.refresh_from_db()
    assert application.stage == "hired"


def test_applicants_see_only_their_own_applications(tangsel, signed_in):
    world = employer_world(tangsel)
    other = seeker(tangsel, "Eko")
    own = apply(tangsel, other, world["vacancy_b"])
    client = signed_in(tangsel, other)

    theirs = client.get(f"{RESIDENT}lamaran/{world['application'].pk}/")
    mine = client.get(f"{RESIDENT}lamaran/")

    assert theirs.status_code == 404
    assert "Operator Produksi" in mine.text and "Kasir Toko" not in mine.text
    assert client.get(f"{RESIDENT}lamaran/{own.pk}/").status_code == 200


def test_employers_see_only_applications_to_their_own_vacancies(tangsel, signed_in):
    world = employer_world(tangsel)
    application = world["application"]
    other_employer = signed_in(tangsel, world["owner_b"])

    answers = [
        other_employer.get(f"{RESIDENT}kelola/pelamar/{application.pk}/").status_code,
        other_employer.get(f"{RESIDENT}kelola/pelamar/{application.pk}/cv/").status_code,
        other_employer.post(
            f"{RESIDENT}kelola/pelamar/{application.pk}/", {"stage": "hired"}
        ).status_code,
    ]
    listing = other_employer.get(f"{RESIDENT}kelola/lowongan/{world['vacancy_b'].pk}/")

    assert answers == [404, 404, 404]
    assert world["seeker"].get_full_name() not in listing.text
    application.refresh_from_db()
    assert application.stage == "received"


def test_contact_data_only_reaches_employers_the_seeker_applied_to(tangsel, signed_in):
    world = employer_world(tangsel)
    person, application = world["seeker"], world["application"]
    own_employer = signed_in(tangsel, world["owner_a"])
    other_employer = signed_in(tangsel, world["owner_b"])

    applicant_page = own_employer.get(f"{RESIDENT}kelola/pelamar/{application.pk}/")
    cv = own_employer.get(f"{RESIDENT}kelola/pelamar/{application.pk}/cv/")
    pages_of_other = [
        other_employer.get(url).text
        for url in (
            f"{RESIDENT}perusahaan/{world['company_b'].pk}/",
            f"{RESIDENT}kelola/lowongan/{world['vacancy_b'].pk}/",
            RESIDENT,
        )
    ]

    assert person.email in applicant_page.text and "081377778888" in applicant_page.text
    assert cv.status_code == 200 and cv.content == PDF
    assert cv["Content-Type"] == "application/pdf" and "no-store" in cv["Cache-Control"]
    assert all(person.email not in text and "081377778888" not in text for text in pages_of_other)
    from audit.models import AuditEntry

    in_region(tangsel)
    assert AuditEntry.objects.filter(action="jobs.download_cv", actor_id=world["owner_a"].pk)


def test_a_seeker_may_keep_their_phone_number_from_employers(tangsel, signed_in):
    verified = company(tangsel, resident(tangsel))
    opening = vacancy(tangsel, verified)
    person = seeker(tangsel, phone="081299990000", share_phone=False)
    application = apply(tangsel, person, opening)
    employer = signed_in(tangsel, verified.members.first().user)

    page = employer.get(f"{RESIDENT}kelola/pelamar/{application.pk}/")

    assert "081299990000" not in page.text
    assert "tidak dibagikan pelamar" in page.text
    assert person.email in page.text


def test_the_cv_must_be_a_pdf_of_allowed_size(tangsel, signed_in):
    person = resident(tangsel)
    client = signed_in(tangsel, person)
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    word = SimpleUploadedFile("cv.docx", PDF, content_type="application/msword")
    big = SimpleUploadedFile(
        "cv.pdf", PDF + b"0" * (2 * 1024 * 1024), content_type="application/pdf"
    )
    good = SimpleUploadedFile("CV Siti.pdf", PDF, content_type="application/pdf")

    answers = [client.post(f"{RESIDENT}profil/", {**PROFILE_FORM, "cv": f}) for f in (fake, word)]
    too_big = client.post(f"{RESIDENT}profil/", {**PROFILE_FORM, "cv": big})
    client.post(f"{RESIDENT}profil/", {**PROFILE_FORM, "cv": good})
    download = client.get(f"{RESIDENT}profil/cv/")

    assert all("CV harus berupa berkas PDF" in a.text for a in answers)
    assert "CV paling besar 2 MB" in too_big.text
    assert download.content == PDF
    assert 'filename="CV Siti.pdf"' in download["Content-Disposition"]
    assert signed_in(tangsel, resident(tangsel)).get(f"{RESIDENT}profil/cv/").status_code == 404


def test_akun_saya_lists_the_residents_applications_with_their_stage(tangsel, signed_in):
    world = employer_world(tangsel)

    page = signed_in(tangsel, world["seeker"]).get("/akun/")

    assert "Lamaran kerja (Siap Kerja)" in page.text
    assert "Kasir Toko · PT Alfa Niaga" in page.text and "Diterima" in page.text


def test_deleting_the_account_removes_the_profile_and_keeps_the_placement(tangsel, signed_in):
    from accounts import services as accounts
    from modules.jobs import selectors, services
    from modules.jobs.models import Application, SeekerProfile

    world = employer_world(tangsel)
    application = world["application"]
    in_region(tangsel)
    services.move_application(application, "hired", actor=world["owner_a"])
    data = signed_in(tangsel, world["seeker"]).get("/akun/unduh-data/").json()

    in_region(tangsel)
    seeker_id = world["seeker"].pk
    accounts.delete_resident_account(world["seeker"])

    assert data["jobs"]["applications"][0]["vacancy"] == "Kasir Toko"
    assert not SeekerProfile.objects.filter(user_id=seeker_id).exists()
    kept = Application.objects.get(pk=application.pk)
    assert kept.seeker is None and kept.cover_note == "" and kept.stage == "hired"
    assert selectors.placements_last_30_days() >= 1
