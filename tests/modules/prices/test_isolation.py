"""A market or commodity of one region is out of reach through another region's host."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.modules.prices.conftest import ADMIN, RESIDENT, add_market, in_region

pytestmark = pytest.mark.django_db


def add_commodity(region, name="Jagung Pipilan"):
    from accounts.models import User
    from modules.prices import services

    in_region(region)
    actor = User.objects.get(email=f"admin@{region.slug}.test")
    commodity = services.add_commodity(name=name, unit="kg", order=200, actor=actor)
    connection.set_schema_to_public()
    return commodity


def exists_in(region, model_name: str, pk: int) -> bool:
    from modules.prices import models

    in_region(region)
    found = getattr(models, model_name).objects.filter(pk=pk).exists()
    connection.set_schema_to_public()
    return found


def test_objects_of_region_a_answer_404_through_region_bs_host(
    site_client, admin_client_for, tangsel, balikpapan
):
    market = add_market(tangsel, "Pasar Khusus Tangsel")
    commodity = add_commodity(tangsel)
    # The ids must not exist in region B, or B would rightly show its own object.
    assert not exists_in(balikpapan, "Market", market.pk)
    assert not exists_in(balikpapan, "Commodity", commodity.pk)
    resident, admin = site_client(balikpapan), admin_client_for(balikpapan)

    gets = [
        resident.get(f"{RESIDENT}pasar/{market.pk}/"),
        resident.get(f"{RESIDENT}komoditas/{commodity.pk}/"),
        admin.get(f"{ADMIN}pasar/{market.pk}/ubah/"),
        admin.get(f"{ADMIN}pasar/{market.pk}/harga/"),
        admin.get(f"{ADMIN}komoditas/{commodity.pk}/ubah/"),
    ]
    posts = [
        admin.post(f"{ADMIN}pasar/{market.pk}/ubah/", {"name": "Diubah", "active": "on"}),
        admin.post(f"{ADMIN}pasar/{market.pk}/harga/", {f"harga_{commodity.pk}": "5000"}),
        admin.post(
            f"{ADMIN}komoditas/{commodity.pk}/ubah/",
            {"name": "Diubah", "unit": "kg", "order": 1, "active": "on"},
        ),
    ]

    assert [r.status_code for r in gets + posts] == [404] * 8
    assert "Pasar Khusus Tangsel" not in resident.get(RESIDENT).text
    assert "Pasar Khusus Tangsel" not in admin.get(ADMIN).text
    assert "Jagung Pipilan" not in resident.get("/cari/?q=jagung").text
    in_region(tangsel)
    from modules.prices.models import Commodity, Market, Price

    assert Market.objects.get(pk=market.pk).name == "Pasar Khusus Tangsel"
    assert Commodity.objects.get(pk=commodity.pk).name == "Jagung Pipilan"
    assert not Price.objects.filter(market=market).exists()


def test_the_same_urls_work_on_the_regions_own_host(site_client, admin_client_for, tangsel):
    market = add_market(tangsel, "Pasar Khusus Tangsel")
    commodity = add_commodity(tangsel)
    resident, admin = site_client(tangsel), admin_client_for(tangsel)

    assert resident.get(f"{RESIDENT}pasar/{market.pk}/").status_code == 200
    assert resident.get(f"{RESIDENT}komoditas/{commodity.pk}/").status_code == 200
    assert admin.get(f"{ADMIN}pasar/{market.pk}/harga/").status_code == 200
    assert "Harga Jagung Pipilan" in resident.get("/cari/?q=jagung").text
