"""Helpers of the prices module's tests: officers, markets and prices in a demo region."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from tests.harness.fixtures import sign_in_staff

ADMIN = "/admin/prices/"
RESIDENT = "/harga/"


def in_region(region):
    connection.set_tenant(region)
    return region


def make_officer(region, email: str | None = None):
    """A staff member with the module's role ("Petugas Harga Pasar") and nothing else."""
    from accounts.models import User

    in_region(region)
    officer = User.objects.create_user(
        email or f"petugas@{region.slug}.test",
        "Harga-Pasar-2026",
        first_name="Siti",
        last_name="Petugas",
        is_staff=True,
    )
    officer.groups.add(Group.objects.get(name="Petugas Harga Pasar"))
    connection.set_schema_to_public()
    return officer


def add_market(region, name: str = "Pasar Uji Coba"):
    from accounts.models import User
    from modules.prices import services

    in_region(region)
    actor = User.objects.get(email=f"admin@{region.slug}.test")
    market = services.add_market(name=name, address="Jl. Uji No. 1", actor=actor)
    connection.set_schema_to_public()
    return market


def region_today(region) -> date:
    from modules.prices.selectors import region_today as today

    in_region(region)
    day = today()
    connection.set_schema_to_public()
    return day


def put_prices(region, market, day: date, prices: dict[str, int]):
    """Store prices (commodity code → Rupiah) directly: history a test starts from."""
    from modules.prices.models import Commodity, Price

    in_region(region)
    for code, price in prices.items():
        Price.objects.update_or_create(
            commodity=Commodity.objects.get(code=code),
            market=market,
            date=day,
            defaults={"price": price},
        )
    connection.set_schema_to_public()


def day_form(region, values: dict[str, str], absent: tuple[str, ...] = (), **extra) -> dict:
    """POST data of the day form: every active commodity, typed values by code (a missing
    code is typed as 10000), `absent` codes ticked as not sold."""
    from modules.prices.models import Commodity

    in_region(region)
    data = {}
    for commodity in Commodity.objects.filter(active=True):
        data[f"harga_{commodity.pk}"] = values.get(commodity.code, "10000")
        if commodity.code in absent:
            data[f"kosong_{commodity.pk}"] = "on"
            data[f"harga_{commodity.pk}"] = values.get(commodity.code, "")
    connection.set_schema_to_public()
    return {**data, **extra}


def commodity_id(region, code: str) -> int:
    from modules.prices.models import Commodity

    in_region(region)
    pk = Commodity.objects.get(code=code).pk
    connection.set_schema_to_public()
    return pk


@pytest.fixture
def officer_client(site_client):
    """`officer_client(region)`: a client on the region's host signed in as a price officer."""

    def make(region):
        officer = make_officer(region)
        client = site_client(region)
        sign_in_staff(client, region, officer.email)
        return client

    return make


def yesterday_of(day: date) -> date:
    return day - timedelta(days=1)
