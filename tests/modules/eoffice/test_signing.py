"""Signing through the real service (platform/signing): skipped until it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.modules.eoffice.conftest import HEAD, classification, head, in_region, position

pytest.importorskip("signing.api")

pytestmark = pytest.mark.django_db


def _signed_letter(region, monkeypatch):
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


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_reads_the_signature(tangsel, monkeypatch, tmp_path):
    letter = _signed_letter(tangsel, monkeypatch)
    path = tmp_path / "surat.pdf"
    path.write_bytes(bytes(letter.documents.get(kind="tte").content))

    output = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)

    assert "Signature #1" in output.stdout


def _tampered(pdf: bytes) -> bytes:
    """One byte changed inside the signed range (the letter's content streams are compressed,
    so replacing visible words would change nothing)."""
    signed_until = int(re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)", pdf).group(1))
    at = signed_until // 2
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]
