"""Every module's URLs, mounted in one place, each under its gated application namespace."""

from __future__ import annotations

from importlib import import_module

from django.urls import include, path

from modules import registry
from modules.gate import app_name_for


def _patterns(dotted: str) -> list:
    return import_module(dotted).urlpatterns


def resident_urlpatterns() -> list:
    return [
        path(
            f"{manifest.url_prefix or manifest.key}/",
            include(
                (_patterns(manifest.urls), app_name_for(manifest.key)),
                namespace=app_name_for(manifest.key),
            ),
        )
        for manifest in registry.all_manifests()
        if manifest.urls
    ]


def api_urlpatterns() -> list:
    return [
        path(
            f"api/{manifest.key}/",
            include(
                (_patterns(manifest.api_urls), app_name_for(manifest.key)),
                namespace=f"{app_name_for(manifest.key)}-api",
            ),
        )
        for manifest in registry.all_manifests()
        if manifest.api_urls
    ]


def admin_urlpatterns() -> list:
    return [
        path(
            f"{manifest.key}/",
            include(
                (_patterns(manifest.admin_urls), app_name_for(manifest.key)),
                namespace=f"{app_name_for(manifest.key)}-admin",
            ),
        )
        for manifest in registry.all_manifests()
        if manifest.admin_urls
    ]
