"""Modules in the admin: their staff pages and menu entries (only while on), and the
Modules page itself."""

from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from modules import admin_views, gate, registry
from modules.urls import admin_urlpatterns

modules_admin_urls = (
    [
        path("", admin_views.modules_index, name="index"),
        path("<str:key>/status/", admin_views.toggle, name="toggle"),
        path("<str:key>/pengaturan/", admin_views.save_settings, name="settings"),
    ],
    "modules_admin",
)


@hooks.register("register_admin_urls")
def register_module_urls():
    return [path("modul/", include(modules_admin_urls)), *admin_urlpatterns()]


class ModulesMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request, "region", None) is not None and request.user.has_perm(
            admin_views.PERMISSION
        )


class ModuleMenuItem(MenuItem):
    """A module's own menu entry: absent while the module is off."""

    def __init__(self, module_key: str, permission: str, *args, **kwargs):
        self.module_key = module_key
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        if not gate.is_enabled(self.module_key):
            return False
        return not self.permission or request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_modules_page_menu_item():
    return ModulesMenuItem(
        _("Modul"), reverse_lazy("modules_admin:index"), icon_name="cogs", order=800
    )


@hooks.register("construct_main_menu")
def add_enabled_module_menu_items(request, menu_items):
    """Each enabled module's own entries, built per request from its manifest (Wagtail may
    load this file before the registry is filled, so nothing is built at import time)."""
    for manifest in registry.all_manifests():
        for item in manifest.admin_menu:
            entry = ModuleMenuItem(
                manifest.key,
                item.permission,
                item.label,
                reverse(f"{gate.app_name_for(manifest.key)}-admin:{item.url_name}"),
                icon_name=item.icon,
                order=item.order,
                name=f"{manifest.key}-{item.url_name}",
            )
            if entry.is_shown(request):
                menu_items.append(entry)
