"""PAdES signatures under each region's own CA: valid with pyHanko and poppler, and nothing
else (tampered files, another region's certificates, revoked signers) passes."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context
from pyhanko.pdf_utils.generic import StreamObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from signing import api, authority, pdf
from signing.backends import LocalCASigner
from signing.models import CertificateAuthority, SignerCertificate, VerificationRecord

from accounts.models import User
from audit.models import AuditEntry
from tests.harness.fixtures import host_of
from tests.signing.helpers import admin_of, identity_for, letter_pdf, sign_letter

pytestmark = pytest.mark.django_db


def region_context(region):
    """pyHanko's validation context trusting only `region`'s CA, with its current CRL."""
    with schema_context(region.schema_name):
        return pdf.validation_context(*authority.trust_material())


def test_a_signed_letter_validates_with_pyhanko_against_the_region_ca(tangsel):
    reservation, signed = sign_letter(tangsel)

    embedded = PdfFileReader(io.BytesIO(signed.content)).embedded_signatures
    status = validate_pdf_signature(embedded[0], region_context(tangsel))
    record = VerificationRecord.objects.get(token=reservation.token)

    assert len(embedded) == 1
    assert status.bottom_line and status.intact and status.valid and status.trusted
    assert not status.revoked
    assert status.signing_cert.subject.native["common_name"] == record.signer_name
    assert record.sha256 == signed.sha256
    assert record.signed_at == signed.signed_at
    assert record.signer_position == "Sekretaris Daerah"
    assert reservation.verify_path == f"/verifikasi/{reservation.token}/"
    assert AuditEntry.objects.filter(action="signing.sign", object_id=str(record.pk)).exists()


def test_the_signed_letter_embeds_the_region_crl(tangsel):
    _reservation, signed = sign_letter(tangsel)

    reader = PdfFileReader(io.BytesIO(signed.content))
    embedded_crls = reader.root["/DSS"]["/CRLs"]
    ca = CertificateAuthority.objects.get()

    assert [bytes(crl.get_object().data) for crl in embedded_crls] == [bytes(ca.crl_der)]


def nss_database_trusting(region, directory) -> str:
    """An NSS database (what pdfsig trusts) holding only `region`'s CA, fetched the way an
    outsider would: from /verifikasi/ca.crt on the region's host. Trusted for S/MIME (",C,"):
    pdfsig checks a signer's certificate for the e-mail signing usage, so "C,," (TLS only)
    would leave the issuer untrusted."""
    with schema_context(region.schema_name):
        api.ensure_region_ca()
    response = Client(HTTP_HOST=host_of(region)).get("/verifikasi/ca.crt")
    assert response.status_code == 200
    directory.mkdir()
    (directory / "ca.pem").write_bytes(response.content)
    database = f"sql:{directory}"
    for command in (
        ["certutil", "-N", "--empty-password", "-d", database],
        ["certutil", "-A", "-n", "region-ca", "-t", ",C,", "-i", str(directory / "ca.pem")]
        + ["-d", database],
    ):
        subprocess.run(command, check=True, capture_output=True)
    return database


def pdfsig(database: str, path) -> str:
    # No -no-ocsp: with it, poppler reports even a trusted chain as an "unknown issue". The
    # certificates name no OCSP responder, so nothing is fetched either way.
    result = subprocess.run(
        ["pdfsig", "-nssdir", database, str(path)], capture_output=True, text=True
    )
    return result.stdout + result.stderr


def test_poppler_pdfsig_trusts_the_signature_only_through_its_own_region_ca(
    tangsel, balikpapan, tmp_path
):
    _reservation, signed = sign_letter(tangsel)
    signer_name = identity_for(admin_of(tangsel)).name
    signed_file = tmp_path / "surat.pdf"
    signed_file.write_bytes(signed.content)
    tampered_file = tmp_path / "surat-palsu.pdf"
    tampered_file.write_bytes(flip_byte_in_signed_range(signed.content))
    own = nss_database_trusting(tangsel, tmp_path / "nss-tangsel")
    other = nss_database_trusting(balikpapan, tmp_path / "nss-balikpapan")

    good = pdfsig(own, signed_file)
    elsewhere = pdfsig(other, signed_file)
    bad = pdfsig(own, tampered_file)

    assert "Signature Validation: Signature is Valid." in good, good
    assert "Certificate Validation: Certificate is Trusted." in good, good
    assert f"Signer Certificate Common Name: {signer_name}\n" in good
    assert "Signature Type: ETSI.CAdES.detached" in good
    assert "Signature Validation: Signature is Valid." in elsewhere, elsewhere
    assert "Certificate is Trusted." not in elsewhere
    assert "Certificate Validation: Certificate issuer isn't Trusted." in elsewhere
    assert "Signature is Valid" not in bad
    assert "Digest Mismatch" in bad


def flip_byte_in_signed_range(content: bytes) -> bytes:
    changed = bytearray(content)
    where = content.index(b"/Producer")  # in the first signed range, before /Contents
    changed[where + 12] ^= 0x01
    return bytes(changed)


def append_text_after_signing(content: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    stream = writer.add_object(StreamObject(stream_data=b"BT /F1 24 Tf 72 72 Td (PALSU) Tj ET"))
    writer.add_stream_to_page(0, stream)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_an_untouched_letter_verifies(tangsel):
    _reservation, signed = sign_letter(tangsel)

    verification = api.verify_pdf(signed.content)

    assert verification.valid, verification.problems
    assert verification.problems == []
    assert verification.sha256 == signed.sha256
    assert verification.position == "Sekretaris Daerah"
    assert verification.signed_at == signed.signed_at


@pytest.mark.parametrize(
    "tamper, problem",
    [
        (flip_byte_in_signed_range, "Isi dokumen telah berubah setelah ditandatangani."),
        (append_text_after_signing, "Dokumen telah ditambah atau diubah setelah ditandatangani."),
    ],
)
def test_a_tampered_letter_fails(tangsel, tamper, problem):
    _reservation, signed = sign_letter(tangsel)

    verification = api.verify_pdf(tamper(signed.content))

    assert not verification.valid
    assert problem in verification.problems


def test_a_letter_of_region_a_does_not_validate_as_region_b(tangsel, balikpapan):
    _reservation, signed = sign_letter(tangsel)
    with schema_context(balikpapan.schema_name):
        api.ensure_region_ca()
        verification = api.verify_pdf(signed.content)
    status = validate_pdf_signature(
        PdfFileReader(io.BytesIO(signed.content)).embedded_signatures[0],
        region_context(balikpapan),
    )

    assert not verification.valid
    assert "Sertifikat penanda tangan tidak diterbitkan oleh daerah ini." in verification.problems
    assert status.intact and not status.trusted


def test_a_revoked_certificate_no_longer_signs_validly(tangsel):
    """A file signed with a revoked certificate's key (a copy of the key, signing after the
    revocation) fails; the CRL says so."""
    _reservation, _signed = sign_letter(tangsel)
    signer = admin_of(tangsel)
    material = authority.signer_material(signer.pk, "Budi", signer.email)

    api.revoke_signer(signer)
    forged = pdf.sign(
        letter_pdf("Surat yang tidak pernah disetujui"),
        certificate=material.certificate,
        key=material.key,
        ca_certificate=material.ca_certificate,
        crl_der=material.crl_der,
        field_name="Palsu",
        signer_name="Budi",
        reason="Palsu",
        location="",
    )
    verification = api.verify_pdf(forged)

    assert not verification.valid
    assert "Sertifikat penanda tangan telah dicabut." in verification.problems
    assert SignerCertificate.objects.get(user=signer).revoked_at is not None
    assert CertificateAuthority.objects.get().crl_number == 2
    assert AuditEntry.objects.filter(action="signing.revoke", object_id=str(signer.pk)).exists()


def test_letters_signed_before_an_ordinary_revocation_stay_valid(tangsel):
    _reservation, signed = sign_letter(tangsel)

    api.revoke_signer(admin_of(tangsel))  # e.g. the signer left the region's service

    assert api.verify_pdf(signed.content).valid


def test_a_compromised_key_voids_every_letter_it_signed(tangsel):
    _reservation, signed = sign_letter(tangsel)

    api.revoke_signer(admin_of(tangsel), compromised=True)
    verification = api.verify_pdf(signed.content)

    assert not verification.valid
    assert "Sertifikat penanda tangan telah dicabut." in verification.problems


def test_a_signer_keeps_one_certificate_until_it_is_revoked(tangsel):
    sign_letter(tangsel, "Surat pertama")
    sign_letter(tangsel, "Surat kedua")
    signer = admin_of(tangsel)
    assert SignerCertificate.objects.filter(user=signer).count() == 1

    api.revoke_signer(signer)
    _reservation, signed = sign_letter(tangsel, "Surat ketiga")

    assert SignerCertificate.objects.filter(user=signer).count() == 2
    assert api.verify_pdf(signed.content).valid


def test_ensure_region_ca_twice_makes_one_ca(tangsel):
    connection.set_tenant(tangsel)

    api.ensure_region_ca()
    first = CertificateAuthority.objects.get()
    api.ensure_region_ca()

    assert list(CertificateAuthority.objects.all()) == [first]
    assert "Tangerang Selatan" in first.common_name


@pytest.mark.parametrize("schema", ["public", "region_template"])
def test_no_signing_outside_a_region(tangsel, schema):
    with schema_context(schema), pytest.raises(api.SigningUnavailable):
        api.ensure_region_ca()
    with schema_context(schema), pytest.raises(api.SigningUnavailable):
        api.reserve("Surat")
    with schema_context(schema), pytest.raises(api.SigningUnavailable):
        api.verify_pdf(letter_pdf())


def test_no_ca_in_an_unclaimed_pool_schema(tangsel):
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "pool_0badcafe"')
    with schema_context("pool_0badcafe"), pytest.raises(api.SigningUnavailable):
        api.ensure_region_ca()


def test_keys_are_not_stored_in_plain_text(tangsel):
    sign_letter(tangsel)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sealed_key FROM signing_certificateauthority "
            "UNION ALL SELECT sealed_key FROM signing_signercertificate"
        )
        stored = [row[0] for row in cursor.fetchall()]

    assert len(stored) == 2
    for text in stored:
        assert "PRIVATE KEY" not in text
        assert not text.startswith("MII")  # base64 of a DER key
        assert text.startswith("gAAAAA")  # a Fernet token


def test_keys_cannot_be_read_with_another_encryption_key(tangsel, settings):
    sign_letter(tangsel)
    from cryptography.fernet import Fernet
    from django.core.exceptions import ImproperlyConfigured

    settings.SIGNING_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(api.SigningError):
        sign_letter(tangsel, "Surat dengan kunci lain")
    with pytest.raises(ImproperlyConfigured):
        authority.signer_material(admin_of(tangsel).pk, "x", "x@y.test")


def test_a_failed_signing_records_nothing(tangsel):
    connection.set_tenant(tangsel)
    reservation = api.reserve("Surat rusak")

    with pytest.raises(api.SigningError):
        api.sign_pdf(
            reservation.token, b"bukan pdf", identity_for(admin_of(tangsel)), reason="Setuju"
        )

    record = VerificationRecord.objects.get(token=reservation.token)
    assert record.signed_at is None and record.sha256 == ""
    assert not AuditEntry.objects.filter(action="signing.sign").exists()


def test_an_inactive_person_cannot_sign(tangsel):
    connection.set_tenant(tangsel)
    signer = admin_of(tangsel)
    signer.is_active = False
    signer.save()
    reservation = api.reserve("Surat")

    with pytest.raises(api.SigningError, match="tidak aktif"):
        api.sign_pdf(reservation.token, letter_pdf(), identity_for(signer), reason="Setuju")


class RecordingSigner(LocalCASigner):
    """A backend configured by DOCUMENT_SIGNING_BACKEND, as a national CA's would be."""

    calls: list[str] = []

    def sign(self, pdf_bytes, identity, **kwargs):
        RecordingSigner.calls.append(identity.name)
        return super().sign(pdf_bytes, identity, **kwargs)


def test_the_signer_backend_is_chosen_by_setting(tangsel, settings):
    settings.DOCUMENT_SIGNING_BACKEND = "tests.signing.test_signing.RecordingSigner"
    RecordingSigner.calls.clear()

    _reservation, signed = sign_letter(tangsel)

    assert RecordingSigner.calls == [identity_for(admin_of(tangsel)).name]
    assert api.verify_pdf(signed.content).valid


def test_deactivating_a_signer_revokes_their_certificate_and_keeps_their_letters(tangsel):
    from accounts import services as accounts

    _reservation, signed = sign_letter(tangsel)
    signer = admin_of(tangsel)
    colleague = User.objects.create_user(email="sekda@tangsel.test", password="x", is_staff=True)

    accounts.set_staff_active(colleague, signer, False)

    assert SignerCertificate.objects.get(user=signer).revoked_at is not None
    assert api.verify_pdf(signed.content).valid
    assert AuditEntry.objects.filter(action="signing.revoke", object_id=str(signer.pk)).exists()


def test_a_crl_about_to_end_is_reissued_before_it_is_embedded(tangsel):
    from datetime import timedelta

    from django.utils import timezone

    sign_letter(tangsel, "Surat pertama")
    CertificateAuthority.objects.update(crl_next_update=timezone.now() + timedelta(days=2))

    _reservation, signed = sign_letter(tangsel, "Surat kedua")
    ca = CertificateAuthority.objects.get()
    embedded = PdfFileReader(io.BytesIO(signed.content)).root["/DSS"]["/CRLs"]

    assert ca.crl_number == 2
    assert ca.crl_next_update > timezone.now() + timedelta(days=29)
    assert [bytes(crl.get_object().data) for crl in embedded] == [bytes(ca.crl_der)]
    assert api.verify_pdf(signed.content).valid


def test_signing_and_verifying_work_while_an_event_loop_runs(tangsel):
    """Playwright's sync API (browser journeys) keeps an event loop running in the thread."""
    import asyncio

    async def inside_a_loop():
        _reservation, signed = sign_letter(tangsel)
        return signed, api.verify_pdf(signed.content)

    signed, verification = asyncio.run(inside_a_loop())

    assert verification.valid and verification.sha256 == signed.sha256
