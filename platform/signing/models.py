"""The region's certificate authority, its signers' certificates, verification records and
signing PINs (region schemas only). Private keys are stored encrypted (signing.crypto)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateAuthority(models.Model):
    # One per region schema: the unique, always-true `singleton` refuses a second row.
    singleton = models.BooleanField(default=True, unique=True, editable=False)
    common_name = models.CharField(_("nama"), max_length=200)
    certificate_pem = models.TextField(_("sertifikat"))
    sealed_key = models.TextField(_("kunci privat (terenkripsi)"))
    crl_der = models.BinaryField(_("daftar pencabutan (CRL)"))
    crl_number = models.PositiveBigIntegerField(default=1)
    crl_next_update = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("otoritas sertifikat")
        verbose_name_plural = _("otoritas sertifikat")
        constraints = [
            models.CheckConstraint(condition=models.Q(singleton=True), name="signing_ca_singleton")
        ]

    def __str__(self) -> str:
        return self.common_name


class SignerCertificate(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_name = models.CharField(_("nama"), max_length=200)
    serial = models.CharField(_("nomor seri"), max_length=64, unique=True)  # hex
    certificate_pem = models.TextField(_("sertifikat"))
    sealed_key = models.TextField(_("kunci privat (terenkripsi)"))
    issued_at = models.DateTimeField(auto_now_add=True)
    not_after = models.DateTimeField(_("berlaku sampai"))
    # Retired: no longer used for new signatures (renewed or revoked).
    retired_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    # The CRL's revocation date: signatures made from then on are invalid. The revocation
    # moment normally; the certificate's start when its key was compromised.
    revoked_from = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sertifikat penanda tangan")
        verbose_name_plural = _("sertifikat penanda tangan")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(retired_at__isnull=True),
                name="signing_one_live_certificate_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} ({self.serial})"


class VerificationRecord(models.Model):
    """Made before the PDF is rendered (its QR code points here), completed at signing."""

    token = models.CharField(max_length=43, unique=True)
    title = models.CharField(_("judul dokumen"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(_("penanda tangan"), max_length=200, blank=True)
    signer_position = models.CharField(_("jabatan"), max_length=300, blank=True)
    signer_capacity = models.CharField(_("kapasitas"), max_length=300, blank=True)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    certificate_serial = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("catatan verifikasi")
        verbose_name_plural = _("catatan verifikasi")

    def __str__(self) -> str:
        return self.title


class SigningCredential(models.Model):
    """A person's signing PIN (hashed like a password) and their wrong re-authentications."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signing_credential"
    )
    pin_hash = models.CharField(max_length=200, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("PIN tanda tangan")
        verbose_name_plural = _("PIN tanda tangan")

    def __str__(self) -> str:
        return str(self.user)
