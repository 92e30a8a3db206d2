"""Switching modules on and off for a region, and changing their settings.

Activations live in the public schema; roles and seeded defaults in the region's schema.
Switching off keeps every row of the module's data and its settings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from accounts.roles import install_roles
from audit import api as audit
from modules import gate, registry
from modules.models import ModuleActivation


def enable_module(region, key: str, *, actor=None, request=None) -> ModuleActivation:
    manifest = _manifest(key)
    from billing.api import module_refusal

    if refusal := module_refusal(region, key):
        raise ValidationError(refusal)
    missing = [need for need in manifest.requires if not gate.is_enabled(need, region.schema_name)]
    if missing:
        names = ", ".join(str(registry.get(need).name) for need in missing)
        raise ValidationError(
            _("%(module)s memerlukan modul %(needs)s yang belum aktif.")
            % {"module": manifest.name, "needs": names}
        )
    activation = _activation(region, key, actor)
    activation.enabled = True
    activation.enabled_at = timezone.now()
    activation.settings = {**_jsonable(manifest.default_settings()), **activation.settings}
    with schema_context(region.schema_name):
        install_roles({role.name: list(role.permissions) for role in manifest.roles})
        if manifest.on_enable:
            import_string(manifest.on_enable)(region)
        with transaction.atomic():
            audit.record("modules.enable", actor=actor, request=request, details={"module": key})
    _save_public(activation)
    return activation


def disable_module(region, key: str, *, actor=None, request=None) -> ModuleActivation:
    manifest = _manifest(key)
    dependants = [
        m
        for m in registry.all_manifests()
        if key in m.requires and gate.is_enabled(m.key, region.schema_name)
    ]
    if dependants:
        raise ValidationError(
            _("Nonaktifkan dulu modul yang memerlukannya: %(names)s.")
            % {"names": ", ".join(str(m.name) for m in dependants)}
        )
    with schema_context(region.schema_name):
        if manifest.before_disable:
            reason = import_string(manifest.before_disable)(region)
            if reason:
                raise ValidationError(reason)
        if manifest.on_disable:
            import_string(manifest.on_disable)(region)
        with transaction.atomic():
            audit.record("modules.disable", actor=actor, request=request, details={"module": key})
    activation = _activation(region, key, actor)
    activation.enabled = False
    activation.disabled_at = timezone.now()
    _save_public(activation)
    return activation


def update_settings(region, key: str, values: dict[str, Any], *, actor=None, request=None) -> dict:
    manifest = _manifest(key)
    cleaned = manifest.clean_settings(values)
    activation = _activation(region, key, actor)
    activation.settings = _jsonable(cleaned)
    with schema_context(region.schema_name), transaction.atomic():
        audit.record(
            "modules.update_settings",
            actor=actor,
            request=request,
            details={"module": key, "settings": activation.settings},
        )
    _save_public(activation)
    return cleaned


def module_settings(key: str, schema_name: str | None = None) -> dict[str, Any]:
    """The current region's settings for a module, typed, defaults filled in."""
    manifest = _manifest(key)
    schema = schema_name or connection.schema_name
    stored = (
        ModuleActivation.objects.filter(region__schema_name=schema, module_key=key)
        .values_list("settings", flat=True)
        .first()
    )
    return manifest.clean_settings(stored or {})


def _manifest(key: str):
    if not registry.exists(key):
        raise ValidationError(_("Modul tidak dikenal: %(key)s.") % {"key": key})
    return registry.get(key)


def _activation(region, key: str, actor) -> ModuleActivation:
    with schema_context("public"):
        activation, _created = ModuleActivation.objects.get_or_create(region=region, module_key=key)
    activation.changed_by_id = getattr(actor, "pk", None)
    activation.changed_by_name = (actor.get_full_name() or actor.email) if actor else ""
    return activation


def _save_public(activation: ModuleActivation) -> None:
    from pages.cache import invalidate_region

    with schema_context("public"):
        activation.save()
    invalidate_region(activation.region.schema_name)  # the home page's tiles changed


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}
