"""The remaining staff pages: signing (and what it says when the signing service refuses),
importing a package, the settings with the instruction list, the retention list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.modules.eoffice.conftest import (
    ADMIN,
    HEAD,
    classification,
    head,
    in_region,
    incoming,
    position,
)

pytestmark = pytest.mark.django_db


def _ready(region):
    from modules.eoffice.models import Letter

    in_region(region)
    return Letter.objects.create(
        kind="keluar",
        status="siap_tte",
        subject="Surat siap ditandatangani",
        body="Isi.",
        classification=classification(),
        origin_position=position(HEAD),
        signatory_position=position(HEAD),
    )


def test_the_sign_form_asks_for_the_password_and_a_code_or_pin(tangsel, admin_client_for):
    letter = _ready(tangsel)
    client = admin_client_for(tangsel)

    response = client.post(f"{ADMIN}surat/{letter.pk}/tandatangani/", {})

    assert "Masukkan kode OTP atau PIN tanda tangan." in response.text


def test_a_refused_signature_is_told_and_leaves_the_letter_unsigned(
    tangsel, admin_client_for, signing_seam, monkeypatch
):
    letter = _ready(tangsel)
    client = admin_client_for(tangsel)

    def refuse(*args, **kwargs):
        raise signing_seam.SigningError("Penanda tangan tidak ditemukan atau tidak aktif.")

    monkeypatch.setattr(signing_seam, "sign_pdf", refuse)
    response = client.post(
        f"{ADMIN}surat/{letter.pk}/tandatangani/", {"password": "x", "pin": "123456"}
    )

    in_region(tangsel)
    letter.refresh_from_db()
    assert response.status_code == 200
    assert "Penanda tangan tidak ditemukan atau tidak aktif." in response.text
    assert letter.status == "siap_tte" and not letter.number


def test_a_package_is_imported_through_the_page(tangsel, admin_client_for):
    from modules.eoffice import services

    letter = incoming(tangsel, subject="Paket dari instansi lain")
    content = services.export_package(head(tangsel), letter)
    client = admin_client_for(tangsel)
    in_region(tangsel)
    upload = SimpleUploadedFile("paket.zip", content, content_type="application/zip")

    response = client.post(f"{ADMIN}impor/", {"package": upload, "addressed_to": position(HEAD).pk})
    broken = client.post(
        f"{ADMIN}impor/",
        {"package": SimpleUploadedFile("x.zip", b"xx"), "addressed_to": position(HEAD).pk},
    )

    assert response.status_code == 302
    assert "Paket dari instansi lain" in client.get(response["Location"]).text
    assert "Berkas bukan paket naskah yang valid." in broken.text


def test_instructions_are_added_and_switched_off(tangsel, admin_client_for):
    from modules.eoffice.models import Instruction

    client = admin_client_for(tangsel)
    client.post(f"{ADMIN}pengaturan/", {"text": "Pantau dan laporkan mingguan"})
    in_region(tangsel)
    added = Instruction.objects.get(text="Pantau dan laporkan mingguan")
    client.post(f"{ADMIN}pengaturan/", {"toggle": added.pk})

    in_region(tangsel)
    added.refresh_from_db()
    assert not added.active
    page = client.get(f"{ADMIN}pengaturan/").text
    assert "Pantau dan laporkan mingguan" in page and "000.5" in page


def test_the_retention_list_page(tangsel, admin_client_for):
    incoming(
        tangsel,
        subject="Undangan tahun lalu sekali",
        letter_date=timezone.localdate() - timedelta(days=365 * 4),
    )
    client = admin_client_for(tangsel)

    page = client.get(f"{ADMIN}arsip/retensi/").text

    assert "Undangan tahun lalu sekali" in page
