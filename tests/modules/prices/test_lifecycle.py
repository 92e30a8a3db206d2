"""Seeding, demo data, settings, meters and statistics of the prices module."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.models import User
from modules import registry
from modules.prices import demo, selectors, services
from modules.prices.models import Commodity, Market, Price
from tests.modules.prices.conftest import in_region

pytestmark = pytest.mark.django_db


def test_seeding_again_adds_nothing_and_keeps_what_staff_renamed(tangsel):
    in_region(tangsel)
    actor = User.objects.get(email="admin@tangsel.test")
    beras = Commodity.objects.get(code="beras-medium")
    services.change_commodity(beras, name="Beras Medium (IR 64)", unit="kg", actor=actor)

    created = services.seed_commodities(tangsel)

    assert created == 0
    assert Commodity.objects.count() == 12
    assert Commodity.objects.get(code="beras-medium").name == "Beras Medium (IR 64)"
    units = dict(Commodity.objects.values_list("code", "unit"))
    assert units["minyak-goreng-curah"] == units["minyak-goreng-kemasan"] == "liter"
    assert units["telur-ayam-ras"] == "kg"


def prices_of(code: str) -> list[int]:
    return list(Price.objects.filter(commodity__code=code).values_list("price", flat=True))


def test_demo_data_is_idempotent_and_plausible(tangsel, balikpapan):
    in_region(balikpapan)
    demo.load(balikpapan)  # brings the golden database's demo up to today
    before = Price.objects.count()

    demo.load(balikpapan)

    assert Price.objects.count() == before > 0
    assert set(Market.objects.values_list("name", flat=True)) >= {
        "Pasar Pandansari",
        "Pasar Klandasan",
    }
    # Balikpapan runs 8% above Java; demo prices are rounded to Rp 500 above Rp 25.000.
    rawit = prices_of("cabai-rawit-merah")
    assert min(rawit) >= 40_000 and max(rawit) <= 80_000 * 1.08 + 500
    telur = prices_of("telur-ayam-ras")
    assert min(telur) >= 28_000 and max(telur) <= 31_000 * 1.08 + 500
    in_region(tangsel)
    beras = prices_of("beras-medium")
    assert min(beras) >= 13_000 and max(beras) <= 14_500
    assert Market.objects.filter(name__in=["Pasar Ciputat", "Pasar Serpong"]).count() == 2


def measures() -> dict:
    from django.utils.module_loading import import_string

    manifest = registry.get("prices")
    return {m.key: import_string(m.function)() for m in (*manifest.meters, *manifest.statistics)}


def test_meters_and_statistics_count_recent_prices_only(tangsel):
    in_region(tangsel)
    actor = User.objects.get(email="admin@tangsel.test")
    today = selectors.region_today()
    beras = Commodity.objects.get(code="beras-medium")
    gula = Commodity.objects.get(code="gula-pasir")
    before = measures()
    fresh = services.add_market(name="Pasar Uji Hari Ini", actor=actor)
    old = services.add_market(name="Pasar Uji Lama", actor=actor)

    services.record_day(fresh, today, {beras: 13_500, gula: 18_000}, actor=actor)
    services.record_day(old, today - timedelta(days=40), {beras: 13_000}, actor=actor)

    after = measures()
    assert after["prices_this_month"] == before["prices_this_month"] + 2
    assert after["markets_reporting"] == before["markets_reporting"] + 1
    assert 1 <= after["days_with_data"] <= 30


def test_settings_are_typed_and_bounded():
    manifest = registry.get("prices")

    assert manifest.clean_settings({}) == {"outlier_percent": 30, "trend_days": 30}
    assert manifest.clean_settings({"outlier_percent": "45"})["outlier_percent"] == 45
    with pytest.raises(Exception, match="paling kecil 5"):
        manifest.clean_settings({"outlier_percent": 2})
