"""Switching the prices module off hides every entry point of it, in that region only, and
keeps its data; switching it on again brings everything back."""

from __future__ import annotations

import pytest
from django.db import connection

from modules import gate
from modules.services import disable_module, enable_module
from tests.modules.prices.conftest import ADMIN, RESIDENT, commodity_id, in_region

pytestmark = pytest.mark.django_db


def demo_market_id(region) -> int:
    from modules.prices.models import Market

    in_region(region)
    pk = Market.objects.order_by("pk").values_list("pk", flat=True).first()
    connection.set_schema_to_public()
    return pk


def price_count(region) -> int:
    from modules.prices.models import Price

    in_region(region)
    count = Price.objects.count()
    connection.set_schema_to_public()
    return count


def switch(region, on: bool) -> None:
    (enable_module if on else disable_module)(region, "prices")
    gate.forget_on_change()
    connection.set_schema_to_public()


def module_urls(region) -> tuple[list[str], list[str]]:
    market, beras = demo_market_id(region), commodity_id(region, "beras-medium")
    resident = [RESIDENT, f"{RESIDENT}pasar/{market}/", f"{RESIDENT}komoditas/{beras}/"]
    admin = [
        ADMIN,
        f"{ADMIN}pasar/tambah/",
        f"{ADMIN}pasar/{market}/ubah/",
        f"{ADMIN}pasar/{market}/harga/",
        f"{ADMIN}komoditas/tambah/",
        f"{ADMIN}komoditas/{beras}/ubah/",
    ]
    return resident, admin


def test_while_off_every_entry_point_is_gone_and_the_data_stays(
    site_client, admin_client_for, tangsel
):
    resident_urls, admin_urls = module_urls(tangsel)
    market = demo_market_id(tangsel)
    prices_before = price_count(tangsel)
    resident, admin = site_client(tangsel), admin_client_for(tangsel)
    assert resident.get(RESIDENT).status_code == 200  # on after the demo load

    switch(tangsel, on=False)

    for url in resident_urls:
        assert resident.get(url).status_code == 404, url
    for url in admin_urls:
        assert admin.get(url).status_code == 404, url
    post = admin.post(f"{ADMIN}pasar/{market}/harga/", {"harga_1": "14000"})
    assert post.status_code == 404
    assert ADMIN not in admin.get("/admin/").text  # no menu item
    assert "Harga Beras Medium" not in resident.get("/cari/?q=beras").text
    assert f'href="{RESIDENT}"' not in resident.get("/").text  # no home page tile
    assert price_count(tangsel) == prices_before

    switch(tangsel, on=True)

    for url in resident_urls:
        assert resident.get(url).status_code == 200, url
    for url in admin_urls:
        assert admin.get(url).status_code == 200, url
    assert ADMIN in admin.get("/admin/").text
    assert "Harga Beras Medium" in resident.get("/cari/?q=beras").text
    assert f'href="{RESIDENT}"' in resident.get("/").text
    assert price_count(tangsel) == prices_before


def test_switching_it_off_in_one_region_changes_nothing_in_another(
    site_client, admin_client_for, tangsel, balikpapan
):
    switch(tangsel, on=False)

    resident_urls, admin_urls = module_urls(balikpapan)
    resident, admin = site_client(balikpapan), admin_client_for(balikpapan)
    for url in resident_urls:
        assert resident.get(url).status_code == 200, url
    for url in admin_urls:
        assert admin.get(url).status_code == 200, url
    assert ADMIN in admin.get("/admin/").text
    assert "Harga Beras Medium" in resident.get("/cari/?q=beras").text
    assert f'href="{RESIDENT}"' in resident.get("/").text
    assert site_client(tangsel).get(RESIDENT).status_code == 404


def test_switching_on_again_seeds_nothing_twice(tangsel):
    from modules.prices.models import Commodity

    in_region(tangsel)
    before = Commodity.objects.count()

    switch(tangsel, on=False)
    switch(tangsel, on=True)

    in_region(tangsel)
    assert Commodity.objects.count() == before == 12
