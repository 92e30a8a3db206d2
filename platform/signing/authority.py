"""The region's own certificate authority (the LocalCASigner backend's writes).

One CA per region schema, made once by `ensure_ca` (an advisory lock plus the singleton
constraint make concurrent and repeated calls safe). Each signer gets a certificate on first
use, kept encrypted; revoking it reissues the CA's CRL, which is embedded in every signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from cryptography import x509
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from signing import crypto
from signing.models import CertificateAuthority, SignerCertificate
from signing.regions import current_region, public_base_url

_LOCK_SPACE = 7401
CRL_DAYS = 30
# A CRL is reissued when it has less than this left, so an embedded one is never stale.
CRL_REFRESH_BEFORE = timedelta(days=7)
# A signer certificate this close to its end is replaced by a new one.
RENEW_BEFORE = timedelta(days=1)


@dataclass(frozen=True)
class SignerMaterial:
    certificate: x509.Certificate
    key: object
    serial: str
    ca_certificate: x509.Certificate
    crl_der: bytes


def ensure_ca() -> CertificateAuthority:
    region = current_region()
    found = CertificateAuthority.objects.first()
    if found is not None:
        return found
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                [_LOCK_SPACE, connection.schema_name],
            )
        found = CertificateAuthority.objects.first()
        if found is not None:
            return found
        now = timezone.now()
        key = crypto.new_key(crypto.CA_KEY_BITS)
        cert = crypto.ca_certificate(key, region_name=region.name, now=now)
        crl = crypto.revocation_list(
            ca_cert=cert, ca_key=key, number=1, revoked=[], now=now, days=CRL_DAYS
        )
        return CertificateAuthority.objects.create(
            common_name=cert.subject.rfc4514_string()[:200],
            certificate_pem=crypto.to_pem(cert),
            sealed_key=crypto.seal_key(key),
            crl_der=crypto.crl_der(crl),
            crl_number=1,
            crl_next_update=crl.next_update_utc,
        )


def signer_material(user_id: int, name: str, email: str) -> SignerMaterial:
    """The signer's live certificate and key, issued now if they have none (or it is ending).

    The usual case reads without locks, so signings in one region run side by side; issuing
    a certificate or reissuing the CRL locks the CA row (held to the caller's commit)."""
    ca = ensure_ca()
    live = _live_certificate(user_id)
    if _crl_due(ca) or live is None or _ending(live):
        with transaction.atomic():
            ca = CertificateAuthority.objects.select_for_update().get()
            ca_cert = crypto.load_pem(ca.certificate_pem)
            _refresh_crl_if_due(ca, ca_cert, None)
            live = _live_certificate(user_id)
            if live is not None and _ending(live):
                live.retired_at = timezone.now()  # renewed, not revoked: signatures stay valid
                live.save(update_fields=["retired_at"])
                live = None
            if live is None:
                ca_key = crypto.open_key(ca.sealed_key)
                live = _issue(ca_cert, ca_key, user_id, name, email, timezone.now())
    return SignerMaterial(
        certificate=crypto.load_pem(live.certificate_pem),
        key=crypto.open_key(live.sealed_key),
        serial=live.serial,
        ca_certificate=crypto.load_pem(ca.certificate_pem),
        crl_der=bytes(ca.crl_der),
    )


def _live_certificate(user_id: int) -> SignerCertificate | None:
    return SignerCertificate.objects.filter(user_id=user_id, retired_at__isnull=True).first()


def _ending(certificate: SignerCertificate) -> bool:
    return certificate.not_after - RENEW_BEFORE <= timezone.now()


def _crl_due(ca: CertificateAuthority) -> bool:
    return ca.crl_next_update - CRL_REFRESH_BEFORE <= timezone.now()


def _issue(ca_cert, ca_key, user_id, name, email, now) -> SignerCertificate:
    key = crypto.new_key(crypto.SIGNER_KEY_BITS)
    crl_url = public_base_url(current_region()) + reverse("signing:crl")
    cert = crypto.signer_certificate(
        key, ca_cert=ca_cert, ca_key=ca_key, name=name, email=email, crl_url=crl_url, now=now
    )
    return SignerCertificate.objects.create(
        user_id=user_id,
        subject_name=name[:200],
        serial=format(cert.serial_number, "x"),
        certificate_pem=crypto.to_pem(cert),
        sealed_key=crypto.seal_key(key),
        not_after=cert.not_valid_after_utc,
    )


def revoke_user(user_id: int, *, compromised: bool = False) -> int:
    """Revoke every unrevoked certificate of the user and reissue the CRL. Returns how many.

    Letters signed before the revocation stay valid (verification checks them at their
    recorded signing time) unless the key was `compromised`: then all of them fail."""
    ca = CertificateAuthority.objects.first()
    if ca is None:
        return 0
    with transaction.atomic():
        ca = CertificateAuthority.objects.select_for_update().get()
        now = timezone.now()
        certificates = list(
            SignerCertificate.objects.filter(user_id=user_id, revoked_at__isnull=True)
        )
        for certificate in certificates:
            certificate.revoked_at = now
            certificate.retired_at = certificate.retired_at or now
            certificate.revoked_from = (
                crypto.load_pem(certificate.certificate_pem).not_valid_before_utc
                if compromised
                else now
            )
            certificate.save(update_fields=["revoked_at", "retired_at", "revoked_from"])
        count = len(certificates)
        if count:
            _reissue_crl(ca, crypto.load_pem(ca.certificate_pem), crypto.open_key(ca.sealed_key))
    return count


def trust_material() -> tuple[x509.Certificate, bytes] | None:
    """The CA certificate and a current CRL, or None when the region has no CA yet."""
    ca = CertificateAuthority.objects.first()
    if ca is None:
        return None
    if _crl_due(ca):
        with transaction.atomic():
            ca = CertificateAuthority.objects.select_for_update().get()
            _refresh_crl_if_due(ca, crypto.load_pem(ca.certificate_pem), None)
    return crypto.load_pem(ca.certificate_pem), bytes(ca.crl_der)


def _refresh_crl_if_due(ca, ca_cert, ca_key) -> None:
    if _crl_due(ca):
        _reissue_crl(ca, ca_cert, ca_key or crypto.open_key(ca.sealed_key))


def _next_whole_second(moment):
    # A CRL keeps whole seconds: rounding down could void a letter signed in the same second.
    return moment.replace(microsecond=0) + timedelta(seconds=1) if moment.microsecond else moment


def _reissue_crl(ca: CertificateAuthority, ca_cert, ca_key) -> None:
    # Renewed certificates are not listed, only revoked ones that have not ended yet.
    revoked = [
        (int(serial, 16), _next_whole_second(when))
        for serial, when in SignerCertificate.objects.filter(revoked_at__isnull=False)
        .exclude(not_after__lte=timezone.now())
        .values_list("serial", "revoked_from")
    ]
    now = timezone.now()
    crl = crypto.revocation_list(
        ca_cert=ca_cert,
        ca_key=ca_key,
        number=ca.crl_number + 1,
        revoked=revoked,
        now=now,
        days=CRL_DAYS,
    )
    ca.crl_der = crypto.crl_der(crl)
    ca.crl_number += 1
    ca.crl_next_update = crl.next_update_utc
    ca.save(update_fields=["crl_der", "crl_number", "crl_next_update"])
