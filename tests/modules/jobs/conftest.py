"""Helpers of the Siap Kerja tests: people, companies, vacancies and applications in a demo
region, made through the module's services as a person would make them."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.harness.fixtures import sign_in_staff

RESIDENT = "/kerja/"
ADMIN = "/admin/jobs/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def in_region(region):
    connection.set_tenant(region)
    return region


def today_in(region) -> date:
    from modules.jobs.selectors import region_today

    in_region(region)
    return region_today()


def resident(region, name: str = "Warga"):
    """A resident account of the region (a unique address each call)."""
    from accounts.models import User

    in_region(region)
    return User.objects.create_user(
        f"{name.lower().replace(' ', '.')}.{secrets.token_hex(3)}@warga.test",
        "Kata-Sandi-Warga-26",
        first_name=name,
        last_name="Uji",
    )


def verifier(region, *, in_disnaker: bool = True):
    """A Disnaker officer with the module's role, placed in the Disnaker unit's verifier
    position of the organisation directory (or outside any unit)."""
    from accounts.models import User
    from organisation import api as organisation

    in_region(region)
    officer = User.objects.create_user(
        f"verifikator.{secrets.token_hex(3)}@{region.slug}.test",
        "Kata-Sandi-Staf-26",
        first_name="Rudi",
        last_name="Verifikator",
        is_staff=True,
    )
    officer.groups.add(Group.objects.get(name="Verifikator Disnaker"))
    if in_disnaker:
        position = organisation.position_by_code("DISNAKER.PENEMPATAN.VERIFIKATOR")
        organisation.mutasi(officer, position, date(2025, 1, 2), None)
    return officer


def company(region, owner, *, verified: bool = True, name: str = "PT Maju Bersama", **extra):
    from modules.jobs import services

    in_region(region)
    fields = {
        "name": name,
        "nib": f"7{secrets.randbelow(10**12):012d}",
        "sector": "perdagangan",
        "address": "Jl. Uji No. 2",
        "contact_name": "Bu Personalia",
        "contact_phone": "0215550199",
        "contact_email": "hrd@maju.test",
        **extra,
    }
    made = services.register_company(actor=owner, **fields)
    if verified:
        services.verify_company(made, actor=admin_of(region))
    made.refresh_from_db()
    return made


def admin_of(region):
    from accounts.models import User

    in_region(region)
    return User.objects.get(email=f"admin@{region.slug}.test")


def vacancy(region, of_company, *, approved: bool = True, **extra):
    """A vacancy of `of_company` made by its first member; submitted and approved unless
    told otherwise (which needs a verified company)."""
    from modules.jobs import services

    in_region(region)
    member = of_company.members.order_by("pk").first().user
    fields = {
        "title": "Staf Administrasi",
        "description": "Mengarsipkan dokumen dan membuat laporan harian.",
        "requirements": "SMA/SMK, menguasai Microsoft Excel.",
        "education": "sma",
        "job_type": "full_time",
        "openings": 2,
        "salary_min": 4_500_000,
        "salary_max": 5_000_000,
        "closes_on": today_in(region) + timedelta(days=14),
        **extra,
    }
    made = services.create_vacancy(of_company, actor=member, **fields)
    if approved:
        services.submit_vacancy(made, actor=member)
        services.approve_vacancy(made, actor=admin_of(region))
    made.refresh_from_db()
    return made


def seeker(region, name: str = "Siti", *, cv: bool = True, **profile):
    """A resident with a job-seeker profile (and a CV)."""
    from modules.jobs import services

    person = resident(region, name)
    values = {"phone": "081211112222", "education": "sma", **profile}
    upload = SimpleUploadedFile("cv-saya.pdf", PDF, content_type="application/pdf") if cv else None
    services.save_profile(person, cv=upload, **values)
    return person


def apply(region, person, to_vacancy, note: str = "Saya siap bekerja."):
    from modules.jobs import services

    in_region(region)
    return services.apply(to_vacancy, user=person, cover_note=note)


def employer_world(region):
    """Two companies with one open vacancy each, and a seeker who applied to the first."""
    owner_a, owner_b = resident(region, "Ani"), resident(region, "Budi")
    company_a = company(region, owner_a, name="PT Alfa Niaga")
    company_b = company(region, owner_b, name="CV Beta Karya")
    vacancy_a = vacancy(region, company_a, title="Kasir Toko")
    vacancy_b = vacancy(region, company_b, title="Operator Produksi")
    person = seeker(region, "Citra", phone="081377778888")
    application = apply(region, person, vacancy_a)
    return {
        "owner_a": owner_a,
        "owner_b": owner_b,
        "company_a": company_a,
        "company_b": company_b,
        "vacancy_a": vacancy_a,
        "vacancy_b": vacancy_b,
        "seeker": person,
        "application": application,
    }


@pytest.fixture
def signed_in(site_client):
    """`signed_in(region, user)`: a client on the region's host signed in as `user`."""

    def make(region, user):
        client = site_client(region)
        if user.is_staff:
            sign_in_staff(client, region, user.email)
        else:
            in_region(region)
            client.force_login(user)
        return client

    return make
