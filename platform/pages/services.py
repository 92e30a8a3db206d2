"""Creating the Wagtail sites: one per region schema, and the platform's in public."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from pages.models import HomePage


@transaction.atomic
def create_home_site(hostname: str, title: str, intro: str) -> Site:
    """Give the current schema its home page and its one, default Site (idempotent)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and site.root_page.specific_class is HomePage:
        return site
    remove_wagtail_welcome()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=title, slug="beranda", intro=intro))
    return Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=True, site_name=title
    )


def remove_wagtail_welcome() -> None:
    """Wagtail's first migration leaves a welcome page and a site; our sites are made here."""
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()


def create_region_site(region, hostname: str) -> Site:
    intro = _("<p>Selamat datang di portal layanan %(name)s.</p>") % {"name": region.name}
    return create_home_site(hostname, region.name, intro)


def ensure_platform_site() -> Site:
    intro = _(
        "<p>Sinergi adalah platform Kemitraan Kota Cerdas: aplikasi Kota Tangerang untuk "
        "pemerintah daerah mitra, gratis dan dengan pendampingan.</p>"
    )
    return create_home_site(settings.PLATFORM_DOMAIN, settings.PLATFORM_NAME, intro)
