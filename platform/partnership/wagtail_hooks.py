"""Admin menus and URLs: the console on the platform's admin, the region's own pages."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.admin_menu import PlatformMenuItem, RegionMenuItem
from partnership import (
    access,
    adoption_views,
    announcement_views,
    console_views,
    region_admin_views,
    region_console_views,
    thread_views,
)

console_urls = (
    [
        path("akses/", console_views.support_grants, name="support"),
        path("akses/<int:pk>/masuk/", console_views.enter, name="enter"),
        path("daerah/", region_console_views.regions, name="regions"),
        path("daerah/<int:pk>/", region_console_views.region, name="region"),
        path("daerah/<int:pk>/mentor/", region_console_views.assign, name="assign"),
        path("daerah/<int:pk>/langkah/<str:key>/", region_console_views.tick, name="tick"),
        path("daerah/<int:pk>/periksa/", region_console_views.refresh, name="refresh"),
        path("daerah/<int:pk>/sesi/", region_console_views.schedule, name="schedule"),
        path(
            "daerah/<int:pk>/sesi/<int:session_id>/",
            region_console_views.session_notes,
            name="session_notes",
        ),
        path("pengumuman/", announcement_views.index, name="announcements"),
        path("pengumuman/<int:pk>/tarik/", announcement_views.withdraw, name="withdraw"),
        path("adopsi/", adoption_views.dashboard, name="adoption"),
        path("adopsi/csv/", adoption_views.export_csv, name="adoption_csv"),
        path("adopsi/daerah/<int:pk>/", adoption_views.region_detail, name="adoption_region"),
        path("utas/", thread_views.console_threads, name="threads"),
        path("utas/<int:pk>/", thread_views.console_thread, name="thread"),
        path(
            "utas/<int:pk>/lampiran/<int:message_id>/",
            thread_views.console_attachment,
            name="attachment",
        ),
    ],
    "partnership_console",
)
region_urls = (
    [
        path("akses/", region_admin_views.support_access, name="support_access"),
        path("akses/beri/", region_admin_views.grant, name="grant"),
        path("akses/<int:pk>/cabut/", region_admin_views.revoke, name="revoke"),
        path("tanya/", thread_views.region_threads, name="threads"),
        path("tanya/kirim/", thread_views.region_ask, name="ask"),
        path("tanya/<uuid:public_id>/", thread_views.region_thread, name="thread"),
        path(
            "tanya/<uuid:public_id>/lampiran/<int:message_id>/",
            thread_views.region_attachment,
            name="attachment",
        ),
    ],
    "partnership_region",
)


@hooks.register("register_admin_urls")
def register_partnership_urls():
    return [path("kemitraan/", include(console_urls)), path("dukungan/", include(region_urls))]


@hooks.register("register_admin_menu_item")
def register_console_item():
    return PlatformMenuItem(
        access.SUPPORT_PERMISSION,
        _("Akses dukungan saya"),
        reverse("partnership_console:support"),
        icon_name="key",
        order=170,
        name="akses-dukungan-saya",
    )


@hooks.register("register_admin_menu_item")
def register_region_item():
    return RegionMenuItem(
        region_admin_views.PERMISSION,
        _("Dukungan Tangerang"),
        reverse("partnership_region:support_access"),
        icon_name="key",
        order=890,
        name="dukungan-tangerang",
    )


@hooks.register("register_admin_menu_item")
def register_console_threads_item():
    return PlatformMenuItem(
        access.SUPPORT_PERMISSION,
        _("Utas dukungan"),
        reverse("partnership_console:threads"),
        icon_name="help",
        order=171,
        name="utas-dukungan",
    )


@hooks.register("register_admin_menu_item")
def register_region_threads_item():
    return RegionMenuItem(
        region_admin_views.PERMISSION,
        _("Tanya mentor"),
        reverse("partnership_region:threads"),
        icon_name="help",
        order=891,
        name="tanya-mentor",
    )


@hooks.register("register_admin_menu_item")
def register_adoption_item():
    return PlatformMenuItem(
        adoption_views.PERMISSION,
        _("Dasbor adopsi"),
        reverse("partnership_console:adoption"),
        icon_name="view",
        order=172,
        name="dasbor-adopsi",
    )


@hooks.register("register_admin_menu_item")
def register_regions_item():
    return PlatformMenuItem(
        access.SUPPORT_PERMISSION,
        _("Daerah mitra"),
        reverse("partnership_console:regions"),
        icon_name="site",
        order=169,
        name="daerah-mitra",
    )


@hooks.register("register_admin_menu_item")
def register_announcements_item():
    return PlatformMenuItem(
        "partnership.manage_partnership",
        _("Pengumuman kemitraan"),
        reverse("partnership_console:announcements"),
        icon_name="info-circle",
        order=173,
        name="pengumuman-kemitraan",
    )


@hooks.register("construct_homepage_panels")
def add_announcements_panel(request, panels):
    if getattr(request, "region", None) is not None:
        from partnership.announcements import AnnouncementsPanel

        panels.append(AnnouncementsPanel())
