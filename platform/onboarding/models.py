"""Applications to join the partnership (public schema): what a region asked for, whether
its email was confirmed, and what the lead city decided."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Region
from tenants.provinces import PROVINCE_CHOICES


class ApplicationQuerySet(models.QuerySet):
    def open(self, now=None):
        """Applications still holding their subdomain and email: verified or approved, or
        waiting for a verification link that has not expired."""
        now = now or timezone.now()
        return self.filter(
            Q(status__in=Application.CLAIMING_STATUSES)
            | Q(status=Application.Status.UNVERIFIED, verification_expires_at__gt=now)
        )


class Application(models.Model):
    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Menunggu verifikasi email")
        VERIFIED = "verified", _("Menunggu persetujuan")
        APPROVED = "approved", _("Disetujui")
        LIVE = "live", _("Aktif")
        REJECTED = "rejected", _("Ditolak")
        EXPIRED = "expired", _("Kedaluwarsa")

    # Statuses in which an application holds its subdomain and its email (the unique
    # constraints below); an unverified one holds them until its link expires.
    OPEN_STATUSES = (Status.UNVERIFIED, Status.VERIFIED, Status.APPROVED)
    CLAIMING_STATUSES = (Status.VERIFIED, Status.APPROVED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region_name = models.CharField(_("nama pemerintah daerah"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=12, choices=Region.Kind.choices)
    province = models.CharField(_("provinsi"), max_length=60, choices=PROVINCE_CHOICES)
    slug = models.CharField(_("subdomain"), max_length=40)
    applicant_name = models.CharField(_("nama pemohon"), max_length=150)
    applicant_position = models.CharField(_("jabatan pemohon"), max_length=150)
    email = models.EmailField(_("email dinas"), max_length=254)
    phone = models.CharField(_("telepon"), max_length=20)
    modules = models.JSONField(_("modul awal"), default=list, blank=True)
    terms_accepted_at = models.DateTimeField(_("ketentuan disetujui"))
    # Where the applicant reached the platform (scheme, host, port): links in the mail the
    # worker sends later point there, so they carry the development port too.
    base_url = models.CharField(max_length=200)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNVERIFIED
    )
    verification_token_hash = models.CharField(max_length=64, unique=True)
    verification_expires_at = models.DateTimeField(_("tautan verifikasi berlaku sampai"))
    verified_at = models.DateTimeField(_("email terverifikasi"), null=True, blank=True)
    # The platform staff member who decided: an id and a name snapshot.
    decided_by_id = models.BigIntegerField(null=True, blank=True)
    decided_by_name = models.CharField(_("diputuskan oleh"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("daerah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    live_at = models.DateTimeField(_("aktif sejak"), null=True, blank=True)
    created_at = models.DateTimeField(_("diajukan"), auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("pendaftaran daerah")
        verbose_name_plural = _("pendaftaran daerah")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("review_applications", _("Menyetujui atau menolak pendaftaran daerah")),
            ("operate_regions", _("Mengelola siklus hidup daerah di konsol operator")),
        ]
        constraints = [
            # The last word on two sign-ups racing for one subdomain or one email.
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(status__in=["unverified", "verified", "approved"]),
                name="one_open_application_per_slug",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(status__in=["unverified", "verified", "approved"]),
                name="one_open_application_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_name} ({self.slug})"

    @property
    def hostname(self) -> str:
        from django.conf import settings

        return f"{self.slug}.{settings.PLATFORM_DOMAIN}"
