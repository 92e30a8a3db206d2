"""The adoption snapshot: once a day, one pass over the live regions, each region's module
statistics stored as public-schema aggregates (AdoptionFigure). Only numbers and duration
histograms leave a region: never a row, an id or a name of a resident.

Idempotent: a region's figures of a day are replaced whole, in one transaction, so a rerun
or a run after a crash half-way leaves the same rows."""

from __future__ import annotations

import logging
from datetime import date, time

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tenants.utils import schema_context

from core.schedules import ensure_schedule
from modules import gate, registry
from modules.manifest import Figure, Measure
from partnership import figures
from partnership.models import AdoptionFigure
from tenants.models import Region

log = logging.getLogger(__name__)
SCHEDULE = "partnership.adoption_snapshot"
# Regions per task: a region takes ~0.15 s (make bench), so a batch stays far inside the
# worker's timeout however many regions join.
BATCH = 200


def ensure_snapshot_schedule(**_kwargs) -> None:
    ensure_schedule(SCHEDULE, "partnership.snapshot.queue_snapshot", daily_at=time(1, 0))


def queue_snapshot(on: date | None = None) -> int:
    """The daily schedule: one pass over the live regions, in batches of BATCH regions."""
    from core.tasks import enqueue

    on = on or timezone.localdate()
    ids = list(
        Region.objects.filter(status__in=Region.LIVE_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    for batch in batches:
        enqueue(take_snapshot, on.isoformat(), batch)
    return len(batches)


def take_snapshot(on: date | str | None = None, region_ids: list[int] | None = None) -> int:
    """Collect the live regions' statistics (those of `region_ids`, or all) for the day
    `on` (today, WIB); returns the rows written."""
    on = date.fromisoformat(on) if isinstance(on, str) else (on or timezone.localdate())
    written = 0
    regions = Region.objects.filter(status__in=Region.LIVE_STATUSES).order_by("pk")
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    for region in regions:
        try:
            rows = figures_of(region, on)
        except Exception:
            log.exception("adoption snapshot failed", extra={"region": region.schema_name})
            continue
        with transaction.atomic():
            AdoptionFigure.objects.filter(region=region, taken_on=on).delete()
            AdoptionFigure.objects.bulk_create(rows)
        written += len(rows)
        _tick_programme(region)
    return written


def _tick_programme(region: Region) -> None:
    from partnership import programme

    try:
        programme.tick_automatic(region)
    except Exception:
        log.exception("programme ticks failed", extra={"region": region.schema_name})


def figures_of(region: Region, on: date) -> list[AdoptionFigure]:
    """The region's statistics, computed inside its schema, as unsaved rows."""
    rows = []
    with schema_context(region.schema_name):
        for key in sorted(gate.enabled_keys(region.schema_name)):
            for measure in registry.get(key).statistics:
                try:  # one broken statistic (or value) must not hide the others
                    rows.append(_row(region, on, key, measure.key, figure_of(measure)))
                except Exception:
                    log.exception(
                        "statistic failed",
                        extra={"region": region.schema_name, "statistic": f"{key}.{measure.key}"},
                    )
    return rows


def figure_of(measure: Measure) -> Figure:
    if measure.figure:
        figure = import_string(measure.figure)()
        if not isinstance(figure, Figure):
            raise TypeError(f"{measure.figure} must return a Figure")
        return figure
    return Figure.count(import_string(measure.function)())


def _row(region, on, module: str, key: str, figure: Figure) -> AdoptionFigure:
    return AdoptionFigure(
        region=region,
        taken_on=on,
        module=module,
        key=key,
        kind=figure.kind,
        value=float(figure.value),
        denominator=float(figure.denominator),
        histogram=figures.histogram(figure.durations) if figure.kind == "durations" else [],
    )
