"""The public page a letter's QR code opens: what was signed, and whether a file is it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.signing.helpers import sign_letter
from tests.signing.test_signing import flip_byte_in_signed_range

pytestmark = pytest.mark.django_db


def upload(client, path, content: bytes, name="surat.pdf"):
    return client.post(
        path, {"document": SimpleUploadedFile(name, content, content_type="application/pdf")}
    )


def test_the_page_shows_the_signed_letter_in_the_region_time_zone(site_client, balikpapan):
    reservation, signed = sign_letter(balikpapan, "Undangan Rapat Pembangunan")
    local = signed.signed_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Makassar"))
    connection.set_schema_to_public()

    page = site_client(balikpapan).get(reservation.verify_path)

    assert page.status_code == 200
    assert "Undangan Rapat Pembangunan" in page.text
    assert "Sekretaris Daerah" in page.text
    assert "a.n. Wali Kota Tangerang Selatan" in page.text
    assert signed.sha256 in page.text
    assert f"{local:%H:%M} WITA" in page.text
    assert '<label for="id_document">' in page.text


def test_the_signed_file_is_valid(site_client, tangsel):
    reservation, signed = sign_letter(tangsel)
    connection.set_schema_to_public()

    result = upload(site_client(tangsel), reservation.verify_path, signed.content)

    assert result.status_code == 200
    assert "SAH" in result.text and "TIDAK SAH" not in result.text


def test_a_tampered_file_is_not_valid(site_client, tangsel):
    reservation, signed = sign_letter(tangsel)
    connection.set_schema_to_public()

    result = upload(
        site_client(tangsel), reservation.verify_path, flip_byte_in_signed_range(signed.content)
    )

    assert "TIDAK SAH" in result.text
    assert "Isi dokumen telah berubah setelah ditandatangani." in result.text


def test_another_validly_signed_letter_is_not_valid_for_this_code(site_client, tangsel):
    reservation, _signed = sign_letter(tangsel, "Surat A")
    _other, other_signed = sign_letter(tangsel, "Surat B")
    connection.set_schema_to_public()

    result = upload(site_client(tangsel), reservation.verify_path, other_signed.content)

    assert "TIDAK SAH" in result.text
    assert "bukan dokumen yang tercatat dengan kode ini" in result.text


def test_a_file_that_is_not_a_pdf_is_answered_clearly(site_client, tangsel):
    reservation, _signed = sign_letter(tangsel)
    connection.set_schema_to_public()

    result = upload(site_client(tangsel), reservation.verify_path, b"halo", name="catatan.txt")

    assert result.status_code == 200
    assert "Berkas ini bukan PDF yang dapat dibaca." in result.text


def test_an_unknown_or_unsigned_token_is_404(site_client, tangsel):
    from signing import api

    connection.set_tenant(tangsel)
    unsigned = api.reserve("Belum ditandatangani")
    connection.set_schema_to_public()
    client = site_client(tangsel)

    assert client.get("/verifikasi/tidak-ada-kode-ini/").status_code == 404
    assert client.get(unsigned.verify_path).status_code == 404


def test_a_token_of_region_a_is_404_on_region_b(site_client, tangsel, balikpapan):
    reservation, signed = sign_letter(tangsel)
    connection.set_schema_to_public()

    seen = site_client(balikpapan).get(reservation.verify_path)
    checked = upload(site_client(balikpapan), reservation.verify_path, signed.content)

    assert seen.status_code == 404 and checked.status_code == 404


def test_each_region_serves_its_own_ca_and_crl(site_client, tangsel, balikpapan):
    sign_letter(tangsel)
    sign_letter(balikpapan)
    connection.set_schema_to_public()

    own_cert = site_client(tangsel).get("/verifikasi/ca.crt")
    own_crl = site_client(tangsel).get("/verifikasi/ca.crl")
    other = site_client(balikpapan).get("/verifikasi/ca.crt")

    assert b"BEGIN CERTIFICATE" in own_cert.content
    assert own_crl.status_code == 200 and own_crl["Content-Type"] == "application/pkix-crl"
    assert b"BEGIN CERTIFICATE" in other.content and other.content != own_cert.content


def test_checking_without_a_file_asks_for_one(site_client, tangsel):
    reservation, _signed = sign_letter(tangsel)
    connection.set_schema_to_public()

    result = site_client(tangsel).post(reservation.verify_path, {})

    assert result.status_code == 200
    assert 'role="alert"' in result.text
    assert 'id="id_document_helptext"' in result.text
    assert "SAH" not in result.text
