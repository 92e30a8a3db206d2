"""Resident pages at /harga/: the latest prices per market and 30-day trends."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from modules.prices import charts, selectors, services
from modules.prices.models import Commodity, Market


def index(request):
    today = selectors.region_today()
    boards = [selectors.market_board(market, today) for market in selectors.markets()]
    return render(
        request,
        "prices/index.html",
        {"boards": boards, "commodities": selectors.commodities(), "today": today},
    )


def market(request, pk: int):
    market = get_object_or_404(Market, pk=pk, active=True)
    today = selectors.region_today()
    days = services.module_settings()["trend_days"]
    start, end = selectors.period(days, today)
    trends = selectors.market_trends(market, days, today)
    rows = [
        {
            "commodity": commodity,
            "points": points,
            "sparkline": charts.sparkline(
                points, start, end, label=_trend_label(commodity, points)
            ),
            "words": charts.describe(points),
        }
        for commodity, points in trends.items()
    ]
    context = {
        "board": selectors.market_board(market, today),
        "rows": rows,
        "days": days,
        "start": start,
        "end": end,
    }
    return render(request, "prices/market.html", context)


def commodity(request, pk: int):
    commodity = get_object_or_404(Commodity, pk=pk)
    today = selectors.region_today()
    days = services.module_settings()["trend_days"]
    start, end = selectors.period(days, today)
    trend = selectors.commodity_trend(commodity, days, today)
    series = [charts.Series(market.name, points) for market, points in trend.items()]
    title = _("Harga %(name)s per %(unit)s, %(days)s hari terakhir") % {
        "name": commodity.name,
        "unit": commodity.get_unit_display(),
        "days": days,
    }
    description = " ".join(f"{s.label}: {charts.describe(s.points)}" for s in series)
    dates = sorted({day for points in trend.values() for day, _price in points}, reverse=True)
    by_market = {m.pk: dict(points) for m, points in trend.items()}
    table = [(day, [by_market[m.pk].get(day) for m in trend]) for day in dates]
    context = {
        "commodity": commodity,
        "markets": list(trend),
        "chart": charts.line_chart(
            series, start, end, title=title, description=description, chart_id="tren"
        ),
        "chart_title": title,
        "table": table,
        "days": days,
        "start": start,
        "end": end,
        "has_data": bool(dates),
    }
    return render(request, "prices/commodity.html", context)


def _trend_label(commodity: Commodity, points) -> str:
    return _("Tren %(name)s: %(words)s") % {
        "name": commodity.name,
        "words": charts.describe(points),
    }
