"""Companies' documents: uploaded with the registration (or later), checked to be PDFs, kept
in the region's private folder, read only by the company's members and Disnaker."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from tests.modules.jobs.conftest import (
    ADMIN,
    PDF,
    RESIDENT,
    company,
    in_region,
    resident,
    seeker,
    verifier,
)

pytestmark = [pytest.mark.django_db]

FORM = {
    "name": "PT Sumber Rejeki Serpong",
    "nib": "1234567890123",
    "sector": "industri",
    "address": "Jl. Raya Serpong No. 9",
    "contact_name": "Ibu Lestari",
    "contact_phone": "0215551234",
    "contact_email": "hrd@sumberrejeki.test",
}
NIB_PDF = PDF + b"% NIB 1234567890123\n"
AKTA_PDF = PDF + b"% Akta Notaris No. 12\n"


def pdf(name: str, content: bytes = NIB_PDF, kind: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=kind)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def registered(tangsel, signed_in, private_media):
    """A company registered through the form with its NIB and deed."""
    from modules.jobs.models import Company

    owner = resident(tangsel, "Lestari")
    client = signed_in(tangsel, owner)
    files = {"nib_document": pdf("NIB OSS.pdf"), "akta_document": pdf("akta.pdf", AKTA_PDF)}
    page = client.post(f"{RESIDENT}perusahaan/daftar/", {**FORM, **files}, follow=True)
    in_region(tangsel)
    made = Company.objects.get(nib=FORM["nib"])
    docs = {d.kind: d for d in made.documents.all()}
    return {"owner": owner, "client": client, "page": page, "company": made, "docs": docs}


def test_documents_come_with_the_registration_and_disnaker_reads_them(
    registered, tangsel, signed_in, private_media
):
    made, docs = registered["company"], registered["docs"]
    officer = signed_in(tangsel, verifier(tangsel))

    review = officer.get(f"{ADMIN}perusahaan/{made.pk}/")
    nib = officer.get(f"{ADMIN}perusahaan/{made.pk}/dokumen/{docs['nib'].pk}/")
    own = registered["client"].get(f"{RESIDENT}perusahaan/{made.pk}/dokumen/{docs['akta'].pk}/")

    assert "Dokumen NIB (OSS): NIB OSS.pdf" in registered["page"].text
    assert "Akta pendirian: akta.pdf" in review.text
    assert nib.status_code == 200 and body(nib) == NIB_PDF
    assert nib["Content-Type"] == "application/pdf" and "private" in nib["Cache-Control"]
    assert body(own) == AKTA_PDF
    # On disk in the region's own private folder under a random name, not in public media.
    stored = private_media / tangsel.schema_name / docs["nib"].file.name
    assert stored.read_bytes() == NIB_PDF and "NIB OSS" not in stored.name
    public = registered["client"].get(f"/media/{tangsel.schema_name}/{docs['nib'].file.name}")
    assert public.status_code == 404
    in_region(tangsel)
    assert AuditEntry.objects.filter(action="jobs.read_company_document").count() == 2


def test_the_registration_needs_the_nib_document_as_a_pdf(tangsel, signed_in, private_media):
    from modules.jobs.models import Company

    client = signed_in(tangsel, resident(tangsel))
    url = f"{RESIDENT}perusahaan/daftar/"

    missing = client.post(url, FORM)
    picture = client.post(
        url, {**FORM, "nib_document": pdf("nib.jpg", b"\xff\xd8\xff", "image/jpeg")}
    )
    renamed = client.post(url, {**FORM, "nib_document": pdf("nib.pdf", b"MZ\x90\x00")})

    assert "Unggah dokumen ini (PDF)." in missing.text
    assert "Dokumen harus berupa berkas PDF (.pdf)." in picture.text
    assert "Dokumen harus berupa berkas PDF (.pdf)." in renamed.text
    assert "PT Sumber Rejeki Serpong" in renamed.text  # what was typed is shown back
    in_region(tangsel)
    assert not Company.objects.filter(nib=FORM["nib"]).exists()
    assert not any(private_media.rglob("*.pdf"))


def test_a_member_adds_a_document_later(registered, tangsel):
    made, client = registered["company"], registered["client"]
    url = f"{RESIDENT}perusahaan/{made.pk}/dokumen/"

    added = client.post(url, {"kind": "npwp", "file": pdf("npwp.pdf")}, follow=True)
    refused = client.post(url, {"kind": "npwp", "file": pdf("npwp.txt", b"teks")}, follow=True)

    assert "Dokumen tersimpan" in added.text and "NPWP perusahaan: npwp.pdf" in added.text
    assert "Dokumen harus berupa berkas PDF" in refused.text
    assert made.documents.count() == 3


def test_only_members_and_disnaker_read_a_companys_documents(
    registered, tangsel, signed_in, site_client
):
    from django.contrib.auth.models import Group

    made, nib = registered["company"], registered["docs"]["nib"]
    own_url = f"{RESIDENT}perusahaan/{made.pk}/dokumen/{nib.pk}/"
    admin_url = f"{ADMIN}perusahaan/{made.pk}/dokumen/{nib.pk}/"
    other_owner = resident(tangsel, "Budi")
    other = company(tangsel, other_owner, name="CV Lain")
    rival = signed_in(tangsel, other_owner)
    job_seeker = signed_in(tangsel, seeker(tangsel))
    in_region(tangsel)
    analyst = verifier(tangsel, in_disnaker=False)
    analyst.groups.set([Group.objects.get(name="Analis Ketenagakerjaan")])
    analyst_client = signed_in(tangsel, analyst)

    assert rival.get(own_url).status_code == 404
    assert rival.get(f"{RESIDENT}perusahaan/{other.pk}/dokumen/{nib.pk}/").status_code == 404
    assert (
        rival.post(
            f"{RESIDENT}perusahaan/{made.pk}/dokumen/", {"kind": "npwp", "file": pdf("x.pdf")}
        ).status_code
        == 404
    )
    assert job_seeker.get(own_url).status_code == 404
    assert site_client(tangsel).get(own_url).status_code == 302  # to the sign-in page
    refused = analyst_client.get(admin_url)  # Wagtail sends a refusal to the admin's home
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert made.documents.count() == 2


def test_documents_of_region_a_are_not_reachable_through_region_bs_host(
    registered, tangsel, balikpapan, admin_client_for, signed_in
):
    from modules.jobs.models import Company

    made, nib = registered["company"], registered["docs"]["nib"]
    in_region(balikpapan)
    assert not Company.objects.filter(pk=made.pk).exists()
    other_admin = admin_client_for(balikpapan)
    # The same person's session does not travel, but even a member of a B company is a stranger.
    b_owner = resident(balikpapan, "Warga B")
    company(balikpapan, b_owner, name="PT Balikpapan Jaya")
    b_member = signed_in(balikpapan, b_owner)

    answers = [
        other_admin.get(f"{ADMIN}perusahaan/{made.pk}/dokumen/{nib.pk}/").status_code,
        other_admin.get(f"{ADMIN}perusahaan/{made.pk}/").status_code,
        b_member.get(f"{RESIDENT}perusahaan/{made.pk}/dokumen/{nib.pk}/").status_code,
        other_admin.get(f"/media/{tangsel.schema_name}/{nib.file.name}").status_code,
    ]

    assert answers == [404, 404, 404, 404]


def test_a_member_removes_a_document_until_the_company_is_verified(
    registered, tangsel, signed_in, private_media, django_capture_on_commit_callbacks
):
    from modules.jobs import services

    made, client, docs = registered["company"], registered["client"], registered["docs"]
    akta, nib = docs["akta"], docs["nib"]
    stored = private_media / tangsel.schema_name / akta.file.name
    company(tangsel, rival_owner := resident(tangsel, "Dodi"), name="CV Lain")
    rival = signed_in(tangsel, rival_owner)

    stranger = rival.post(f"{RESIDENT}perusahaan/{made.pk}/dokumen/{akta.pk}/hapus/")
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once it commits
        removed = client.post(
            f"{RESIDENT}perusahaan/{made.pk}/dokumen/{akta.pk}/hapus/", follow=True
        )
    in_region(tangsel)
    services.verify_company(made, actor=verifier(tangsel))
    kept = client.post(f"{RESIDENT}perusahaan/{made.pk}/dokumen/{nib.pk}/hapus/", follow=True)

    assert stranger.status_code == 404
    assert "Dokumen akta.pdf dihapus." in removed.text
    assert not stored.exists()
    assert "sudah diverifikasi Disnaker tidak dapat dihapus" in kept.text
    assert list(made.documents.values_list("kind", flat=True)) == ["nib"]
