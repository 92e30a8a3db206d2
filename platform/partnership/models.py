"""The partnership console's data (public schema): mirrors of the regions' support grants,
support threads, mentors and the onboarding programme, adoption snapshots, announcements.

A row about something a region's user did holds the region, the user's id and a name
snapshot (no foreign key crosses schemas); no resident's personal data is kept here."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Region


class SupportGrantMirror(models.Model):
    """What the console knows of a grant held in the region's schema (that row decides)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    grant_public_id = models.UUIDField(unique=True)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_grants"
    )
    scope = models.CharField(_("cakupan"), max_length=60)
    read_only = models.BooleanField(_("hanya melihat"), default=False)
    reason = models.CharField(_("keperluan"), max_length=300, blank=True)
    granted_by_name = models.CharField(_("diberikan oleh"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("diberikan"), default=timezone.now)
    expires_at = models.DateTimeField(_("berakhir"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("akses dukungan")
        verbose_name_plural = _("akses dukungan")
        ordering = ["-created_at"]
        permissions = [
            ("support_regions", _("Mendampingi daerah mitra (utas dukungan, akses dukungan)")),
            ("manage_partnership", _("Mengatur mentor, program pendampingan dan pengumuman")),
            ("view_adoption", _("Melihat dasbor adopsi kemitraan")),
        ]

    def __str__(self) -> str:
        # Not self.mentor: read in a region's schema it would be that region's user.
        return f"{self.region} – {self.scope}"

    def is_active(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class SupportThread(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Menunggu jawaban")
        ANSWERED = "answered", _("Dijawab")
        CLOSED = "closed", _("Selesai")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("pertanyaan"), max_length=200)
    asked_by_id = models.BigIntegerField(_("id penanya di daerah"))
    asked_by_name = models.CharField(_("penanya"), max_length=200)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_threads",
        verbose_name=_("mentor"),
    )
    # Shown on the region's side, where a join to the user table would read the region's
    # own users (same ids, other people): the name is kept as a snapshot.
    mentor_name = models.CharField(_("mentor"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    knowledge_url = models.URLField(_("artikel basis pengetahuan"), blank=True)
    created_at = models.DateTimeField(_("ditanyakan"), default=timezone.now)
    first_response_at = models.DateTimeField(_("dijawab pertama"), null=True, blank=True)
    closed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("utas dukungan")
        verbose_name_plural = _("utas dukungan")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def response_hours(self) -> float | None:
        if self.first_response_at is None:
            return None
        return round((self.first_response_at - self.created_at).total_seconds() / 3600, 1)


class SupportMessage(models.Model):
    class Side(models.TextChoices):
        REGION = "region", _("Daerah")
        MENTOR = "mentor", _("Mentor")

    thread = models.ForeignKey(SupportThread, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(max_length=10, choices=Side.choices)
    author_id = models.BigIntegerField()
    author_name = models.CharField(_("penulis"), max_length=200)
    body = models.TextField(_("pesan"))
    # A name in the region's private folder (core.private_files, see partnership.threads).
    attachment = models.CharField(_("lampiran"), max_length=300, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"


class RegionMentoring(models.Model):
    """A partner region's assigned mentor."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="mentored_regions",
        verbose_name=_("mentor"),
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mentor daerah")
        verbose_name_plural = _("mentor daerah")

    def __str__(self) -> str:
        return str(self.region)  # not self.mentor (see SupportGrantMirror.__str__)


class ProgrammeStep(models.Model):
    """A ticked step of a region's onboarding programme (partnership.programme lists them)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=40)
    done_at = models.DateTimeField(default=timezone.now)
    done_by_name = models.CharField(max_length=200, blank=True)
    automatic = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "step"], name="one_tick_per_step")]

    def __str__(self) -> str:
        return f"{self.region}: {self.step}"


class MentoringSession(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scheduled_at = models.DateTimeField(_("jadwal"))
    agenda = models.TextField(_("agenda"))
    notes = models.TextField(_("catatan"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)

    class Meta:
        verbose_name = _("sesi pendampingan")
        verbose_name_plural = _("sesi pendampingan")
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        return f"{self.region} {self.scheduled_at:%Y-%m-%d}"


class AdoptionFigure(models.Model):
    """One statistic of one module in one region on one day: aggregates only.

    count: value. ratio: numerator and denominator (pooled by summing both). durations:
    a histogram over the fixed buckets of partnership.figures.BUCKET_HOURS (pooled by
    adding the bucket counts; the median is read from the pooled histogram)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField(db_index=True)
    module = models.CharField(max_length=40)
    key = models.CharField(max_length=60)
    kind = models.CharField(max_length=10)
    value = models.FloatField(default=0)
    denominator = models.FloatField(default=0)
    histogram = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "taken_on", "module", "key"], name="one_figure_per_day"
            )
        ]
        indexes = [models.Index(fields=["module", "key", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.region} {self.taken_on} {self.module}.{self.key}"


class Announcement(models.Model):
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    published_at = models.DateTimeField(_("terbit"), default=timezone.now)
    ends_at = models.DateTimeField(_("tampil sampai"), null=True, blank=True)
    author_name = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("pengumuman kemitraan")
        verbose_name_plural = _("pengumuman kemitraan")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title
