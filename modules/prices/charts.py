"""Price trends drawn on the server as inline SVG: no script, no external file, a few KB.

Every chart carries a text alternative (title and description) and the pages put the same
numbers in a table beside it; lines differ by dash pattern, shown in a legend beside each
market's name, so colour is never the only difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from modules.prices.formatting import rupiah

DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 4")


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[date, int]]


@dataclass(frozen=True)
class Frame:
    """Maps days and prices onto the drawing area."""

    start: date
    end: date
    low: float
    high: float
    left: float
    right: float
    top: float
    bottom: float

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.left + (self.right - self.left) * (day - self.start).days / span

    def y(self, price: float) -> float:
        span = (self.high - self.low) or 1
        return self.bottom - (self.bottom - self.top) * (price - self.low) / span


def _bounds(series: list[Series]) -> tuple[float, float]:
    values = [price for s in series for _day, price in s.points]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, high * 0.02, 1)
    return max(low - pad, 0), high + pad


def _path(frame: Frame, points: list[tuple[date, int]]) -> str:
    return " ".join(f"{frame.x(day):.1f},{frame.y(price):.1f}" for day, price in points)


def line_chart(
    series: list[Series],
    start: date,
    end: date,
    *,
    title: str,
    description: str,
    chart_id: str = "grafik",
) -> SafeString:
    """A line per series over [start, end], a Rupiah axis, and a legend that shows each
    line's dash pattern beside its name."""
    drawn = [s for s in series if s.points]
    if not drawn:
        return mark_safe("")  # noqa: S308 (constant)
    legend_rows = (len(drawn) + 2) // 3
    width, height = 640, 250 + 22 * legend_rows
    low, high = _bounds(drawn)
    ticks = nice_ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    frame = Frame(start, end, low, high, left=84, right=width - 16, top=12, bottom=222)
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d0d0" stroke-width="1"/>'
        '<text x="{}" y="{}" font-size="11" fill="#444" text-anchor="end">{}</text>',
        (
            (
                frame.left,
                frame.right,
                f"{frame.y(t):.1f}",
                f"{frame.y(t):.1f}",
                frame.left - 6,
                f"{frame.y(t) + 4:.1f}",
                rupiah(t),
            )
            for t in ticks
        ),
    )
    days = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" fill="#444" text-anchor="{}">{}</text>',
        (
            (f"{frame.x(start):.1f}", frame.bottom + 16, "start", _day(start)),
            (f"{frame.x(end):.1f}", frame.bottom + 16, "end", _day(end)),
        ),
    )
    lines = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-dasharray="{}"/><circle cx="{}" cy="{}" r="3" fill="currentColor"/>',
        (
            (
                _path(frame, s.points),
                DASHES[i % len(DASHES)],
                f"{frame.x(s.points[-1][0]):.1f}",
                f"{frame.y(s.points[-1][1]):.1f}",
            )
            for i, s in enumerate(drawn)
        ),
    )
    legend = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="currentColor" stroke-width="2" '
        'stroke-dasharray="{}"/><text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>',
        (
            (
                x,
                x + 36,
                y,
                y,
                DASHES[i % len(DASHES)],
                x + 42,
                y + 4,
                s.label,
            )
            for i, s in enumerate(drawn)
            for x, y in [(frame.left + 180 * (i % 3), frame.bottom + 40 + 22 * (i // 3))]
        ),
    )
    return format_html(
        '<svg class="price-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{} {}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}">{}</title><desc id="{}">{}</desc>'
        "{}{}{}{}</svg>",
        width,
        height,
        f"{chart_id}-judul",
        f"{chart_id}-isi",
        f"{chart_id}-judul",
        title,
        f"{chart_id}-isi",
        description,
        grid,
        days,
        lines,
        legend,
    )


def nice_ticks(low: float, high: float, target: int = 5) -> list[int]:
    """Round prices for the axis (Rp 45.000, Rp 50.000, ...) from below `low` to above `high`."""
    raw = max((high - low) / target, 10)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    tick = math.floor(low / step) * step
    ticks = [int(tick)]
    while tick < high:
        tick += step
        ticks.append(int(tick))
    return ticks


def sparkline(points: list[tuple[date, int]], start: date, end: date, *, label: str) -> SafeString:
    """A small trend line for a table row; `label` says in words what it shows."""
    if len(points) < 2:
        return mark_safe("")  # noqa: S308 (constant)
    width, height = 120, 32
    low, high = _bounds([Series("", points)])
    frame = Frame(start, end, low, high, left=2, right=width - 4, top=3, bottom=height - 3)
    last_day, last_price = points[-1]
    return format_html(
        '<svg class="sparkline" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        '<circle cx="{}" cy="{}" r="2.5" fill="currentColor"/>'
        "</svg>",
        width,
        height,
        width,
        height,
        label,
        _path(frame, points),
        f"{frame.x(last_day):.1f}",
        f"{frame.y(last_price):.1f}",
    )


def describe(points: list[tuple[date, int]]) -> str:
    """The words for a trend: first and last price, lowest and highest."""
    if not points:
        return _("Belum ada data.")
    prices = [price for _day, price in points]
    return _("Dari %(first)s ke %(last)s; terendah %(low)s, tertinggi %(high)s.") % {
        "first": rupiah(prices[0]),
        "last": rupiah(prices[-1]),
        "low": rupiah(min(prices)),
        "high": rupiah(max(prices)),
    }


def _day(day: date) -> str:
    return formats.date_format(day, "j M")
