"""What Sinergi tells people: in-app notices, the outbox of email/SMS/WhatsApp messages, each
person's contact preferences, and the region's SMS/WhatsApp gateways.

Every table exists in the public schema (platform staff, applicants) and in every region
schema (the region's staff and residents), so a notice or message never leaves its region.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


GATEWAY_CHANNELS = (Channel.SMS, Channel.WHATSAPP)


class ContactProfile(models.Model):
    """One person's channels: phone number, which channels they want, WhatsApp consent.

    No row means the defaults: email on, SMS off, no WhatsApp. WhatsApp consent is given
    for one number; a message goes out by WhatsApp only while consent for the current
    number stands.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_profile",
        verbose_name=_("pengguna"),
    )
    phone = models.CharField(
        _("nomor ponsel"), max_length=20, blank=True, help_text=_("Format +62…")
    )
    email_enabled = models.BooleanField(_("terima lewat email"), default=True)
    sms_enabled = models.BooleanField(_("terima lewat SMS"), default=False)
    whatsapp_consent_given_at = models.DateTimeField(
        _("persetujuan WhatsApp diberikan"), null=True, blank=True
    )
    whatsapp_consent_withdrawn_at = models.DateTimeField(
        _("persetujuan WhatsApp ditarik"), null=True, blank=True
    )
    whatsapp_consent_phone = models.CharField(
        _("nomor yang disetujui untuk WhatsApp"), max_length=20, blank=True
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("profil kontak")
        verbose_name_plural = _("profil kontak")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def whatsapp_consent(self) -> bool:
        return (
            self.whatsapp_consent_given_at is not None
            and self.whatsapp_consent_withdrawn_at is None
            and bool(self.phone)
            and self.whatsapp_consent_phone == self.phone
        )


class Notice(models.Model):
    """An in-app notice: what the person sees under "Notifikasi", read or unread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("penerima"),
    )
    topic = models.CharField(_("topik"), max_length=80)
    subject = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    idempotency_key = models.CharField(_("kunci idempotensi"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user"], condition=models.Q(read_at=None), name="notice_unread_by_user"
            ),
            models.Index(fields=["user", "-created_at"], name="notice_by_user_newest"),
        ]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    """One message to deliver on one channel: the outbox row the worker works through.

    `delivery_id` is fixed when the message is made and sent with every attempt (the
    gateway's Idempotency-Key, the email's Message-ID), so a retry after a crash is
    recognised as the same message, never a new one.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        SENDING = "sending", _("Sedang dikirim")
        RETRY = "retry", _("Menunggu dicoba lagi")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    FINAL_STATUSES = (Status.SENT, Status.FAILED)

    delivery_id = models.UUIDField(_("id pengiriman"), default=uuid.uuid4, unique=True)
    idempotency_key = models.CharField(_("kunci idempotensi"), max_length=200)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penerima"),
    )
    notice = models.ForeignKey(
        Notice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("notifikasi"),
    )
    to = models.CharField(_("tujuan"), max_length=254)
    topic = models.CharField(_("topik"), max_length=80, blank=True)
    subject = models.CharField(_("judul"), max_length=200, blank=True)
    body = models.TextField(_("isi"))
    html_body = models.TextField(_("isi HTML"), blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("masuk antrean"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("percobaan terakhir"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    provider_reference = models.CharField(_("referensi penyedia"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("kotak keluar")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key", "channel"], name="one_message_per_key_and_channel"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=~models.Q(status__in=["sent", "failed"]),
                name="message_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.to}: {self.subject or self.body[:40]}"


class Gateway(models.Model):
    """The region's HTTP gateway for SMS or WhatsApp (one per channel)."""

    channel = models.CharField(
        _("saluran"),
        max_length=10,
        choices=[(c.value, c.label) for c in GATEWAY_CHANNELS],
        unique=True,
    )
    url = models.URLField(_("alamat API"), max_length=500)
    token = models.CharField(_("token"), max_length=500, blank=True)
    sender = models.CharField(
        _("pengirim"), max_length=40, blank=True, help_text=_("Nama atau nomor pengirim.")
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("gateway SMS/WhatsApp")
        verbose_name_plural = _("gateway SMS/WhatsApp")
        ordering = ["channel"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.url}"

    def clean(self) -> None:
        from notifications.gateway import check_gateway_url

        if self.url:
            try:
                check_gateway_url(self.url)
            except ValidationError as exc:
                raise ValidationError({"url": exc.messages}) from exc
