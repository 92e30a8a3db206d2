"""Every write of the signing app: reservations, signatures, revocations, PINs and the
re-authentication that guards signing. Each privileged action writes an audit entry."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit import api as audit
from signing import pdf
from signing.backends import get_backend
from signing.models import SigningCredential, VerificationRecord
from signing.regions import current_region
from signing.types import (
    Reservation,
    SignedPdf,
    SignerIdentity,
    SigningError,
    SigningUnavailable,
    Verification,
)

log = logging.getLogger(__name__)

PIN_PATTERN = re.compile(r"^\d{6}$")
MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15


# --- reservations and signatures ----------------------------------------------------------
def reserve(title: str) -> Reservation:
    current_region()
    token = secrets.token_urlsafe(16)
    VerificationRecord.objects.create(token=token, title=title[:500])
    return Reservation(token=token, verify_path=reverse("signing:verify", args=[token]))


def sign_pdf(token: str, pdf_bytes: bytes, identity: SignerIdentity, *, reason: str) -> SignedPdf:
    region = current_region()
    with transaction.atomic():
        record = VerificationRecord.objects.select_for_update().filter(token=token).first()
        if record is None:
            raise SigningError(_("Kode verifikasi dokumen tidak ditemukan."))
        if record.signed_at is not None:
            raise SigningError(_("Dokumen ini sudah ditandatangani."))
        user = get_user_model().objects.filter(pk=identity.user_id, is_active=True).first()
        if user is None:
            raise SigningError(_("Penanda tangan tidak ditemukan atau tidak aktif."))
        backend = get_backend()
        try:
            backend.ensure_ready()
            signed = backend.sign(
                pdf_bytes,
                identity,
                reason=reason,
                location=region.name,
                field_name=f"TTE-{token[:12]}",
            )
        except (SigningError, SigningUnavailable):
            raise
        except Exception as exc:
            log.exception("signing failed", extra={"token": token})
            raise SigningError(
                _("Dokumen tidak dapat ditandatangani. Periksa berkasnya lalu coba lagi.")
            ) from exc
        signed_at = timezone.now()
        digest = hashlib.sha256(signed.content).hexdigest()
        record.signed_at = signed_at
        record.signer = user
        record.signer_name = identity.name[:200]
        record.signer_position = identity.position[:300]
        record.signer_capacity = identity.capacity[:300]
        record.reason = reason[:300]
        record.sha256 = digest
        record.certificate_serial = signed.certificate_serial
        record.save()
        audit.record(
            "signing.sign",
            actor=user,
            obj=record,
            details={"sha256": digest, "certificate": signed.certificate_serial},
        )
    return SignedPdf(content=signed.content, sha256=digest, signed_at=signed_at)


def verify_pdf(pdf_bytes: bytes) -> Verification:
    """A file we signed (its hash is on record) is judged at its recorded signing time, so a
    later revocation (a signer who left) does not void it; any other file is judged now."""
    current_region()
    digest = hashlib.sha256(pdf_bytes).hexdigest()
    backend = get_backend()
    if backend.validation_context() is None:
        return Verification(
            valid=False,
            signer_name="",
            position="",
            signed_at=None,
            sha256=digest,
            problems=[_("Daerah ini belum memiliki otoritas sertifikat.")],
        )
    record = VerificationRecord.objects.filter(sha256=digest, signed_at__isnull=False).first()
    moment = record.signed_at if record else None
    checked = pdf.check(pdf_bytes, lambda: backend.validation_context(moment))
    return Verification(
        valid=not checked.problems,
        signer_name=record.signer_name if record else checked.signer_name,
        position=record.signer_position if record else "",
        signed_at=record.signed_at if record else checked.signed_at,
        sha256=digest,
        problems=[problem_text(code) for code in checked.problems],
    )


def problem_text(code: str) -> str:
    return {
        pdf.UNREADABLE: _("Berkas ini bukan PDF yang dapat dibaca."),
        pdf.UNSIGNED: _("Berkas ini tidak memiliki tanda tangan elektronik."),
        pdf.ALTERED: _("Isi dokumen telah berubah setelah ditandatangani."),
        pdf.BROKEN: _("Tanda tangan elektronik rusak atau tidak dapat diperiksa."),
        pdf.REVOKED: _("Sertifikat penanda tangan telah dicabut."),
        pdf.UNTRUSTED: _("Sertifikat penanda tangan tidak diterbitkan oleh daerah ini."),
        pdf.CHANGED_AFTER: _("Dokumen telah ditambah atau diubah setelah ditandatangani."),
    }.get(code, code)


def revoke_signer(user, *, compromised: bool = False, actor=None, request=None) -> None:
    current_region()
    with transaction.atomic():
        revoked = get_backend().revoke(user.pk, compromised=compromised)
        if revoked == 0:
            return  # nothing was issued to them: nothing to record
        audit.record(
            "signing.revoke",
            actor=actor,
            obj=user,
            request=request,
            details={"user": user.pk, "compromised": compromised},
        )


# --- PIN and re-authentication ------------------------------------------------------------
def set_signing_pin(user, pin: str, *, request=None) -> None:
    if not PIN_PATTERN.match(pin or ""):
        raise ValidationError(_("PIN tanda tangan harus 6 angka."), code="pin_format")
    with transaction.atomic():
        credential, _created = SigningCredential.objects.select_for_update().get_or_create(
            user=user
        )
        credential.pin_hash = make_password(pin)
        credential.failed_attempts = 0
        credential.locked_until = None
        credential.save()
        audit.record("signing.pin_set", actor=user, obj=user, request=request)


def has_signing_pin(user) -> bool:
    return SigningCredential.objects.filter(user=user).exclude(pin_hash="").exists()


def reauthenticate(user, *, password: str = "", otp: str = "", pin: str = "", request=None) -> bool:
    """The password plus a TOTP code or the signing PIN. Wrong answers are audited; after
    MAX_FAILED_ATTEMPTS in a row the person waits LOCK_MINUTES."""
    with transaction.atomic():
        credential, _created = SigningCredential.objects.select_for_update().get_or_create(
            user=user
        )
        now = timezone.now()
        if credential.locked_until and credential.locked_until > now:
            audit.record("signing.reauth_locked", actor=user, obj=user, request=request)
            return False
        second = "otp" if otp else ("pin" if pin else "")
        ok = (
            user.is_active
            and bool(password)
            and user.check_password(password)
            and (_otp_ok(user, otp) if second == "otp" else _pin_ok(credential, pin))
        )
        if ok:
            if credential.failed_attempts or credential.locked_until:
                credential.failed_attempts, credential.locked_until = 0, None
                credential.save(update_fields=["failed_attempts", "locked_until", "updated_at"])
            return True
        credential.failed_attempts += 1
        if credential.failed_attempts >= MAX_FAILED_ATTEMPTS:
            credential.failed_attempts = 0
            credential.locked_until = now + timedelta(minutes=LOCK_MINUTES)
        credential.save(update_fields=["failed_attempts", "locked_until", "updated_at"])
        audit.record(
            "signing.reauth_failed",
            actor=user,
            obj=user,
            request=request,
            details={"second_factor": second or "none", "locked": bool(credential.locked_until)},
        )
        return False


def _otp_ok(user, otp: str) -> bool:
    token = otp.strip()
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return True
    return False


def _pin_ok(credential: SigningCredential, pin: str) -> bool:
    return bool(pin and credential.pin_hash and check_password(pin, credential.pin_hash))
