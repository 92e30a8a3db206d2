"""Pengaturan → Tampilan situs, in every admin (each region's, and the platform's)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from themes import urls

PERMISSION = "themes.change_branding"


@hooks.register("register_admin_urls")
def register_branding_urls():
    return [path("tampilan/", include(urls))]


class BrandingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_settings_menu_item")
def register_branding_menu_item():
    return BrandingMenuItem(
        _("Tampilan situs"), reverse("themes_branding:edit"), icon_name="desktop", order=150
    )
