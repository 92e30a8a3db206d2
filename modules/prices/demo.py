"""Demo data: real-sounding markets of each demo region and about 30 days of prices.

Idempotent: markets are matched by name, and a price that already exists for a commodity,
market and day is left as it is (the unique constraint decides, not a prior read).
"""

from __future__ import annotations

import random
from datetime import timedelta

from modules.prices import selectors, services
from modules.prices.models import Commodity, Market, Price

DAYS = 30
MARKETS = {
    "tangsel": (
        ("Pasar Ciputat", "Jl. Dewi Sartika, Ciputat"),
        ("Pasar Serpong", "Jl. Raya Serpong, Serpong"),
        ("Pasar Jombang", "Jl. Aria Putra, Ciputat"),
    ),
    "balikpapan": (
        ("Pasar Pandansari", "Jl. Letjen Suprapto, Balikpapan Barat"),
        ("Pasar Klandasan", "Jl. Jenderal Sudirman, Balikpapan Kota"),
        ("Pasar Sepinggan", "Jl. Marsma R. Iswahyudi, Balikpapan Selatan"),
    ),
    "tangerang": (
        ("Pasar Anyar", "Jl. Ki Samaun, Tangerang"),
        ("Pasar Malabar", "Jl. Malabar, Karawaci"),
    ),
}
# Kalimantan pays for the ships: prices outside Java run a little higher.
REGION_LEVEL = {"balikpapan": 1.08}
# code: (typical price, lowest, highest, daily volatility)
TYPICAL = {
    "beras-medium": (13_600, 13_000, 14_500, 0.004),
    "beras-premium": (15_600, 15_000, 16_500, 0.004),
    "gula-pasir": (18_000, 17_000, 19_500, 0.004),
    "minyak-goreng-curah": (17_500, 16_500, 18_500, 0.005),
    "minyak-goreng-kemasan": (20_500, 19_500, 22_000, 0.004),
    "cabai-merah-keriting": (48_000, 32_000, 70_000, 0.05),
    "cabai-rawit-merah": (60_000, 40_000, 80_000, 0.05),
    "bawang-merah": (38_000, 30_000, 48_000, 0.025),
    "bawang-putih": (40_000, 35_000, 46_000, 0.012),
    "telur-ayam-ras": (29_500, 28_000, 31_000, 0.01),
    "daging-ayam-ras": (37_000, 33_000, 41_000, 0.015),
    "daging-sapi": (135_000, 128_000, 142_000, 0.004),
}


def load(region) -> None:
    """The region's demo markets and their prices; runs in the region's schema."""
    services.seed_commodities(region)
    today = selectors.region_today()
    level = REGION_LEVEL.get(region.slug, 1.0)
    rows = []
    for index, (name, address) in enumerate(MARKETS.get(region.slug, ())):
        market, _created = Market.objects.get_or_create(name=name, defaults={"address": address})
        # The smallest market of each region closes on Sundays: its "previous day" is Saturday.
        closes_sunday = index == 2
        for commodity in Commodity.objects.filter(code__in=TYPICAL):
            for day, price in _walk(region.slug, market, commodity, today, level):
                if not (closes_sunday and day.weekday() == 6):
                    rows.append(Price(commodity=commodity, market=market, date=day, price=price))
    Price.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def _walk(slug: str, market: Market, commodity: Commodity, today, level: float):
    """A mean-reverting random walk, the same for the same region, market and commodity."""
    typical, lowest, highest, volatility = TYPICAL[commodity.code]
    rng = random.Random(f"{slug}:{market.name}:{commodity.code}")  # noqa: S311 (demo data)
    value = typical * rng.uniform(0.97, 1.03)
    for offset in range(DAYS - 1, -1, -1):
        value += (typical - value) * 0.15 + value * rng.gauss(0, volatility)
        value = min(max(value, lowest), highest)
        yield today - timedelta(days=offset), _round(value * level)


def _round(value: float) -> int:
    step = 1_000 if value >= 100_000 else 500 if value >= 25_000 else 50
    return int(round(value / step) * step)
