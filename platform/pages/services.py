"""Creating the Wagtail sites: one per region schema with its starter pages, and the
platform's own in the public schema. Everything here is idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.models import Page, Site

from pages.models import (
    AnnouncementIndexPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SectionIndexPage,
    StandardPage,
)


def remove_wagtail_welcome() -> None:
    """Wagtail's first migration leaves a welcome page and a site; our sites are made here."""
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()


@transaction.atomic
def create_home_site(hostname: str, title: str, intro: str) -> Site:
    """Give the current schema its home page and its one, default Site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and site.root_page.specific_class is HomePage:
        return site
    remove_wagtail_welcome()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=title, slug="beranda", intro=intro))
    return Site.objects.create(
        hostname=hostname, port=80, root_page=home, is_default_site=True, site_name=title
    )


def ensure_child(parent: Page, page: Page, *, in_menu: bool = True) -> Page:
    """Add `page` under `parent` unless a page with its slug is already there."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    page.show_in_menus = in_menu
    return parent.add_child(instance=page)


@transaction.atomic
def create_region_site(region, hostname: str) -> Site:
    intro = _("<p>Selamat datang di portal layanan %(name)s.</p>") % {"name": region.name}
    site = create_home_site(hostname, region.name, intro)
    home = site.root_page
    news = ensure_child(
        home,
        NewsIndexPage(
            title=_("Berita"),
            slug="berita",
            intro=_("Kabar terbaru dari %(name)s.") % {"name": region.name},
        ),
    )
    if not NewsPage.objects.child_of(news).exists():
        ensure_child(
            news,
            NewsPage(
                title=_("%(name)s bergabung dengan Sinergi") % {"name": region.name},
                slug="bergabung-dengan-sinergi",
                intro=_("Layanan daring %(name)s kini tersedia dalam satu portal.")
                % {"name": region.name},
            ),
            in_menu=False,
        )
    ensure_child(home, AnnouncementIndexPage(title=_("Pengumuman"), slug="pengumuman"))
    ensure_child(
        home,
        StandardPage(
            title=_("Profil"), slug="profil", intro=_("Tentang %(name)s.") % {"name": region.name}
        ),
    )
    ensure_child(
        home,
        StandardPage(
            title=_("Kontak"),
            slug="kontak",
            intro=_("Cara menghubungi %(name)s.") % {"name": region.name},
        ),
    )
    return site


KNOWLEDGE_BASE = (
    (
        "mengundang-staf",
        gettext_noop("Mengundang staf OPD"),
        gettext_noop(
            "Admin daerah mengundang staf dari menu Staf; undangan berlaku 7 hari "
            "dan hanya sekali pakai."
        ),
    ),
    (
        "mengaktifkan-modul",
        gettext_noop("Mengaktifkan modul"),
        gettext_noop(
            "Buka menu Modul di admin daerah, pilih layanan yang dibutuhkan, "
            "lalu atur pengaturannya."
        ),
    ),
    (
        "verifikasi-dua-langkah",
        gettext_noop("Verifikasi dua langkah"),
        gettext_noop(
            "Admin dan penanda tangan surat wajib memakai aplikasi autentikator saat masuk."
        ),
    ),
)


@transaction.atomic
def ensure_platform_site() -> Site:
    intro = _(
        "<p>Sinergi adalah platform Kemitraan Kota Cerdas: aplikasi Kota Tangerang untuk "
        "pemerintah daerah mitra, gratis dan dengan pendampingan.</p>"
    )
    site = create_home_site(settings.PLATFORM_DOMAIN, settings.PLATFORM_NAME, intro)
    home = site.root_page
    ensure_child(
        home,
        StandardPage(
            title=_("Tentang Kemitraan"),
            slug="tentang",
            intro=_(
                "Kota Tangerang membangun 174 aplikasi kota cerdas dan membagikannya gratis "
                "kepada lebih dari 30 pemerintah daerah, lengkap dengan pendampingan."
            ),
        ),
    )
    guide = ensure_child(
        home,
        SectionIndexPage(
            title=_("Basis Pengetahuan"),
            slug="panduan",
            intro=_("Panduan untuk admin daerah mitra."),
        ),
    )
    for slug, title, text in KNOWLEDGE_BASE:
        ensure_child(guide, StandardPage(title=_(title), slug=slug, intro=_(text)), in_menu=False)
    return site
