"""Indonesian first, English second: the switcher on every page flips every interface
string, leaves what editors wrote as they wrote it, and the page cache serves each visitor
the language they chose. Dates and times stay in the region's time zone in both."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.template.defaultfilters import linebreaksbr
from django_tenants.utils import schema_context

from tests.i18n.visible import InterfaceText, chunks, english_catalogue
from tests.pages.test_region_site import publish_news

pytestmark = pytest.mark.django_db

NEWS_TITLE = "Upacara HUT RI di alun-alun"
NEWS_DAY = date(2026, 8, 17)  # August: "Agustus" in Indonesian

# Each page, and a sample of what it shows in Indonesian and then in English.
PAGES = {
    "home": (
        "/",
        {
            "Berita terbaru": "Latest news",
            "Layanan": "Services",
            "Harga Bahan Pokok": "Staple Food Prices",
            "Langsung ke isi": "Skip to content",
            "Cari layanan atau informasi": "Search for services or information",
            "Bagian dari Sinergi, Kemitraan Kota Cerdas.": (
                "Part of Sinergi, the Smart City Partnership."
            ),
        },
    ),
    "news": (
        "/berita/upacara-hut-ri-di-alun-alun/",
        {
            "17 Agustus 2026": "17 August 2026",
            "Beranda": "Home",
            "Menu utama": "Main menu",
            "Bahasa": "Language",
            "Ganti": "Change",
        },
    ),
    "prices": (
        "/harga/",
        {
            "Harga Bahan Pokok": "Staple Food Prices",
            "Harga per": "Prices as of",
            "Komoditas": "Commodity",
            "Perubahan": "Change",
            "Tren per komoditas": "Trends by commodity",
        },
    ),
    "sign-in": (
        "/akun/masuk/",
        {
            "Masuk": "Sign in",
            "Alamat email": "Email address",
            "Kata sandi": "Password",
            "Lupa kata sandi?": "Forgotten your password?",
            "Belum punya akun?": "No account yet?",
        },
    ),
}


@pytest.fixture(scope="module")
def interface():
    return InterfaceText(english_catalogue())


def switch_language(client, page, language: str):
    """Use the switcher the way a visitor does: the form on the page, as it is."""
    html = page.content.decode()
    form = re.search(r'<form class="language-form" action="([^"]+)" method="post">', html)
    back_to = re.search(r'<input type="hidden" name="next" value="([^"]*)">', html)
    assert form and back_to, "the page has no language switcher"
    assert f'<option value="{language}"' in html
    response = client.post(form.group(1), {"language": language, "next": back_to.group(1)})
    assert response.status_code == 302
    return client.get(response["Location"])


def content_of(schema_name: str) -> set[str]:
    """What editors wrote (page titles and intros, the branding): it stays as written."""
    from wagtail.models import Page

    from tenants.models import Region
    from themes.models import Branding

    texts = set(Region.objects.values_list("name", flat=True))
    with schema_context(schema_name):
        for page in Page.objects.specific():
            for field in ("title", "seo_title", "search_description", "intro"):
                texts.update(chunks(str(getattr(page, field, "") or "")))
        for branding in Branding.objects.all():
            for field in ("official_name", "short_name", "tagline", "address", "footer_text"):
                texts.update(chunks(linebreaksbr(getattr(branding, field))))
    connection.set_schema_to_public()
    return texts


@pytest.mark.parametrize("slug", ["tangerang", "tangsel", "balikpapan"])  # three themes
@pytest.mark.parametrize("page_name", PAGES)
def test_the_switcher_flips_every_interface_string_and_back(
    site_client, request, interface, slug, page_name
):
    region = request.getfixturevalue(slug)
    if page_name == "news":
        publish_news(region, NEWS_TITLE, intro="Warga diundang mengikuti upacara.", day=NEWS_DAY)
    path, sample = PAGES[page_name]

    check_the_switch(site_client(region), path, sample, content_of(region.schema_name), interface)


def test_a_price_trend_chart_switches_too(site_client, tangsel, interface):
    """The chart is inline SVG: its title, description and legend are read too."""
    from tests.modules.prices.conftest import commodity_id

    path = f"/harga/komoditas/{commodity_id(tangsel, 'beras-medium')}/"
    sample = {"Tabel harga": "Price table", "Tanggal": "Date"}

    check_the_switch(site_client(tangsel), path, sample, content_of("tangsel"), interface)


def test_the_platform_site_switches_too(site_client, db, interface):
    sample = {"Daerah mitra": "Partner regions", "Langsung ke isi": "Skip to content"}

    check_the_switch(site_client(None), "/", sample, content_of("public"), interface)


def check_the_switch(client, path: str, sample: dict[str, str], content: set[str], interface):
    """Indonesian, then English through the switcher, then back: every catalogue message the
    page shows in Indonesian is gone from the English page (what editors wrote aside), the
    sample reads as translated, and switching back gives the Indonesian page again."""
    indonesian = client.get(path)
    english = switch_language(client, indonesian, "en")
    back = switch_language(client, english, "id")

    id_text, en_text = chunks(indonesian.text), chunks(english.text)
    leftovers = {
        f"{chunk!r} ({', '.join(sorted(found))})"
        for chunk in en_text
        if chunk not in content and (found := interface.found_in(chunk))
    }
    shown = {m for chunk in id_text if chunk not in content for m in interface.found_in(chunk)}
    assert indonesian.status_code == english.status_code == 200
    assert '<html lang="id"' in indonesian.text and '<html lang="en"' in english.text
    assert len(shown) >= 5  # the Indonesian page does show interface strings
    assert not leftovers, "Indonesian interface text on the English page:\n" + "\n".join(
        sorted(leftovers)
    )
    for source, translation in sample.items():
        assert source in id_text and translation not in id_text, source
        assert translation in en_text and source not in en_text, translation
    assert chunks(back.text) == id_text


def test_what_editors_wrote_stays_in_their_language(site_client, tangsel):
    publish_news(tangsel, NEWS_TITLE, intro="Warga diundang mengikuti upacara.", day=NEWS_DAY)
    client = site_client(tangsel)
    indonesian = client.get(PAGES["news"][0])

    english = switch_language(client, indonesian, "en")

    assert f"<h1>{NEWS_TITLE}</h1>" in english.text
    assert "Warga diundang mengikuti upacara." in english.text
    assert '<a href="/kontak/">Kontak</a>' in english.text  # a page title in the menu
    assert '<h2 id="kontak-judul">Contact</h2>' in english.text  # the footer's heading


def test_the_page_cache_serves_each_visitor_the_language_they_chose(site_client, tangsel):
    client = site_client(tangsel)
    first = client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    english = switch_language(client, first, "en")
    english_again = client.get("/")
    stranger = site_client(tangsel).get("/")
    back = switch_language(client, english_again, "id")
    browser_in_english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert english["X-Page-Cache"] == "miss" and "Latest news" in english.text
    assert english_again["X-Page-Cache"] == "hit" and english_again.content == english.content
    assert stranger["X-Page-Cache"] == "hit" and stranger.content == first.content
    assert back["X-Page-Cache"] == "hit" and back.content == first.content
    # The choice outranks the browser's language, for the cache as for the page.
    assert browser_in_english.content == first.content


def test_the_language_cache_keys_stay_within_their_region(site_client, tangsel, balikpapan):
    english_tangsel = switch_language(site_client(tangsel), site_client(tangsel).get("/"), "en")

    client = site_client(balikpapan)
    english_balikpapan = switch_language(client, client.get("/"), "en")

    assert english_tangsel["X-Page-Cache"] == "miss"
    assert english_balikpapan["X-Page-Cache"] == "miss"
    assert "Kota Balikpapan" in english_balikpapan.text
    assert "Tangerang Selatan" not in english_balikpapan.text


@pytest.mark.parametrize(
    "slug, indonesian, english, iso",
    [
        ("tangsel", "17 Agu 2026 06:30 WIB", "17 Aug 2026 06:30 WIB", "2026-08-17T06:30:00+07:00"),
        (
            "balikpapan",
            "17 Agu 2026 07:30 WITA",
            "17 Aug 2026 07:30 WITA",
            "2026-08-17T07:30:00+08:00",
        ),
    ],
)
def test_times_are_shown_in_the_regions_zone_in_both_languages(
    site_client, request, slug, indonesian, english, iso
):
    """16 August 23:30 UTC is already the 17th in every Indonesian zone."""
    from accounts.models import User
    from notifications import api
    from notifications.models import Notice

    region = request.getfixturevalue(slug)
    connection.set_tenant(region)
    person = User.objects.create_user(email=f"warga-waktu@{slug}.test", password="x-2026-rahasia")
    notice = api.notify(person, "uji", "Laporan diterima", "Nomor 7.", idempotency_key="waktu:1")
    Notice.objects.filter(pk=notice.pk).update(created_at=datetime(2026, 8, 16, 23, 30, tzinfo=UTC))
    client = site_client(region)
    client.force_login(person)  # the session is kept in the region's schema
    connection.set_schema_to_public()

    in_indonesian = client.get("/akun/notifikasi/")
    in_english = switch_language(client, in_indonesian, "en")

    assert f'<time datetime="{iso}">{indonesian}</time>' in in_indonesian.text
    assert f'<time datetime="{iso}">{english}</time>' in in_english.text
    assert "1 belum dibaca" in in_indonesian.text and "1 unread" in in_english.text


ADMIN_PAGES = [
    "/admin/",
    "/admin/modul/",
    "/admin/prices/",
    "/admin/tampilan/",
    "/admin/notifikasi/",
    "/admin/libur-daerah/",
    "/admin/log-audit/",
    "/admin/organisation/csv/",
]


def test_the_admin_follows_the_language_chosen_on_the_site(admin_client_for, tangsel, interface):
    """Staff switch on the site; the admin (ours and Wagtail's strings) follows."""
    client = admin_client_for(tangsel)
    switch_language(client, client.get("/"), "en")

    leftovers = {
        f"{path}: {chunk!r}"
        for path in ADMIN_PAGES
        for chunk in chunks(client.get(path).text)
        if interface.found_in(chunk)
    }
    modules_page = client.get("/admin/modul/").text

    assert not leftovers, "Indonesian interface text in the English admin:\n" + "\n".join(
        sorted(leftovers)
    )
    assert "Switch off Staple Food Prices" in modules_page
    assert '<html lang="en"' in modules_page


def test_staff_can_pick_only_the_interfaces_two_languages(admin_client_for, tangsel):
    html = admin_client_for(tangsel).get("/admin/account/").text

    choices = re.findall(r'<option value="(id|en|[a-z]{2}(?:-[a-z]+)?)"', html)

    assert choices == ["id", "en"]
