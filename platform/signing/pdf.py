"""PAdES signing and validation with pyHanko; no database here.

pyHanko's sync entry points call asyncio.run, which fails in a thread that already runs an
event loop (Playwright's sync API in tests, an async view): `_call` then runs them in a
short-lived thread of their own.
"""

from __future__ import annotations

import asyncio
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signing import crypto

log = logging.getLogger(__name__)

SIGNATURE_BYTES_RESERVED = 16384


def _call(function, *args, **kwargs):
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def validation_context(
    ca_cert: x509.Certificate, crl_der: bytes, moment: datetime | None = None
) -> ValidationContext:
    """Trust only this CA; revocation from its current CRL, never fetched from the network.
    `moment`: judge the certificate as it stood then (a recorded signing time)."""
    return ValidationContext(
        trust_roots=[crypto.asn1_certificate(ca_cert)],
        crls=[crypto.asn1_crl_from_der(crl_der)],
        allow_fetching=False,
        revocation_mode="hard-fail",
        moment=moment,
        retroactive_revinfo=moment is not None,
    )


def sign(
    pdf_bytes: bytes,
    *,
    certificate: x509.Certificate,
    key,
    ca_certificate: x509.Certificate,
    crl_der: bytes,
    field_name: str,
    signer_name: str,
    reason: str,
    location: str,
) -> bytes:
    """An invisible PAdES signature; the CA certificate and its CRL go into the document's
    DSS, so the file carries what a validator needs (PAdES B-LT without a timestamp)."""
    signer = signers.SimpleSigner(
        signing_cert=crypto.asn1_certificate(certificate),
        signing_key=crypto.asn1_private_key(key),
        cert_registry=SimpleCertificateStore.from_certs([crypto.asn1_certificate(ca_certificate)]),
    )
    meta = PdfSignatureMetadata(
        field_name=field_name,
        name=signer_name,
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=validation_context(ca_certificate, crl_der),
    )
    output = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    # A fixed reservation spares pyHanko a trial signature to measure the CMS (about 5 kB:
    # two certificates and the signature; the CRL goes into the DSS, not the CMS).
    _call(
        PdfSigner(meta, signer=signer).sign_pdf,
        writer,
        output=output,
        bytes_reserved=SIGNATURE_BYTES_RESERVED,
    )
    return output.getvalue()


@dataclass
class Checked:
    problems: list[str] = field(default_factory=list)
    signer_name: str = ""
    signed_at: datetime | None = None
    signature_count: int = 0


# Problem codes; signing.services turns them into sentences.
UNREADABLE = "unreadable"
UNSIGNED = "unsigned"
ALTERED = "altered"
BROKEN = "broken"
REVOKED = "revoked"
UNTRUSTED = "untrusted"
CHANGED_AFTER = "changed_after"


def check(pdf_bytes: bytes, context_factory) -> Checked:
    """Validate every signature of the file; `context_factory()` gives a fresh context."""
    result = Checked()
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # pyHanko raises many kinds on a file that is not a PDF
        log.info("unreadable PDF offered for verification", exc_info=True)
        result.problems.append(UNREADABLE)
        return result
    if not signatures:
        result.problems.append(UNSIGNED)
        return result
    result.signature_count = len(signatures)
    for embedded in signatures:
        try:
            status = _call(validate_pdf_signature, embedded, context_factory())
        except Exception:
            log.info("signature could not be validated", exc_info=True)
            result.problems.append(BROKEN)
            continue
        result.problems.extend(_problems(status))
        result.signer_name = _common_name(status.signing_cert) or result.signer_name
        result.signed_at = status.signer_reported_dt or result.signed_at
    result.problems = list(dict.fromkeys(result.problems))
    return result


def _problems(status) -> list[str]:
    found = []
    if not status.intact:
        found.append(ALTERED)
    elif not status.valid:
        found.append(BROKEN)
    if status.revoked:
        found.append(REVOKED)
    elif not status.trusted:
        found.append(UNTRUSTED)
    # After the signature only validation data (the DSS) may be appended.
    if status.modification_level not in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES):
        found.append(CHANGED_AFTER)
    return found


def _common_name(cert) -> str:
    try:
        return cert.subject.native.get("common_name", "") if cert is not None else ""
    except Exception:
        return ""
