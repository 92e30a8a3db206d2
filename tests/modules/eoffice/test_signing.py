"""Signing a letter through the real service (platform/signing); poppler's pdfsig checks the
same signatures against the region's CA in tests/signing/test_signing.py."""

from __future__ import annotations

import re

import pytest

from tests.modules.eoffice.conftest import HEAD, classification, head, in_region, position

pytestmark = pytest.mark.django_db


def _signed_letter(region, monkeypatch, **fields):
    from modules.eoffice import services, signing
    from modules.eoffice.models import Letter

    in_region(region)
    signing.ensure_region_ca()
    monkeypatch.setattr(signing, "reauthenticate", lambda user, **kw: True)
    letter = Letter.objects.create(
        kind="keluar",
        status="siap_tte",
        subject="Surat bertanda tangan uji",
        body="Isi uji.",
        classification=classification("500.1"),
        origin_position=position(HEAD),
        signatory_position=position(HEAD),
        **fields,
    )
    return services.sign_letter(head(region), letter, pin="123456")


def test_a_signed_letter_verifies_and_a_tampered_one_does_not(tangsel, monkeypatch):
    from modules.eoffice import signing

    letter = _signed_letter(tangsel, monkeypatch)
    content = bytes(letter.documents.get(kind="tte").content)

    result = signing.verify_pdf(content)
    tampered = signing.verify_pdf(_tampered(content))

    assert result.valid, result.problems
    assert letter.number and letter.verify_path
    assert not tampered.valid


def test_the_public_verification_page_never_shows_a_confidential_subject(
    tangsel, monkeypatch, site_client
):
    from django.db import connection

    letter = _signed_letter(tangsel, monkeypatch, confidentiality="rahasia")
    connection.set_schema_to_public()

    page = site_client(tangsel).get(letter.verify_path).text

    assert "Surat bertanda tangan uji" not in page
    assert "Naskah dinas bersifat rahasia" in page


def _tampered(pdf: bytes) -> bytes:
    """One byte changed inside the signed range (the letter's content streams are compressed,
    so replacing visible words would change nothing)."""
    signed_until = int(re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)", pdf).group(1))
    at = signed_until // 2
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]
