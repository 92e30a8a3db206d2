"""Reads of the adoption dashboard: pooled figures across regions, per region, by month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max

from modules import registry
from partnership import figures
from partnership.models import AdoptionFigure
from tenants.models import Region


@dataclass
class Pooled:
    """One statistic over some regions: the pooled parts and what they show."""

    module: str
    key: str
    kind: str = "count"
    value: float = 0
    denominator: float = 0
    histogram: list[int] = field(default_factory=lambda: [0] * figures.BUCKETS)
    regions: int = 0

    def add(self, row: AdoptionFigure) -> None:
        self.kind = row.kind
        self.value += row.value
        self.denominator += row.denominator
        if row.kind == "durations":
            self.histogram = figures.add([self.histogram, row.histogram])
        self.regions += 1

    @property
    def shown(self) -> float | None:
        """Count: the sum. Ratio: percent of the summed parts. Durations: pooled median."""
        if self.kind == "ratio":
            return figures.percent(self.value, self.denominator)
        if self.kind == "durations":
            return figures.median(self.histogram)
        return int(self.value) if float(self.value).is_integer() else self.value

    @property
    def histogram_total(self) -> int:
        return sum(self.histogram)

    @property
    def label(self) -> str:
        return statistic_label(self.module, self.key)

    @property
    def unit(self) -> str:
        measure = _measure(self.module, self.key)
        return str(measure.unit) if measure else ""


def _measure(module: str, key: str):
    if not registry.exists(module):
        return None
    return next((m for m in registry.get(module).statistics if m.key == key), None)


def statistic_label(module: str, key: str) -> str:
    measure = _measure(module, key)
    name = registry.get(module).name if registry.exists(module) else module
    return f"{name}: {measure.label}" if measure else f"{module}.{key}"


def latest_day() -> date | None:
    return AdoptionFigure.objects.aggregate(day=Max("taken_on"))["day"]


def pooled(on: date, regions=None) -> list[Pooled]:
    """Every statistic of the day, pooled over `regions` (all by default)."""
    rows = AdoptionFigure.objects.filter(taken_on=on)
    if regions is not None:
        rows = rows.filter(region__in=regions)
    found: dict[tuple[str, str], Pooled] = {}
    for row in rows.order_by("module", "key"):
        found.setdefault((row.module, row.key), Pooled(row.module, row.key)).add(row)
    return list(found.values())


def per_region(on: date) -> list[dict]:
    """Each region with its own figures of the day, keyed "module.key"."""
    table: dict[int, dict] = {}
    for row in AdoptionFigure.objects.filter(taken_on=on).select_related("region"):
        entry = table.setdefault(row.region_id, {"region": row.region, "figures": {}})
        one = Pooled(row.module, row.key)
        one.add(row)
        entry["figures"][f"{row.module}.{row.key}"] = one
    return sorted(table.values(), key=lambda e: e["region"].name)


def by_month(module: str, key: str, region=None, months: int = 12) -> list[tuple[date, float]]:
    """The statistic on the last snapshot day of each month (pooled), oldest first."""
    rows = AdoptionFigure.objects.filter(module=module, key=key)
    if region is not None:
        rows = rows.filter(region=region)
    last_days: dict[tuple[int, int], date] = {}
    for day in rows.values_list("taken_on", flat=True).distinct():
        month = (day.year, day.month)
        last_days[month] = max(day, last_days.get(month, day))
    series = []
    for month in sorted(last_days)[-months:]:
        total = Pooled(module, key)
        for row in rows.filter(taken_on=last_days[month]):
            total.add(row)
        series.append((last_days[month], total.shown or 0))
    return series


def regions_by_status() -> list[tuple[str, int]]:
    counts = dict(Region.objects.values_list("status").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0)) for value, label in Region.Status.choices]


def regions_by_module() -> list[tuple[str, int]]:
    from modules.models import ModuleActivation

    counts = dict(
        ModuleActivation.objects.filter(enabled=True, region__status__in=Region.LIVE_STATUSES)
        .values_list("module_key")
        .annotate(n=Count("region", distinct=True))
    )
    return [(str(m.name), counts.get(m.key, 0)) for m in registry.all_manifests()]


def regions_by_province() -> list[tuple[str, list[Region]]]:
    grouped = defaultdict(list)
    for region in Region.objects.filter(status__in=Region.LIVE_STATUSES).order_by("name"):
        grouped[region.get_province_display()].append(region)
    return sorted(grouped.items())
