"""Reads: the day's prices per market with their change, trends, and the recent median.

Everything is for the current region's schema; "today" is the region's own date (WIB, WITA
or WIT), never the server's.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max

from core.timezones import region_today, region_zone  # noqa: F401 - the module's API
from modules.prices.models import Commodity, Market, Price

# How far back the "previous recorded price" of a commodity is looked for.
PREVIOUS_LOOKBACK_DAYS = 31
# The window whose median a new price is compared with.
MEDIAN_WINDOW_DAYS = 14


# --- lists --------------------------------------------------------------------------------
def markets(*, active_only: bool = True):
    found = Market.objects.all()
    return found.filter(active=True) if active_only else found


def commodities(*, active_only: bool = True):
    found = Commodity.objects.all()
    return found.filter(active=True) if active_only else found


def latest_date_per_market() -> dict[int, date]:
    return dict(
        Price.objects.values("market").annotate(last=Max("date")).values_list("market", "last")
    )


# --- a market's board: the latest day's prices and their change ----------------------------
@dataclass
class BoardRow:
    commodity: Commodity
    price: int | None
    previous: int | None = None
    previous_date: date | None = None

    @property
    def change(self) -> int | None:
        if self.price is None or self.previous is None:
            return None
        return self.price - self.previous

    @property
    def direction(self) -> str:
        """'up', 'down', 'same', or '' when there is nothing to compare with."""
        if self.change is None:
            return ""
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"

    @property
    def change_percent(self) -> float | None:
        if self.change is None or not self.previous:
            return None
        return abs(self.change) * 100 / self.previous

    @property
    def magnitude(self) -> int | None:
        return None if self.change is None else abs(self.change)


@dataclass
class MarketBoard:
    market: Market
    date: date | None
    previous_date: date | None = None
    rows: list[BoardRow] = field(default_factory=list)


def market_board(market: Market, today: date | None = None) -> MarketBoard:
    """The market's prices on its latest day with data (up to today), each with the
    commodity's previous recorded price at that market."""
    today = today or region_today()
    latest = Price.objects.filter(market=market, date__lte=today).aggregate(last=Max("date"))[
        "last"
    ]
    if latest is None:
        return MarketBoard(market, None)
    current = dict(
        Price.objects.filter(market=market, date=latest).values_list("commodity_id", "price")
    )
    earlier = (
        Price.objects.filter(
            market=market,
            date__lt=latest,
            date__gte=latest - timedelta(days=PREVIOUS_LOOKBACK_DAYS),
        )
        .order_by("commodity_id", "-date")
        .distinct("commodity_id")
        .values_list("commodity_id", "date", "price")
    )
    previous = {commodity_id: (day, price) for commodity_id, day, price in earlier}
    previous_day = max((day for day, _price in previous.values()), default=None)
    rows = []
    for commodity in Commodity.objects.all():
        if commodity.pk not in current and not commodity.active:
            continue
        before_day, before_price = previous.get(commodity.pk, (None, None))
        rows.append(BoardRow(commodity, current.get(commodity.pk), before_price, before_day))
    return MarketBoard(market, latest, previous_day, rows)


# --- trends ---------------------------------------------------------------------------------
def period(days: int, today: date | None = None) -> tuple[date, date]:
    end = today or region_today()
    return end - timedelta(days=days - 1), end


def commodity_trend(commodity: Commodity, days: int, today: date | None = None):
    """{market: [(date, price), ...]} for the active markets over the last `days` days."""
    start, end = period(days, today)
    series: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for market_id, day, price in (
        Price.objects.filter(commodity=commodity, date__range=(start, end))
        .order_by("date")
        .values_list("market_id", "date", "price")
    ):
        series[market_id].append((day, price))
    return {market: series.get(market.pk, []) for market in markets()}


def market_trends(market: Market, days: int, today: date | None = None):
    """{commodity: [(date, price), ...]} at one market over the last `days` days."""
    start, end = period(days, today)
    series: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for commodity_id, day, price in (
        Price.objects.filter(market=market, date__range=(start, end))
        .order_by("date")
        .values_list("commodity_id", "date", "price")
    ):
        series[commodity_id].append((day, price))
    return {c: series[c.pk] for c in Commodity.objects.all() if c.active or series.get(c.pk)}


# --- the officer's form -------------------------------------------------------------------------
def prices_on(market: Market, day: date) -> dict[int, Price]:
    return {p.commodity_id: p for p in Price.objects.filter(market=market, date=day)}


def recent_medians(market: Market, day: date) -> dict[int, int]:
    """Per commodity, the median price at this market over the MEDIAN_WINDOW_DAYS days
    before `day` (the day itself excluded, so a correction is compared with what came before)."""
    values: dict[int, list[int]] = defaultdict(list)
    for commodity_id, price in Price.objects.filter(
        market=market, date__gte=day - timedelta(days=MEDIAN_WINDOW_DAYS), date__lt=day
    ).values_list("commodity_id", "price"):
        values[commodity_id].append(price)
    return {key: round(statistics.median(prices)) for key, prices in values.items()}


# --- meters and statistics (called with no arguments in the region's schema) ----------------
def prices_recorded_this_month() -> int:
    today = region_today()
    return Price.objects.filter(date__gte=today.replace(day=1), date__lte=today).count()


def markets_reporting() -> int:
    """Markets with at least one price in the last 7 days."""
    start, end = period(7)
    return Price.objects.filter(date__range=(start, end)).values("market").distinct().count()


def days_with_data_last_30() -> int:
    start, end = period(30)
    return Price.objects.filter(date__range=(start, end)).values("date").distinct().count()


def contract_objects(region) -> dict:
    """A market and a commodity of this region, for the module contract's cross-region test."""
    from modules.prices import services

    market = services.add_market(name="Pasar Uji Kontrak", actor=None)
    commodity = services.add_commodity(name="Komoditas Uji Kontrak", unit="kg", actor=None)
    return {
        "pk": market.pk,
        "commodity:pk": commodity.pk,
        "commodity_edit:pk": commodity.pk,
    }
