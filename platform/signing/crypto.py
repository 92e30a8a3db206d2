"""Keys, certificates and revocation lists (cryptography), and keys encrypted at rest.

Private keys are stored only as Fernet tokens of their PKCS#8 DER form, encrypted with
SIGNING_KEY_ENCRYPTION_KEY (several keys, comma-separated, allow rotation: the first one
encrypts, any one decrypts).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CA_KEY_BITS = 3072
SIGNER_KEY_BITS = 2048
CA_YEARS = 10
SIGNER_YEARS = 2
# Certificates start a little in the past so a clock a few minutes behind still accepts them.
CLOCK_SKEW = timedelta(minutes=10)


# --- keys at rest -------------------------------------------------------------------------
def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.SIGNING_KEY_ENCRYPTION_KEY.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("SIGNING_KEY_ENCRYPTION_KEY is not set.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "SIGNING_KEY_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64 bytes)."
        ) from exc


def seal_key(key: rsa.RSAPrivateKey) -> str:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return _fernet().encrypt(der).decode("ascii")


def open_key(sealed: str) -> rsa.RSAPrivateKey:
    try:
        der = _fernet().decrypt(sealed.encode("ascii"))
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A signing key cannot be decrypted with SIGNING_KEY_ENCRYPTION_KEY."
        ) from exc
    # The key is ours and Fernet authenticated it, so the costly RSA consistency check
    # (a third of a second per key) is skipped.
    return serialization.load_der_private_key(
        der, password=None, unsafe_skip_rsa_key_validation=True
    )


def check_encryption_key() -> None:
    _fernet()


# --- certificates -------------------------------------------------------------------------
def new_key(bits: int) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def _usage(*, signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signing,
        crl_sign=not signing,
        encipher_only=False,
        decipher_only=False,
    )


def ca_certificate(key, *, region_name: str, now: datetime) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, region_name[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Otoritas Sertifikat {region_name}"[:64]),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(signing=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def signer_certificate(
    key, *, ca_cert: x509.Certificate, ca_key, name: str, email: str, crl_url: str, now: datetime
) -> x509.Certificate:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(
            NameOID.ORGANIZATION_NAME,
            ca_cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value,
        ),
        x509.NameAttribute(NameOID.COMMON_NAME, name[:64] or email[:64]),
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(min(now + timedelta(days=365 * SIGNER_YEARS), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(signing=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        # The validator checks revocation only for certificates that say where their CRL is.
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(crl_url)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    return builder.sign(ca_key, hashes.SHA256())


def revocation_list(
    *, ca_cert, ca_key, number: int, revoked: list[tuple[int, datetime]], now: datetime, days: int
) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - CLOCK_SKEW)
        .next_update(now + timedelta(days=days))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(ca_key, hashes.SHA256())


# --- PEM/DER and pyHanko's asn1crypto types -----------------------------------------------
def to_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_pem(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode("ascii"))


def asn1_certificate(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def asn1_private_key(key) -> asn1_keys.PrivateKeyInfo:
    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def asn1_crl_from_der(der: bytes) -> asn1_crl.CertificateList:
    return asn1_crl.CertificateList.load(bytes(der))


def crl_der(crl: x509.CertificateRevocationList) -> bytes:
    return crl.public_bytes(serialization.Encoding.DER)
