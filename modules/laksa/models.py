"""LAKSA: residents' reports (complaints, aspirations, information requests), the categories
that route them to a unit of the organisation directory, what happened to each report (its
events), its photos, and the escalations of missed deadlines.

A report shows residents one of four statuses (menunggu, proses, selesai, ditolak); the
steps behind them (received, verified, reclassified, answered, escalated...) are events.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.private_files import private_storage


class Category(models.Model):
    # Stable name of a seeded category, so seeding again never duplicates a renamed one.
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(
        _("nama"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("Kategori dengan nama ini sudah ada.")},
    )
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit penanggung jawab"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Laporan kategori ini masuk ke kotak masuk kepala unit ini."),
    )
    verify_days = models.PositiveSmallIntegerField(
        _("batas verifikasi (hari kerja)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Kosongkan untuk memakai pengaturan daerah."),
    )
    respond_days = models.PositiveSmallIntegerField(
        _("batas tanggapan (hari kerja)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Kosongkan untuk memakai pengaturan daerah."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Kategori yang tidak aktif tidak dapat dipilih warga."),
    )

    class Meta:
        verbose_name = _("kategori laporan")
        verbose_name_plural = _("kategori laporan")
        ordering = ["order", "name"]
        permissions = [("manage_categories", _("Dapat mengelola kategori LAKSA"))]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    class Kind(models.TextChoices):
        PENGADUAN = "pengaduan", _("Pengaduan")
        ASPIRASI = "aspirasi", _("Aspirasi")
        INFORMASI = "informasi", _("Permintaan informasi")

    class Privacy(models.TextChoices):
        PUBLIK = "publik", _("Publik")
        ANONIM = "anonim", _("Anonim (laporan publik, identitas pelapor disembunyikan)")
        RAHASIA = "rahasia", _("Rahasia (laporan tidak ditampilkan untuk umum)")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu")
        PROSES = "proses", _("Proses")
        SELESAI = "selesai", _("Selesai")
        DITOLAK = "ditolak", _("Ditolak")

    OPEN_STATUSES = (Status.MENUNGGU, Status.PROSES)

    tracking_code = models.CharField(_("kode pelacakan"), max_length=16, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit penanggung jawab"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("judul"), max_length=150)
    description = models.TextField(_("uraian"))
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    address = models.CharField(_("alamat atau patokan lokasi"), max_length=250, blank=True)
    privacy = models.CharField(
        _("kerahasiaan"), max_length=8, choices=Privacy.choices, default=Privacy.PUBLIK
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="laksa_reports",
    )
    # For a resident without an account (and a snapshot for one with an account).
    reporter_name = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    reporter_email = models.EmailField(_("email pelapor"), blank=True)

    submitted_at = models.DateTimeField(_("diterima"), default=timezone.now, db_index=True)
    verify_due_at = models.DateTimeField(_("batas verifikasi"))
    respond_due_at = models.DateTimeField(_("batas tanggapan"))
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("tanggapan pertama"), null=True, blank=True)
    # The answer that met the current response deadline (cleared when a report is reopened,
    # which sets a new deadline); first_response_at keeps the first one for the scorecard.
    answered_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    rejected_reason = models.TextField(_("alasan penolakan"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("penilaian"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("komentar penilaian"), blank=True)
    rated_at = models.DateTimeField(_("dinilai"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("dibuka kembali"), default=0)
    # Filed through Open311 with this key; the token lets that client find the report's id.
    api_key = models.ForeignKey(
        "laksa.ApiKey",
        verbose_name=_("kunci API"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    open311_token = models.CharField(max_length=32, unique=True, null=True, blank=True)
    # Moderation: a hidden report leaves every public page and the API (its reporter still
    # follows it by code).
    hidden_at = models.DateTimeField(_("disembunyikan"), null=True, blank=True)
    hidden_reason = models.TextField(_("alasan disembunyikan"), blank=True)
    # A duplicate merged by the verifiers: closed, its reporter now follows this one.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-submitted_at", "-id"]
        permissions = [
            ("triage_report", _("Dapat memverifikasi, menolak dan mengalihkan laporan LAKSA")),
            ("answer_report", _("Dapat menanggapi laporan LAKSA unitnya")),
            ("view_reporter", _("Dapat melihat identitas pelapor LAKSA")),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="laksa_status_submitted"),
            models.Index(fields=["unit", "status"], name="laksa_unit_status"),
            models.Index(fields=["privacy", "verified_at"], name="laksa_public_listing"),
            # The public list's order: its pages are read along it (100,000 reports: bench).
            models.Index(fields=["-submitted_at", "-id"], name="laksa_newest_first"),
            # The bounding box of the nearby-duplicates lookup.
            models.Index(fields=["category", "latitude", "longitude"], name="laksa_category_point"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="laksa_both_coordinates_or_none",
                violation_error_message=_("Isi lintang dan bujur, atau kosongkan keduanya."),
            ),
            models.CheckConstraint(
                condition=~models.Q(address="", latitude__isnull=True),
                name="laksa_has_a_location",
                violation_error_message=_(
                    "Tulis alamat atau patokan lokasi, atau tandai titik di peta."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def reporter_hidden(self) -> bool:
        return self.privacy != self.Privacy.PUBLIK

    @property
    def is_public(self) -> bool:
        """Listed on the public pages: verified, not rahasia, not rejected, not hidden."""
        return (
            self.verified_at is not None
            and self.hidden_at is None
            and self.privacy != self.Privacy.RAHASIA
            and self.status != self.Status.DITOLAK
        )

    def missed_deadlines(self, now=None) -> list[tuple[str, object]]:
        """(Escalation.Kind, deadline) of every deadline this open report has missed: the
        verification while unverified, the first response while unanswered."""
        if not self.is_open:
            return []
        now = now or timezone.now()
        missed = []
        if self.verified_at is None and self.verify_due_at < now:
            missed.append((Escalation.Kind.VERIFY, self.verify_due_at))
        if self.answered_at is None and self.respond_due_at < now:
            missed.append((Escalation.Kind.RESPOND, self.respond_due_at))
        return missed

    def is_overdue(self, now=None) -> bool:
        return bool(self.missed_deadlines(now))

    @property
    def next_due_at(self):
        """The nearest deadline still ahead of the report, or None."""
        if not self.is_open:
            return None
        if self.verified_at is None:
            return min(self.verify_due_at, self.respond_due_at)
        return self.respond_due_at if self.answered_at is None else None


def photo_path(instance: ReportPhoto, filename: str) -> str:
    """A random name: nothing of the uploader's file name (or of the report) is kept."""
    day = timezone.now()
    return str(PurePosixPath("laksa", f"{day:%Y}", f"{day:%m}", f"{uuid.uuid4().hex}.jpg"))


class ReportEvent(models.Model):
    """One step of a report: what happened, when, by whom (a position or "Pelapor")."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Laporan diterima")
        VERIFIED = "verified", _("Laporan diverifikasi")
        REJECTED = "rejected", _("Laporan ditolak")
        RECLASSIFIED = "reclassified", _("Laporan dialihkan")
        PRIVACY = "privacy", _("Kerahasiaan diubah")
        ANSWERED = "answered", _("Tanggapan")
        ESCALATED = "escalated", _("Melewati batas waktu, diteruskan ke atasan")
        RATED = "rated", _("Penilaian pelapor")
        REOPENED = "reopened", _("Laporan dibuka kembali")
        HIDDEN = "hidden", _("Laporan disembunyikan dari publik")
        SHOWN = "shown", _("Laporan ditampilkan kembali")
        REDACTED = "redacted", _("Isi laporan disunting moderator")
        MERGED = "merged", _("Digabung dengan laporan lain")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("langkah"), max_length=14, choices=Action.choices)
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who acted, as residents may read it: a unit or position ("Dinas PUPR"), never a
    # staff member's or a hidden reporter's name.
    actor_label = models.CharField(_("oleh"), max_length=200, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    status = models.CharField(_("status sesudahnya"), max_length=10, choices=Report.Status.choices)
    public = models.BooleanField(_("tampil bagi pelapor"), default=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("langkah laporan")
        verbose_name_plural = _("langkah laporan")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report.tracking_code}: {self.get_action_display()}"


class ReportPhoto(models.Model):
    class Stage(models.TextChoices):
        LAPORAN = "laporan", _("Foto laporan")
        SEBELUM = "sebelum", _("Sebelum ditangani")
        SESUDAH = "sesudah", _("Sesudah ditangani")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    event = models.ForeignKey(
        ReportEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    stage = models.CharField(_("tahap"), max_length=8, choices=Stage.choices)
    # Private (core.private_files): read only through the checked views of views.py and
    # admin_views.py, so a rahasia or hidden report's photo has no address anyone can guess.
    image = models.FileField(
        _("foto"), storage=private_storage, upload_to=photo_path, max_length=200
    )
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    created_at = models.DateTimeField(auto_now_add=True)
    # A redacted photo's file is deleted; the row stays so the timeline says a photo was removed.
    redacted_at = models.DateTimeField(_("dihapus moderator"), null=True, blank=True)

    class Meta:
        verbose_name = _("foto laporan")
        verbose_name_plural = _("foto laporan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.image.name


class Escalation(models.Model):
    """A missed deadline, told to the unit head and the region admin once: the unique
    constraint, not a prior read, makes a re-run scan add nothing."""

    class Kind(models.TextChoices):
        VERIFY = "verifikasi", _("Verifikasi")
        RESPOND = "tanggapan", _("Tanggapan")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(_("batas yang terlewat"), max_length=10, choices=Kind.choices)
    due_at = models.DateTimeField(_("batas waktu"))
    escalated_at = models.DateTimeField(_("dieskalasi"), default=timezone.now)

    class Meta:
        verbose_name = _("eskalasi")
        verbose_name_plural = _("eskalasi")
        ordering = ["-escalated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "due_at"], name="laksa_one_escalation_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report.tracking_code}: {self.get_kind_display()}"


class Follower(models.Model):
    """Someone who follows a report instead of filing the same problem again: told of its
    public changes (verified, answered, rejected), never told who reported it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="laksa_following",
    )
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengikut laporan")
        verbose_name_plural = _("pengikut laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "user"],
                condition=models.Q(user__isnull=False),
                name="laksa_follow_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["report", "email"],
                condition=models.Q(user__isnull=True),
                name="laksa_follow_once_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report.tracking_code}: {self.user or self.email}"


class ApiKey(models.Model):
    """A key an Open311 client posts reports with; only its SHA-256 is stored (the key is
    shown once, when issued)."""

    name = models.CharField(_("nama klien"), max_length=100)
    prefix = models.CharField(_("awalan"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunci API Open311")
        verbose_name_plural = _("kunci API Open311")
        ordering = ["-created_at"]
        permissions = [("manage_api_keys", _("Dapat menerbitkan dan mencabut kunci API LAKSA"))]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
