"""A partner region (the tenant) and the host names it answers on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from tenants.provinces import PROVINCE_CHOICES


class Region(TenantMixin):
    class Kind(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")
        PROVINSI = "provinsi", _("Provinsi")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        PROVISIONING = "provisioning", _("Sedang disiapkan")
        ACTIVE = "active", _("Aktif")
        SUSPENDED = "suspended", _("Ditangguhkan")
        FAILED = "failed", _("Gagal disiapkan")
        ARCHIVED = "archived", _("Diarsipkan")

    # Regions whose schema holds a working site: tasks run for them, staff can sign in.
    LIVE_STATUSES = (Status.ACTIVE, Status.SUSPENDED)

    name = models.CharField(_("nama resmi"), max_length=120)
    slug = models.SlugField(_("subdomain"), max_length=40, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    province = models.CharField(_("provinsi"), max_length=60, choices=PROVINCE_CHOICES)
    timezone = models.CharField(
        _("zona waktu"), max_length=20, choices=TimeZone.choices, default=TimeZone.WIB
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    is_lead_city = models.BooleanField(_("kota pembina"), default=False)
    failure_reason = models.TextField(_("alasan gagal"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    activated_at = models.DateTimeField(_("aktif sejak"), null=True, blank=True)
    archived_at = models.DateTimeField(_("diarsipkan"), null=True, blank=True)

    # Provisioning creates the schema itself, outside any atomic block, and cleans up
    # after a failure; saving a row must never create or drop a schema on the side.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        verbose_name = _("daerah")
        verbose_name_plural = _("daerah")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_lead_city"],
                condition=models.Q(is_lead_city=True),
                name="one_lead_city",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domain")

    def __str__(self) -> str:
        return self.domain


class ProvisioningJob(models.Model):
    """Bringing one region live, step by step, recorded as it goes (public schema).

    A worker killed mid-way runs the job again: the recorded steps are skipped and the step
    it was in is redone (every step is idempotent). The applicant's progress page reads it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu giliran")
        RUNNING = "running", _("Sedang berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="provisioning_job", verbose_name=_("daerah")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # What the steps need beyond the Region row (never a password).
    spec = models.JSONField(default=dict)
    completed_steps = models.JSONField(default=list)
    current_step = models.CharField(max_length=40, blank=True)
    failed_step = models.CharField(_("langkah yang gagal"), max_length=40, blank=True)
    failure_reason = models.TextField(_("alasan gagal"), blank=True)
    step_seconds = models.JSONField(default=dict)
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    from_pool = models.BooleanField(_("dari kolam siap pakai"), default=False)
    # A dotted path called with the job once it is done or has failed (e.g. to tell the
    # applicant); it must be idempotent, like the job.
    on_finish = models.CharField(max_length=200, blank=True)
    queued_at = models.DateTimeField(_("diantrekan"), null=True, blank=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("penyiapan daerah")
        verbose_name_plural = _("penyiapan daerah")

    def __str__(self) -> str:
        return f"{self.region_id}:{self.status}"


class DomainClaim(models.Model):
    """A region's own domain (e.g. laksa.tangerangselatankota.go.id) waiting for, or having
    passed, the DNS TXT proof. Only a verified claim gets a Domain row, and so a route."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="domain_claims", verbose_name=_("daerah")
    )
    domain = models.CharField(_("domain"), max_length=253)
    token = models.CharField(_("token verifikasi"), max_length=64)
    created_at = models.DateTimeField(_("diajukan"), auto_now_add=True)
    verified_at = models.DateTimeField(_("terverifikasi"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("terakhir diperiksa"), null=True, blank=True)

    class Meta:
        verbose_name = _("klaim domain")
        verbose_name_plural = _("klaim domain")
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["region", "domain"], name="one_claim_per_region"),
            # However many regions try, a domain is verified for one of them only.
            models.UniqueConstraint(
                fields=["domain"],
                condition=models.Q(verified_at__isnull=False),
                name="one_verified_claim_per_domain",
            ),
        ]

    def __str__(self) -> str:
        return self.domain


class RegionDeletion(models.Model):
    """The audit trail of a region's end, kept in public after its schema and media are
    gone: who asked, when it may go, when it went, and the export it was preceded by."""

    region = models.OneToOneField(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion",
        verbose_name=_("daerah"),
    )
    region_name = models.CharField(_("nama daerah"), max_length=120)
    slug = models.CharField(_("subdomain"), max_length=40)
    schema_name = models.CharField(max_length=63)
    requested_by = models.CharField(_("diminta oleh"), max_length=254, blank=True)
    requested_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    delete_after = models.DateTimeField(_("dihapus setelah"))
    export_name = models.CharField(_("ekspor terakhir"), max_length=200, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("dihapus"), null=True, blank=True)

    class Meta:
        verbose_name = _("penghapusan daerah")
        verbose_name_plural = _("penghapusan daerah")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.slug}:{self.delete_after:%Y-%m-%d}"


class RegionExport(models.Model):
    """One downloadable archive of a region, made on the worker: its schema dump, its
    media files and its rows of the public schema, with a JSON manifest. The file lives
    under REGION_EXPORT_DIR, never under the public media folder."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Siap diunduh")
        FAILED = "failed", _("Gagal")

    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exports",
        verbose_name=_("daerah"),
    )
    region_slug = models.CharField(_("subdomain"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file_name = models.CharField(_("berkas"), max_length=200, blank=True)
    size = models.BigIntegerField(_("ukuran"), null=True, blank=True)
    requested_by = models.CharField(_("diminta oleh"), max_length=254, blank=True)
    # Scheme and host a region admin asked on (empty when the operator asked): they are
    # mailed when it is ready, with a link on the scheme and port they used.
    requested_via = models.CharField(max_length=300, blank=True)
    failure_reason = models.TextField(_("alasan gagal"), blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekspor daerah")
        verbose_name_plural = _("ekspor daerah")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.region_slug}:{self.status}"
