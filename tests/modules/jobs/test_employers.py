"""Employers: registering a company, Disnaker's verification, colleagues, and vacancies from
draft to Disnaker's approval, then extended, filled or withdrawn."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.models import Notice
from tests.modules.jobs.conftest import (
    ADMIN,
    PDF,
    RESIDENT,
    admin_of,
    company,
    in_region,
    resident,
    today_in,
    vacancy,
    verifier,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

COMPANY_FORM = {
    "name": "PT Sumber Rejeki Serpong",
    "nib": "1234567890123",
    "sector": "industri",
    "address": "Jl. Raya Serpong No. 9",
    "contact_name": "Ibu Lestari",
    "contact_phone": "0215551234",
    "contact_email": "hrd@sumberrejeki.test",
}


def vacancy_form(region, **changes) -> dict:
    return {
        "title": "Operator Mesin",
        "job_type": "full_time",
        "openings": "3",
        "description": "Menjalankan mesin produksi.",
        "requirements": "SMK Mesin.",
        "education": "sma",
        "experience_years": "0",
        "location": "Kawasan Industri Serpong",
        "salary_min": "Rp 4.500.000",
        "salary_max": "5.000.000",
        "closes_on": (today_in(region) + timedelta(days=20)).isoformat(),
        **changes,
    }


def test_a_resident_registers_a_company_and_disnaker_staff_are_told(tangsel, signed_in):
    officer = verifier(tangsel)
    outsider = verifier(tangsel, in_disnaker=False)  # has the role, works elsewhere
    owner = resident(tangsel, "Lestari")
    client = signed_in(tangsel, owner)

    nib_pdf = SimpleUploadedFile("nib.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"{RESIDENT}perusahaan/daftar/", {**COMPANY_FORM, "nib_document": nib_pdf}, follow=True
    )

    assert "menunggu verifikasi Disnaker" in response.text
    in_region(tangsel)
    from modules.jobs.models import Company

    registered = Company.objects.get(nib="1234567890123")
    assert registered.status == Company.Status.PENDING
    assert list(registered.members.values_list("user__email", flat=True)) == [owner.email]
    told = set(Notice.objects.filter(topic="jobs.company_waiting").values_list("user", flat=True))
    assert officer.pk in told and outsider.pk not in told


def test_a_bad_or_taken_nib_is_refused_with_a_clear_message(tangsel, signed_in):
    owner = resident(tangsel)
    company(tangsel, owner, nib="1234567890123")
    client = signed_in(tangsel, owner)

    short = client.post(f"{RESIDENT}perusahaan/daftar/", {**COMPANY_FORM, "nib": "12345"})
    taken = client.post(f"{RESIDENT}perusahaan/daftar/", COMPANY_FORM)

    assert "NIB terdiri dari 13 angka." in short.text
    assert "PT Sumber Rejeki Serpong" in short.text  # what was typed is shown back
    assert "NIB ini sudah terdaftar" in taken.text


def test_an_unverified_company_cannot_publish(tangsel, signed_in, admin_client_for):
    owner = resident(tangsel)
    pending = company(tangsel, owner, verified=False)
    draft = vacancy(tangsel, pending, approved=False, title="Lowongan Belum Sah")
    client = signed_in(tangsel, owner)

    submitted = client.post(f"{RESIDENT}kelola/lowongan/{draft.pk}/ajukan/", follow=True)
    from modules.jobs import services
    from modules.jobs.models import Vacancy

    in_region(tangsel)
    draft.refresh_from_db()
    assert "belum diverifikasi Disnaker" in submitted.text
    assert draft.status == Vacancy.Status.DRAFT
    # Nor can Disnaker approve it, should it reach them (e.g. a company suspended meanwhile).
    Vacancy.objects.filter(pk=draft.pk).update(status=Vacancy.Status.PENDING)
    admin = admin_client_for(tangsel)
    approved = admin.post(f"{ADMIN}lowongan/{draft.pk}/", {"action": "approve"}, follow=True)
    assert "belum terverifikasi" in approved.text
    in_region(tangsel)
    assert Vacancy.objects.get(pk=draft.pk).status == Vacancy.Status.PENDING
    with pytest.raises(Exception, match="belum terverifikasi"):
        services.approve_vacancy(draft, actor=admin_of(tangsel))
    public = signed_in(tangsel, resident(tangsel))
    assert public.get(f"{RESIDENT}lowongan/{draft.pk}/").status_code == 404
    assert "Lowongan Belum Sah" not in public.get(RESIDENT).text


def test_disnaker_verifies_a_company_and_its_members_are_told(tangsel, signed_in):
    officer = verifier(tangsel)
    owner = resident(tangsel)
    pending = company(tangsel, owner, verified=False)
    staff = signed_in(tangsel, officer)

    page = staff.get(ADMIN)
    response = staff.post(f"{ADMIN}perusahaan/{pending.pk}/", {"action": "verify"}, follow=True)

    assert pending.name in page.text
    assert "Terverifikasi" in response.text
    in_region(tangsel)
    from audit.models import AuditEntry

    pending.refresh_from_db()
    assert pending.is_verified and pending.reviewed_by == officer
    assert AuditEntry.objects.filter(action="jobs.verified_company", actor_id=officer.pk).exists()
    assert Notice.objects.filter(user=owner, topic="jobs.company_reviewed").exists()


def test_rejecting_needs_a_reason_that_the_employer_then_reads(tangsel, signed_in):
    officer = verifier(tangsel)
    owner = resident(tangsel)
    pending = company(tangsel, owner, verified=False)
    staff = signed_in(tangsel, officer)

    blank = staff.post(f"{ADMIN}perusahaan/{pending.pk}/", {"action": "reject", "reason": ""})
    staff.post(
        f"{ADMIN}perusahaan/{pending.pk}/",
        {"action": "reject", "reason": "NIB tidak ditemukan di OSS."},
    )
    seen = signed_in(tangsel, owner).get(f"{RESIDENT}perusahaan/{pending.pk}/")

    assert "Tuliskan alasannya" in blank.text
    assert "NIB tidak ditemukan di OSS." in seen.text


def test_a_vacancy_goes_from_draft_to_published_through_disnaker(tangsel, signed_in):
    officer = verifier(tangsel)
    owner = resident(tangsel)
    verified = company(tangsel, owner)
    employer = signed_in(tangsel, owner)

    created = employer.post(
        f"{RESIDENT}perusahaan/{verified.pk}/lowongan-baru/", vacancy_form(tangsel), follow=True
    )
    from modules.jobs.models import Vacancy

    in_region(tangsel)
    draft = Vacancy.objects.get(company=verified, title="Operator Mesin")
    assert "Konsep lowongan Operator Mesin tersimpan" in created.text
    assert draft.salary_min == 4_500_000 and draft.salary_max == 5_000_000
    assert signed_in(tangsel, resident(tangsel)).get(RESIDENT).text.count("Operator Mesin") == 0

    employer.post(f"{RESIDENT}kelola/lowongan/{draft.pk}/ajukan/")
    assert Notice.objects.filter(user=officer, topic="jobs.vacancy_waiting").exists()
    staff = signed_in(tangsel, officer)
    staff.post(f"{ADMIN}lowongan/{draft.pk}/", {"action": "approve"})

    listing = signed_in(tangsel, resident(tangsel)).get(RESIDENT)
    assert "Operator Mesin" in listing.text
    assert "Rp 4.500.000–Rp 5.000.000" in listing.text
    assert Notice.objects.filter(user=owner, topic="jobs.vacancy_reviewed").exists()


def test_the_vacancy_form_explains_bad_salaries_and_dates(tangsel, signed_in):
    owner = resident(tangsel)
    verified = company(tangsel, owner)
    employer = signed_in(tangsel, owner)
    url = f"{RESIDENT}perusahaan/{verified.pk}/lowongan-baru/"

    no_salary = employer.post(url, vacancy_form(tangsel, salary_min="", salary_max=""))
    upside_down = employer.post(url, vacancy_form(tangsel, salary_min="6000000"))
    cents = employer.post(url, vacancy_form(tangsel, salary_min="4.500.000,50"))
    too_long = vacancy_form(
        tangsel, closes_on=(today_in(tangsel) + timedelta(days=365)).isoformat()
    )
    employer.post(url, too_long)
    from modules.jobs.models import Vacancy

    in_region(tangsel)
    long_draft = Vacancy.objects.get(company=verified)
    submitted = employer.post(f"{RESIDENT}kelola/lowongan/{long_draft.pk}/ajukan/", follow=True)

    assert "centang “gaji dapat dinegosiasikan”" in no_salary.text
    assert "Gaji tertinggi tidak boleh di bawah gaji terendah." in upside_down.text
    assert "tanpa sen" in cents.text
    assert "paling lama 60 hari" in submitted.text


def test_employers_extend_fill_and_withdraw_their_vacancies(tangsel, signed_in):
    owner = resident(tangsel)
    verified = company(tangsel, owner)
    first, second = vacancy(tangsel, verified, title="Satpam"), vacancy(tangsel, verified)
    employer = signed_in(tangsel, owner)
    later = today_in(tangsel) + timedelta(days=40)

    employer.post(f"{RESIDENT}kelola/lowongan/{first.pk}/perpanjang/", {"closes_on": later})
    earlier = employer.post(
        f"{RESIDENT}kelola/lowongan/{first.pk}/perpanjang/",
        {"closes_on": today_in(tangsel).isoformat()},
        follow=True,
    )
    employer.post(f"{RESIDENT}kelola/lowongan/{first.pk}/terisi/")
    employer.post(f"{RESIDENT}kelola/lowongan/{second.pk}/tarik/")

    from modules.jobs.models import Vacancy

    in_region(tangsel)
    first.refresh_from_db()
    assert "Pilih tanggal setelah" in earlier.text
    assert first.closes_on == later and first.status == Vacancy.Status.FILLED
    assert Vacancy.objects.get(pk=second.pk).status == Vacancy.Status.WITHDRAWN
    public = signed_in(tangsel, resident(tangsel))
    assert "sudah terisi" in public.get(f"{RESIDENT}lowongan/{first.pk}/").text
    assert public.get(f"{RESIDENT}lowongan/{second.pk}/").status_code == 404
    assert "Satpam" not in public.get(RESIDENT).text


def test_another_company_cannot_touch_a_vacancy(tangsel, signed_in):
    verified = company(tangsel, resident(tangsel))
    own = vacancy(tangsel, verified)
    stranger = resident(tangsel)
    company(tangsel, stranger, name="CV Lain")
    other = signed_in(tangsel, stranger)

    answers = [
        other.get(f"{RESIDENT}kelola/lowongan/{own.pk}/").status_code,
        other.post(f"{RESIDENT}kelola/lowongan/{own.pk}/tarik/").status_code,
        other.get(f"{RESIDENT}perusahaan/{verified.pk}/").status_code,
        other.post(
            f"{RESIDENT}perusahaan/{verified.pk}/undang/", {"email": "a@b.test"}
        ).status_code,
    ]

    from modules.jobs.models import Vacancy

    assert answers == [404, 404, 404, 404]
    in_region(tangsel)
    assert Vacancy.objects.get(pk=own.pk).status == Vacancy.Status.PUBLISHED


def test_a_colleague_joins_through_the_emailed_link_with_their_own_address(tangsel, signed_in):
    from django.core import mail

    owner = resident(tangsel)
    verified = company(tangsel, owner)
    colleague, somebody = resident(tangsel, "Rekan"), resident(tangsel, "Lain")
    signed_in(tangsel, owner).post(
        f"{RESIDENT}perusahaan/{verified.pk}/undang/", {"email": colleague.email}
    )
    from notifications.testing import deliver_pending, last_email_to, links_in

    deliver_pending(tangsel.schema_name)
    link = links_in(last_email_to(colleague.email))[0]
    path = "/" + link.split("/", 3)[3]

    wrong = signed_in(tangsel, somebody).post(path)
    joined = signed_in(tangsel, colleague).post(path, follow=True)

    assert mail.outbox and verified.name in mail.outbox[-1].subject
    assert f"Undangan ini untuk {colleague.email}" in wrong.text
    assert f"Anda kini anggota {verified.name}" in joined.text
    in_region(tangsel)
    assert verified.members.filter(user=colleague).exists()
    assert not verified.members.filter(user=somebody).exists()


def test_kecamatan_come_from_the_organisation_directory(tangsel, signed_in):
    owner = resident(tangsel)
    verified = company(tangsel, owner)

    form = signed_in(tangsel, owner).get(f"{RESIDENT}perusahaan/{verified.pk}/lowongan-baru/")

    assert "Pondok Aren" in form.text and "Serpong" in form.text
