"""Workaround for the framework's admin menu registration (remove once it is fixed).

modules/wagtail_hooks.py registers each manifest's admin_menu items when it is imported.
Wagtail imports every app's wagtail_hooks from wagtail.snippets' AppConfig.ready(), which runs
before modules' ready() has collected the manifests, so no module menu item is registered.
This adds ours per request, with the framework's own ModuleMenuItem (gate and permission
checks included), and only while the framework has not registered one itself.
"""

from __future__ import annotations

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import admin_menu

from modules import gate, registry
from modules.wagtail_hooks import ModuleMenuItem

KEY = "prices"


def _framework_registered_ours() -> bool:
    return any(
        getattr(item, "module_key", None) == KEY for item in admin_menu.registered_menu_items
    )


def _our_items():
    manifest = registry.get(KEY)
    for entry in manifest.admin_menu:
        yield ModuleMenuItem(
            KEY,
            entry.permission,
            entry.label,
            reverse(f"{gate.app_name_for(KEY)}-admin:{entry.url_name}"),
            icon_name=entry.icon,
            order=entry.order,
        )


@hooks.register("construct_main_menu")
def add_prices_menu_item(request, menu_items):
    if _framework_registered_ours():
        return
    menu_items.extend(item for item in _our_items() if item.is_shown(request))
