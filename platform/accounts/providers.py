""" "Akun saya": what a person has in each part of the platform.

An app offers a provider by giving its AppConfig any of these methods (each runs in the
region's schema; the module framework routes its manifests' providers through here):
  account_section(user) -> AccountSection | None   what to list on "Akun saya"
  personal_data(user) -> dict                       what to include in the data download
  erase(user) -> None                               anonymise what must be kept, delete the rest
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass
class AccountItem:
    text: str
    url: str = ""
    status: str = ""


@dataclass
class AccountSection:
    title: str
    items: list[AccountItem] = field(default_factory=list)
    empty_text: str = ""
    url: str = ""


def _providers(method: str):
    """(label, function) of every app config that offers `method`, then of every module
    that is on for the current region and names one in its manifest."""
    for config in apps.get_app_configs():
        provider = getattr(config, method, None)
        if provider is not None:
            yield config.label, provider
    from modules import gate, registry

    enabled = gate.enabled_keys()
    for manifest in registry.all_manifests():
        dotted = getattr(manifest, method)
        if dotted and manifest.key in enabled:
            yield manifest.key, import_string(dotted)


def sections(user) -> list[AccountSection]:
    found = (provider(user) for _label, provider in _providers("account_section"))
    return [section for section in found if section is not None]


def personal_data(user) -> dict:
    return {label: provider(user) for label, provider in _providers("personal_data")}


def erase(user) -> None:
    for _label, provider in _providers("erase"):
        provider(user)
