"""Objects for the module contract's cross-region test: one of each kind every id-taking URL
names, made in the current region through the services, with the region's admin as a
company member and as an applicant (so its own host answers every URL)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from modules.jobs import alerts, documents, selectors, services
from modules.jobs.models import Education, JobType, Sector

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def contract_objects(region) -> dict:
    users = get_user_model().objects
    admin = users.filter(is_superuser=True).order_by("pk").first()
    other = users.create_user(
        f"kontrak-{secrets.token_hex(4)}@{region.slug}.test", first_name="Warga", last_name="Uji"
    )
    own_company, own_vacancy = company_with_vacancy(admin, "PT Uji Kontrak")
    _other_company, other_vacancy = company_with_vacancy(other, "CV Lain Kontrak")
    for person in (admin, other):
        seeker(person, photo=_photo())
    mine = services.apply(other_vacancy, user=admin, cover_note="Uji")
    theirs = services.apply(own_vacancy, user=other, cover_note="Uji")
    _invitation, token = services.invite_member(
        own_company, f"kolega-{secrets.token_hex(4)}@{region.slug}.test", actor=admin
    )
    card = own_card(admin)
    document = documents.add_document(
        own_company,
        "nib",
        SimpleUploadedFile("nib.pdf", PDF, content_type="application/pdf"),
        actor=admin,
    )
    saved = alerts.save_search(admin, QueryDict("q=gudang"))
    fair = services.save_fair(
        None,
        actor=admin,
        companies=[own_company],
        title="Bursa Kerja Uji",
        starts_on=selectors.region_today(),
        ends_on=selectors.region_today() + timedelta(days=1),
        place="Gedung Uji",
    )
    return {
        "search_delete:pk": saved.pk,
        "fair:pk": fair.pk,
        "fair_edit:pk": fair.pk,
        "pk": own_vacancy.pk,
        "card_print:pk": card.pk,
        "card_pdf:pk": card.pk,
        "card_report:pk": card.pk,
        "document_add:pk": own_company.pk,
        "document:pk": own_company.pk,
        "document:document": document.pk,
        "document_remove:pk": own_company.pk,
        "document_remove:document": document.pk,
        "applicant_photo:pk": theirs.pk,
        "card:pk": card.pk,
        "code": card.check_code,
        "company:pk": own_company.pk,
        "company_edit:pk": own_company.pk,
        "company_invite:pk": own_company.pk,
        "vacancy_create:pk": own_company.pk,
        "my_application:pk": mine.pk,
        "applicant:pk": theirs.pk,
        "applicant_cv:pk": theirs.pk,
        "token": token,
    }


def company_with_vacancy(owner, name: str):
    """A verified company of `owner` and one approved vacancy of it (verified and approved
    by the region's first superuser)."""
    verifier = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    company = services.register_company(
        actor=owner,
        name=name,
        nib=f"8{secrets.randbelow(10**12):012d}",
        sector=Sector.PERDAGANGAN,
        address="Jl. Uji No. 1",
        contact_name="Narahubung Uji",
        contact_phone="081200000000",
        contact_email="hrd@contoh.test",
    )
    services.verify_company(company, actor=verifier)
    vacancy = services.create_vacancy(
        company,
        actor=owner,
        title="Staf Gudang",
        description="Menyusun barang di gudang.",
        requirements="Teliti.",
        education=Education.SMA,
        job_type=JobType.FULL_TIME,
        openings=2,
        salary_min=4_500_000,
        salary_max=5_000_000,
        closes_on=selectors.region_today() + timedelta(days=14),
    )
    services.submit_vacancy(vacancy, actor=owner)
    services.approve_vacancy(vacancy, actor=verifier)
    vacancy.refresh_from_db()
    return company, vacancy


def _photo() -> SimpleUploadedFile:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), (30, 90, 160)).save(out, format="PNG")
    return SimpleUploadedFile("foto.png", out.getvalue(), content_type="image/png")


def seeker(user, **data):
    values = {"phone": "081234567890", "education": Education.SMA, **data}
    cv = SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf")
    return services.save_profile(user, cv=cv, **values)


def own_card(user):
    """An issued AK/1 card of `user` (issued by the region's first superuser)."""
    from datetime import date

    from modules.jobs import cards

    born = date(1998, 4, 17)
    card = cards.request_card(
        user,
        nik=f"367401{born:%d%m%y}{secrets.randbelow(10**4):04d}",
        full_name="Pemegang Kartu Uji",
        birth_date=born,
        address="Jl. Uji No. 3",
    )
    verifier = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    return cards.issue_card(card, actor=verifier)
