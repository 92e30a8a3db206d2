"""What residents see: each site in its own theme, with its own colours and names only."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import override_settings

from tests.themes.conftest import branding_of, png
from themes import services
from themes.models import Branding
from themes.templatetags.themes_tags import theme_icon

pytestmark = pytest.mark.django_db

DEMO_LOOK = {
    "tangerang": ("default", "#00529b", "Pemerintah Kota Tangerang"),
    "tangsel": ("pesisir", "#00696b", "Pemerintah Kota Tangerang Selatan"),
    "balikpapan": ("kontras", "#003b5c", "Pemerintah Kota Balikpapan"),
}


def style_of(html: str) -> str:
    return re.search(r"<style[^>]*>(.*?)</style>", html, re.S).group(1)


def rebrand(region, **values):
    """Save a branding as the admin does; its on-commit work (retiring the region's cached
    pages) runs as if the transaction had committed."""
    from django.test import TestCase

    connection.set_tenant(region) if region is not None else connection.set_schema_to_public()
    branding = Branding.objects.get()
    for name, value in values.items():
        setattr(branding, name, value)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.save_branding(branding, actor=None)
    connection.set_schema_to_public()


@pytest.mark.parametrize("slug", DEMO_LOOK)
def test_each_demo_region_is_shown_in_its_theme_with_its_colours(site_client, slug):
    from tests.harness.fixtures import _region

    theme, primary, name = DEMO_LOOK[slug]
    html = site_client(_region(slug)).get("/").text

    assert f'href="/static/themes/{theme}/theme.css"' in html
    assert f'class="theme-{theme}"' in html
    assert f"--primary:{primary};" in style_of(html)
    assert f'<span class="brand-name">{name}</span>' in html
    for other_slug, (_theme, other_primary, other_name) in DEMO_LOOK.items():
        if other_slug != slug:
            assert other_primary not in html
            assert f">{other_name}<" not in html


def test_one_regions_colours_never_appear_on_another_regions_pages(
    site_client, tangsel, balikpapan
):
    rebrand(tangsel, primary_colour="#0d3b2e", accent_colour="#f9c74f", tagline="Khas Tangsel")

    for path in ("/", "/cari/?q=jalan", "/akun/masuk/"):
        own = site_client(tangsel).get(path).text
        other = site_client(balikpapan).get(path).text
        assert "--primary:#0d3b2e;" in style_of(own), path
        assert "#0d3b2e" not in other and "#f9c74f" not in other, path
        assert "Khas Tangsel" not in other
        assert "--primary:#003b5c;" in style_of(other), path


CACHED = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *__import__("django.conf", fromlist=["settings"]).settings.MIDDLEWARE,
    "django.middleware.cache.FetchFromCacheMiddleware",
]


@override_settings(MIDDLEWARE=CACHED, CACHE_MIDDLEWARE_SECONDS=300)
def test_cached_pages_stay_with_their_region(site_client, tangsel, balikpapan):
    """With whole pages cached (the site-wide cache stands in for the page cache that is
    coming), a region's cached page is only ever served on its own host."""
    from django.core.cache import cache

    tangsel_visitor, balikpapan_visitor = site_client(tangsel), site_client(balikpapan)
    for visitor in (tangsel_visitor, balikpapan_visitor):
        visitor.get("/")  # receives its cookies
        visitor.get("/")  # cached from here on
    connection.set_tenant(tangsel)
    Branding.objects.update(primary_colour="#5a189a")  # behind the cache's back
    connection.set_schema_to_public()

    cached_tangsel = tangsel_visitor.get("/").text
    balikpapan_page = balikpapan_visitor.get("/").text

    assert "--primary:#00696b;" in style_of(cached_tangsel)  # really served from the cache
    assert "--primary:#003b5c;" in style_of(balikpapan_page)
    assert "#00696b" not in balikpapan_page and "#5a189a" not in balikpapan_page
    cache.clear()


def test_a_region_without_branding_shows_its_name_in_the_default_theme(site_client, tangsel):
    connection.set_tenant(tangsel)
    Branding.objects.all().delete()
    connection.set_schema_to_public()

    html = site_client(tangsel).get("/").text

    assert '<span class="brand-name">Kota Tangerang Selatan</span>' in html
    assert 'href="/static/themes/default/theme.css"' in html
    assert "--primary:#0b4f8a;" in style_of(html)
    connection.set_tenant(tangsel)
    assert not Branding.objects.exists()  # reading never writes


def test_the_platform_site_uses_the_same_themes_with_its_own_branding(site_client, tangsel):
    html = site_client(None).get("/").text
    assert '<span class="brand-name">Sinergi</span>' in html
    assert 'href="/static/themes/default/theme.css"' in html

    connection.set_schema_to_public()
    from wagtail.models import Site

    services.save_branding(
        services.ensure_branding(Site.objects.get(is_default_site=True)), actor=None
    )
    rebrand(None, theme="pesisir", primary_colour="#3a0ca3", official_name="Sinergi Nusantara")

    platform = site_client(None).get("/").text
    region = site_client(tangsel).get("/").text
    assert 'href="/static/themes/pesisir/theme.css"' in platform
    assert "--primary:#3a0ca3;" in style_of(platform)
    assert "Sinergi Nusantara" in platform
    assert "#3a0ca3" not in region and "Sinergi Nusantara" not in region


@pytest.mark.parametrize(
    ("slug", "present", "absent"),
    [
        ("tangerang", ['class="nav-bar"', 'class="header-bar"'], ['class="sidebar"', "hero-wave"]),
        ("tangsel", ['class="sidebar"', 'class="hero-wave"'], ['class="nav-bar"']),
        ("balikpapan", ['class="site-header"'], ['class="sidebar"', "hero-wave", "nav-bar"]),
    ],
)
def test_the_themes_differ_in_layout_not_only_in_colour(site_client, slug, present, absent):
    from tests.harness.fixtures import _region

    html = site_client(_region(slug)).get("/").text

    for marker in present:
        assert marker in html
    for marker in absent:
        assert marker not in html


@pytest.mark.parametrize("slug", DEMO_LOOK)
def test_pages_have_landmarks_a_skip_link_and_a_language_switcher(site_client, slug):
    from tests.harness.fixtures import _region

    html = site_client(_region(slug)).get("/").text

    assert html.index('<a class="skip-link" href="#isi">') < html.index("<header")
    assert '<nav class="site-nav" aria-label="Menu utama">' in html
    assert '<main id="isi" tabindex="-1">' in html
    assert "<footer" in html
    assert html.count("<h1") == 1
    assert '<form class="language-form" action="/i18n/setlang/" method="post">' in html
    assert 'name="csrfmiddlewaretoken"' not in html  # pages stay cacheable
    assert '<a href="/" aria-current="page">Beranda</a>' in html
    assert '<form class="search-form" role="search" action="/cari/" method="get">' in html


def test_the_language_switcher_changes_the_language(tangsel):
    """It posts without a CSRF token (pages with one could not be cached)."""
    from django.test import Client

    client = Client(HTTP_HOST="tangsel.localhost", enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en"' in client.get("/").text


def test_open_graph_tags_name_the_page_and_the_site(site_client, tangsel, media_root):
    rebrand(tangsel, logo=png())
    logo = branding_of(tangsel).logo.name

    html = site_client(tangsel).get("/").text

    assert '<meta property="og:title" content="Kota Tangerang Selatan">' in html
    assert '<meta property="og:site_name" content="Pemerintah Kota Tangerang Selatan">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:url" content="http://tangsel.localhost/">' in html
    assert (
        f'<meta property="og:image" content="http://tangsel.localhost/media/tangsel/{logo}">'
        in html
    )


def test_the_hero_image_is_preferred_for_sharing_and_never_behind_text(
    site_client, balikpapan, media_root
):
    rebrand(balikpapan, hero_image=png("hero.png", size=(2400, 1200)))
    hero = branding_of(balikpapan).hero_image.name

    html = site_client(balikpapan).get("/").text

    assert hero.endswith(".jpg")
    assert f'content="http://balikpapan.localhost/media/balikpapan/{hero}"' in html
    assert f'<img class="hero-image" src="/media/balikpapan/{hero}" alt="">' in html
    assert "background-image" not in html


def test_contact_and_social_links_are_in_the_footer(site_client, tangsel):
    rebrand(tangsel, instagram_url="https://instagram.com/tangselkota")

    html = site_client(tangsel).get("/").text

    footer = html[html.index("<footer") :]
    assert '<a href="tel:+622155552000">(021) 5555 2000</a>' in footer
    assert '<a href="mailto:humas@tangsel.test">humas@tangsel.test</a>' in footer
    assert 'href="https://wa.me/6281220003000"' in footer
    assert '<a href="https://instagram.com/tangselkota" rel="noopener">Instagram</a>' in footer


def test_a_colour_stored_behind_the_forms_back_is_never_put_in_the_page(site_client, tangsel):
    connection.set_tenant(tangsel)
    Branding.objects.update(primary_colour="</style")  # the column holds 7 characters
    connection.set_schema_to_public()

    html = site_client(tangsel).get("/").text

    assert html.count("</style") == 1
    assert "--primary:#006d77;" in style_of(html)  # the theme's default


def test_every_resident_template_still_extends_base_html(site_client, balikpapan):
    for path in ("/akun/masuk/", "/akun/daftar/", "/cari/?q=lampu"):
        html = site_client(balikpapan).get(path).text
        assert 'href="/static/themes/kontras/theme.css"' in html, path
        assert '<main id="isi"' in html, path


def test_pages_outside_any_region_use_the_platforms_look(site_client):
    from django.test import Client

    html = Client(HTTP_HOST="nope.localhost").get("/").text

    assert "Daerah tidak ditemukan" in html
    assert 'href="/static/themes/default/theme.css"' in html
    assert 'role="search"' not in html  # no search page there


def test_service_icons_are_inline_and_hidden_from_screen_readers():
    icon = theme_icon("doc-full")
    unknown = theme_icon("no-such-icon")
    hostile = theme_icon('x" onload="alert(1)')

    assert icon.startswith('<svg class="icon" aria-hidden="true" focusable="false"')
    assert 'id="icon-' not in icon
    assert unknown == icon == hostile


def test_demo_branding_is_made_once_and_keeps_later_changes(tangsel):
    from django.apps import apps

    rebrand(tangsel, tagline="Diubah admin")

    apps.get_app_config("themes").load_demo_data(tangsel)

    connection.set_tenant(tangsel)
    assert Branding.objects.count() == 1
    assert Branding.objects.get().tagline == "Diubah admin"


def test_defaults_name_the_region_in_background_work_too(tangsel):
    from django_tenants.utils import schema_context

    from themes.selectors import branding_for_site

    with schema_context(tangsel.schema_name):
        Branding.objects.all().delete()
        branding = branding_for_site(None)

    assert (branding.official_name, branding.theme) == ("Kota Tangerang Selatan", "default")
