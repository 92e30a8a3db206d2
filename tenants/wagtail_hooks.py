"""The region admin's Domain and Export pages in its menu (region hosts, region admins only)."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from tenants import admin_views

domain_urls = (
    [
        path("", admin_views.domains_index, name="index"),
        path("tambah/", admin_views.add, name="add"),
        path("utama/", admin_views.make_primary, name="primary"),
        path("<int:pk>/periksa/", admin_views.verify, name="verify"),
        path("<int:pk>/hapus/", admin_views.remove, name="remove"),
    ],
    "tenants_domains",
)


export_urls = (
    [
        path("", admin_views.exports_index, name="index"),
        path("buat/", admin_views.request_export, name="request"),
        path("<int:pk>/unduh/", admin_views.download_export, name="download"),
    ],
    "tenants_exports",
)


@hooks.register("register_admin_urls")
def register_domain_urls():
    return [path("domain/", include(domain_urls)), path("ekspor/", include(export_urls))]


class RegionAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request, "region", None) is not None and request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_domain_menu_item():
    return RegionAdminMenuItem(
        gettext_lazy("Domain"),
        reverse_lazy("tenants_domains:index"),
        icon_name="site",
        order=810,
        name="domain",
    )


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return RegionAdminMenuItem(
        gettext_lazy("Ekspor data"),
        reverse_lazy("tenants_exports:index"),
        icon_name="download",
        order=820,
        name="ekspor-data",
    )
