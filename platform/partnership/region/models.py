"""Support access as the region holds it (the region's schema): the grants its admin gave,
the support identity each mentor uses here, and every entry link spent.

The region's rows decide; the public mirror (partnership.SupportGrantMirror) only lets the
console list the grants."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SupportGrant(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mentor_platform_id = models.BigIntegerField(_("id mentor di platform"), db_index=True)
    mentor_email = models.EmailField(_("email mentor"))
    mentor_name = models.CharField(_("mentor"), max_length=200)
    scope = models.CharField(_("cakupan"), max_length=60)
    read_only = models.BooleanField(_("hanya melihat"), default=False)
    reason = models.CharField(_("keperluan"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diberikan oleh"),
    )
    granted_by_name = models.CharField(_("diberikan oleh"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("diberikan"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berakhir"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by_name = models.CharField(_("dicabut oleh"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("akses dukungan")
        verbose_name_plural = _("akses dukungan")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.mentor_name} ({self.scope})"

    def is_active(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class SupportIdentity(models.Model):
    """The region account a mentor acts through: never the admin, no usable password."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_identity"
    )
    mentor_platform_id = models.BigIntegerField(unique=True)
    mentor_email = models.EmailField()

    class Meta:
        verbose_name = _("identitas dukungan")
        verbose_name_plural = _("identitas dukungan")

    def __str__(self) -> str:
        return self.mentor_email


class SupportEntry(models.Model):
    """One entry link spent: its nonce can never be used again."""

    grant = models.ForeignKey(SupportGrant, on_delete=models.CASCADE, related_name="entries")
    nonce = models.CharField(max_length=64, unique=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("masuk dukungan")
        verbose_name_plural = _("masuk dukungan")
        ordering = ["-entered_at"]

    def __str__(self) -> str:
        return f"{self.grant} {self.entered_at:%Y-%m-%d %H:%M}"
