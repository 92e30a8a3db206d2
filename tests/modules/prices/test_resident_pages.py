"""What residents see: trends as inline SVG with a table of the same numbers, and search."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.modules.prices.conftest import (
    RESIDENT,
    add_market,
    commodity_id,
    in_region,
    put_prices,
    region_today,
)

pytestmark = pytest.mark.django_db


def test_a_commodity_trend_is_a_chart_with_a_table_of_its_numbers(site_client, tangsel):
    market = add_market(tangsel, "Pasar Uji Tren")
    today = region_today(tangsel)
    put_prices(tangsel, market, today - timedelta(days=2), {"cabai-rawit-merah": 62_000})
    put_prices(tangsel, market, today, {"cabai-rawit-merah": 71_500})
    rawit = commodity_id(tangsel, "cabai-rawit-merah")

    page = site_client(tangsel).get(f"{RESIDENT}komoditas/{rawit}/")

    assert page.status_code == 200
    html = page.text
    assert "<h1>Harga Cabai Rawit Merah</h1>" in html
    svg = re.search(r"<svg class=\"price-chart\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    title = "Harga Cabai Rawit Merah per kg, 30 hari terakhir"
    assert f'<title id="tren-judul">{title}</title>' in svg
    assert "Pasar Uji Tren: Dari Rp 62.000 ke Rp 71.500" in svg  # the description
    assert ">Pasar Uji Tren</text>" in svg  # the legend names each line
    assert "<script" not in html
    table = html[html.index('id="tabel-harga"') :]
    assert f'datetime="{today:%Y-%m-%d}"' in table
    assert "Rp 71.500" in table and "Rp 62.000" in table


def test_a_markets_page_shows_its_board_and_a_sparkline_per_commodity(site_client, tangsel):
    market = add_market(tangsel, "Pasar Uji Garis")
    today = region_today(tangsel)
    put_prices(tangsel, market, today - timedelta(days=1), {"beras-medium": 13_500})
    put_prices(tangsel, market, today, {"beras-medium": 13_700, "gula-pasir": 18_000})

    page = site_client(tangsel).get(f"{RESIDENT}pasar/{market.pk}/")

    assert page.status_code == 200
    assert "<h1>Harga di Pasar Uji Garis</h1>" in page.text
    assert page.text.count('<svg class="sparkline"') == 1  # a line needs two days
    assert 'aria-label="Tren Beras Medium: Dari Rp 13.500 ke Rp 13.700;' in page.text
    assert "Dari Rp 18.000 ke Rp 18.000" in page.text  # one day: words, no line
    assert "Belum ada data." in page.text  # commodities never recorded here


def test_a_market_with_no_prices_yet_says_so(site_client, tangsel):
    market = add_market(tangsel, "Pasar Baru Buka")

    index = site_client(tangsel).get(RESIDENT)
    own = site_client(tangsel).get(f"{RESIDENT}pasar/{market.pk}/")

    assert "Belum ada harga tercatat di pasar ini." in index.text
    assert own.status_code == 200


def test_search_finds_commodities_and_leads_to_their_trend(site_client, tangsel):
    beras = commodity_id(tangsel, "beras-medium")

    results = site_client(tangsel).get("/cari/?q=beras").text

    assert f'<a href="{RESIDENT}komoditas/{beras}/">Harga Beras Medium</a>' in results
    assert "Harga Beras Premium" in results
    assert re.search(r"Harga Beras Medium</a> · Rp [\d.]+(–Rp [\d.]+)? per kg pada", results)
    assert "Harga Gula Pasir" not in results


def test_today_is_the_regions_own_date(tangsel, balikpapan):
    from modules.prices.selectors import region_today as today_at

    late_evening_in_jakarta = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)  # 23:30 WIB

    in_region(tangsel)
    in_tangsel = today_at(late_evening_in_jakarta)
    in_region(balikpapan)
    in_balikpapan = today_at(late_evening_in_jakarta)  # 00:30 WITA

    assert (in_tangsel.day, in_balikpapan.day) == (22, 23)
