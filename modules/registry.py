"""Every module's manifest, collected once when Django's apps are ready."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from modules.manifest import Manifest

_manifests: dict[str, Manifest] = {}


def collect() -> None:
    """Read `modules/<key>/manifest.py` of every installed module app."""
    _manifests.clear()
    for config in apps.get_app_configs():
        if not config.name.startswith("modules.") or config.name.count(".") != 1:
            continue
        manifest = getattr(import_module(f"{config.name}.manifest"), "MANIFEST", None)
        if not isinstance(manifest, Manifest):
            raise ImproperlyConfigured(
                f"{config.name}.manifest must define MANIFEST = Manifest(...)"
            )
        if manifest.app_name != config.name:
            raise ImproperlyConfigured(f"{config.name}: manifest key {manifest.key!r} must match")
        _manifests[manifest.key] = manifest
    for manifest in _manifests.values():
        missing = [key for key in manifest.requires if key not in _manifests]
        if missing:
            raise ImproperlyConfigured(f"module {manifest.key} requires unknown {missing}")


def all_manifests() -> list[Manifest]:
    return sorted(_manifests.values(), key=lambda m: str(m.name))


def in_dependency_order() -> list[Manifest]:
    """Every manifest after the modules it requires."""
    ordered: list[Manifest] = []

    def visit(manifest: Manifest) -> None:
        if manifest in ordered:
            return
        for need in manifest.requires:
            visit(_manifests[need])
        ordered.append(manifest)

    for manifest in all_manifests():
        visit(manifest)
    return ordered


def get(key: str) -> Manifest:
    return _manifests[key]


def exists(key: str) -> bool:
    return key in _manifests


def module_of_path(dotted: str) -> str | None:
    """The module key a dotted path belongs to, e.g. 'modules.prices.tasks.x' -> 'prices'."""
    parts = dotted.split(".")
    if len(parts) > 1 and parts[0] == "modules" and parts[1] in _manifests:
        return parts[1]
    return None
