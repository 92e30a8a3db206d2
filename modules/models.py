"""Which modules each region has switched on (public schema)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleActivation(models.Model):
    """One row per region and module, kept when the module is switched off (its data stays,
    and so do its settings), so switching it on again brings everything back."""

    region = models.ForeignKey(
        "tenants.Region", on_delete=models.CASCADE, related_name="module_activations"
    )
    module_key = models.CharField(_("modul"), max_length=40)
    enabled = models.BooleanField(_("aktif"), default=False)
    settings = models.JSONField(_("pengaturan"), default=dict, blank=True)
    # Who switched it on: a user of the region's own schema, so an id and a name snapshot.
    changed_by_id = models.BigIntegerField(null=True, blank=True)
    changed_by_name = models.CharField(max_length=200, blank=True)
    enabled_at = models.DateTimeField(_("diaktifkan"), null=True, blank=True)
    disabled_at = models.DateTimeField(_("dinonaktifkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("aktivasi modul")
        verbose_name_plural = _("aktivasi modul")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "module_key"], name="one_activation_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id}:{self.module_key}={'on' if self.enabled else 'off'}"
