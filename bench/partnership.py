"""The adoption snapshot over 1,000 regions.

How the regions are simulated: provisioning 1,000 real schemas would take most of an hour
on two cores, so each simulated region gets a schema holding only views, one for each
region table the snapshot reads (found by recording the SQL of one real region's pass),
onto one of the demo regions' real tables, in turn. The snapshot then does for each
simulated region exactly what it does for a real one: enter the schema, ask the registry
for the modules switched on (a ModuleActivation row each), run every statistic's queries
against real data, write the aggregate rows and tick the programme. The baseline is the
same pass over the real demo regions, scaled to 1,000."""

from __future__ import annotations

import re
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from bench.report import Figure

REGIONS = 1000
_TABLE = re.compile(r'(?:FROM|JOIN)\s+"([a-z0-9_]+)"', re.IGNORECASE)


def _tables_read(region) -> list[str]:
    from partnership import programme, snapshot

    with CaptureQueriesContext(connection) as queries:
        snapshot.figures_of(region, _today())
        programme.tick_automatic(region)
    named = {name for q in queries.captured_queries for name in _TABLE.findall(q["sql"])}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            [region.schema_name],
        )
        in_region = {row[0] for row in cursor.fetchall()}
    return sorted(named & in_region)  # public tables stay public


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _simulate(sources, tables: list[str]) -> None:
    from modules.models import ModuleActivation
    from tenants.models import Region

    statements = []
    for index in range(REGIONS):
        schema, source = f"bench_region_{index:04d}", sources[index % len(sources)]
        statements.append(f'CREATE SCHEMA "{schema}"')
        statements += [
            f'CREATE VIEW "{schema}"."{table}" AS SELECT * FROM "{source.schema_name}"."{table}"'
            for table in tables
        ]
    with connection.cursor() as cursor:
        cursor.execute(";\n".join(statements))
    regions = Region.objects.bulk_create(
        Region(
            name=f"Kabupaten Simulasi {index:04d}",
            slug=f"simulasi-{index:04d}",
            kind=Region.Kind.KABUPATEN,
            province=sources[index % len(sources)].province,
            status=Region.Status.ACTIVE,
            schema_name=f"bench_region_{index:04d}",
        )
        for index in range(REGIONS)
    )
    keys = {
        source.pk: list(
            ModuleActivation.objects.filter(region=source, enabled=True).values_list(
                "module_key", flat=True
            )
        )
        for source in sources
    }
    ModuleActivation.objects.bulk_create(
        ModuleActivation(region=region, module_key=key, enabled=True)
        for index, region in enumerate(regions)
        for key in keys[sources[index % len(sources)].pk]
    )


def measure() -> list[Figure]:
    from partnership import snapshot
    from partnership.models import AdoptionFigure
    from tenants.models import Region

    connection.set_schema_to_public()
    sources = list(Region.objects.filter(status=Region.Status.ACTIVE).order_by("pk"))
    with schema_context("public"):
        tables = _tables_read(sources[0])
    started = time.perf_counter()
    snapshot.take_snapshot()
    real_seconds = time.perf_counter() - started

    _simulate(sources, tables)
    started = time.perf_counter()
    rows = snapshot.take_snapshot()
    seconds = time.perf_counter() - started
    regions = AdoptionFigure.objects.values("region").distinct().count()
    print(
        f"adoption snapshot: {regions} regions, {rows} figures in {seconds:.1f} s "
        f"({len(tables)} tables viewed per simulated region)"
    )
    return [
        Figure(
            name=f"adoption snapshot over {REGIONS:,} regions",
            value=seconds,
            unit="seconds per daily pass",
            baseline_name=f"{len(sources)} real regions' pass scaled to {REGIONS + len(sources)}",
            baseline=real_seconds / len(sources) * (REGIONS + len(sources)),
            target="well under the 300 s task timeout",
        )
    ]
