"""Who did what, when, from where, to which object.

The same table exists in the public schema (platform actions: approving, suspending,
recording payments) and in every region schema (the region's own privileged actions).
Names and positions are snapshots: an entry must read the same after a mutasi or after the
person's account is gone.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(_("id pelaku"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("pelaku"), max_length=200, blank=True)
    actor_position = models.CharField(_("jabatan"), max_length=300, blank=True)
    platform_identity = models.CharField(
        _("identitas platform"),
        max_length=254,
        blank=True,
        help_text=_("Untuk mentor Tangerang yang bertindak lewat akses dukungan."),
    )
    action = models.CharField(_("tindakan"), max_length=80, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    details = models.JSONField(_("rincian"), default=dict, blank=True)

    class Meta:
        verbose_name = _("entri audit")
        verbose_name_plural = _("log audit")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action}"
