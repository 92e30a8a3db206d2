"""A region's Wagtail site: starter pages, news, announcements, feeds, search, cache."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from pages.models import AnnouncementIndexPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def publish_news(region, title, intro="Ringkasan berita.", day=None):
    with schema_context(region.schema_name):
        index = NewsIndexPage.objects.get()
        article = index.add_child(
            instance=NewsPage(title=title, intro=intro, date=day or date(2026, 11, 20), live=False)
        )
        article.save_revision().publish()
    connection.set_schema_to_public()
    return article


def test_a_region_starts_with_its_starter_pages_in_the_menu(site_client, tangsel):
    home = site_client(tangsel).get("/")

    for title, url in [
        ("Berita", "/berita/"),
        ("Pengumuman", "/pengumuman/"),
        ("Profil", "/profil/"),
        ("Kontak", "/kontak/"),
    ]:
        assert f'<a href="{url}"' in home.text, title
        assert site_client(tangsel).get(url).status_code == 200


def test_published_news_appears_on_home_news_index_and_rss_of_its_region_only(
    site_client, tangsel, balikpapan
):
    publish_news(tangsel, "Jalan Siliwangi diperbaiki", day=date(2026, 11, 21))

    home = site_client(tangsel).get("/")
    index = site_client(tangsel).get("/berita/")
    rss = site_client(tangsel).get("/berita/rss/")
    other_home = site_client(balikpapan).get("/")
    other_rss = site_client(balikpapan).get("/berita/rss/")

    assert "Jalan Siliwangi diperbaiki" in home.text
    assert "Jalan Siliwangi diperbaiki" in index.text
    assert "<title>Jalan Siliwangi diperbaiki</title>" in rss.text
    assert "http://tangsel.localhost/berita/jalan-siliwangi-diperbaiki/" in rss.text
    assert "Jalan Siliwangi diperbaiki" not in other_home.text
    assert "Jalan Siliwangi diperbaiki" not in other_rss.text


def test_announcements_show_on_home_only_while_in_force(site_client, tangsel):
    with schema_context("tangsel"):
        index = AnnouncementIndexPage.objects.get()
        from pages.models import AnnouncementPage

        for title, until in [
            ("Pemadaman air", date.today() + timedelta(days=3)),
            ("Lomba lama", date(2020, 1, 1)),
        ]:
            page = index.add_child(
                instance=AnnouncementPage(title=title, valid_until=until, live=False)
            )
            page.save_revision().publish()

    home = site_client(tangsel).get("/")

    assert "Pemadaman air" in home.text
    assert "Lomba lama" not in home.text


def test_site_search_uses_indonesian_stemming_and_stays_in_the_region(
    site_client, tangsel, balikpapan
):
    publish_news(tangsel, "Jalan Sudirman diperbaiki", intro="Dinas PUPR memperbaiki lubang.")

    found = site_client(tangsel).get("/cari/", {"q": "perbaikan"})
    elsewhere = site_client(balikpapan).get("/cari/", {"q": "perbaikan"})

    assert "Jalan Sudirman diperbaiki" in found.text
    assert "Jalan Sudirman diperbaiki" not in elsewhere.text


def test_sitemap_and_robots_name_the_regions_own_host(site_client, tangsel):
    sitemap = site_client(tangsel).get("/sitemap.xml")
    robots = site_client(tangsel).get("/robots.txt")

    assert "<loc>http://tangsel.localhost/berita/</loc>" in sitemap.text
    assert "balikpapan" not in sitemap.text
    assert "Sitemap: http://tangsel.localhost/sitemap.xml" in robots.text
    assert "Disallow: /admin/" in robots.text


def test_platform_site_tells_the_story_and_guides_partner_admins(site_client):
    home = site_client(None).get("/")
    guide = site_client(None).get("/panduan/")

    assert '<a href="/tentang/"' in home.text
    assert "Mengundang staf OPD" in guide.text
    assert site_client(None).get("/panduan/mengundang-staf/").status_code == 200
