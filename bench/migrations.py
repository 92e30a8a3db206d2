"""Deploy-time migrations over many regions: django-tenants' stock migrate_schemas against
migrate_regions (skips the regions stamped with the code's migration fingerprint, migrates
the rest in parallel).

Real regions: BENCH_MIGRATION_REGIONS (200) schemas cloned from the template, beside the demo
regions. The no-change deploy is measured over 1,000 regions: the real ones plus empty
schemas stamped as current (a no-change run never opens a schema, so their content cannot
matter). The one-column change runs over the real regions only and is extrapolated
linearly to 1,000. Run alone with `python -m bench.migrations`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from bench.report import ROOT, Figure

TARGET_REGIONS = 1000
NEW_COLUMN = """
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ukur", "0001_initial")]
    operations = [
        migrations.AddField(
            "item", "satuan", models.CharField(max_length=20, default="", blank=True)
        ),
    ]
"""


def _add_regions(prefix: str, count: int, *, clone: bool, stamp: str = "") -> None:
    from tenants.models import Region
    from tenants.template import clone_template

    connection.set_schema_to_public()
    rows = []
    for i in range(count):
        schema = f"{prefix}_{i:04d}"
        if clone:
            clone_template(schema)
        else:
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
        if stamp:
            with connection.cursor() as cursor:
                cursor.execute(f'COMMENT ON SCHEMA "{schema}" IS %s', [stamp])
        rows.append(
            Region(
                slug=schema.replace("_", "-"),
                name=f"Kabupaten Bench {i}",
                schema_name=schema,
                kind=Region.Kind.KABUPATEN,
                province="Banten",
                timezone=Region.TimeZone.WIB,
                status=Region.Status.ACTIVE,
            )
        )
    Region.objects.bulk_create(rows)


def _drop_regions(prefix: str) -> None:
    from tenants.models import Region

    connection.set_schema_to_public()
    for schema in Region.objects.filter(schema_name__startswith=prefix).values_list(
        "schema_name", flat=True
    ):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    Region.objects.filter(schema_name__startswith=prefix).delete()


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _region_count() -> int:
    from core.management.commands.migrate_regions import region_schemas

    return len(region_schemas())


def _migrate_regions_process(database: str, extra_modules: Path, processes: int) -> float:
    env = {
        **os.environ,
        "DATABASE_NAME": database,
        "SINERGI_EXTRA_MODULE_DIRS": str(extra_modules),
    }
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate_regions", f"--processes={processes}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    print(f"  {result.stdout.strip().splitlines()[-1]}")
    return seconds


def measure(database: str) -> list[Figure]:
    from core.management.commands.migrate_regions import STAMP_PREFIX
    from tenants.template import migrations_fingerprint

    real = int(os.environ.get("BENCH_MIGRATION_REGIONS", "200"))
    processes = int(os.environ.get("BENCH_MIGRATION_PROCESSES", "4"))
    clone_seconds = _timed(lambda: _add_regions("bench_mig", real, clone=True))
    regions = _region_count()
    print(f"cloned {real} regions in {clone_seconds:.1f} s; {regions} regions in all")

    stock = _timed(
        lambda: call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)
    )
    stock_per_region = stock / regions
    print(f"stock migrate_schemas, nothing to do: {stock:.1f} s ({stock_per_region:.3f} s/region)")

    first = _timed(lambda: call_command("migrate_regions", processes=processes, verbosity=0))
    print(f"migrate_regions, first run (stamps {regions} regions): {first:.1f} s")

    fakes = TARGET_REGIONS - regions
    _add_regions("bench_fake", fakes, clone=False, stamp=STAMP_PREFIX + migrations_fingerprint())
    assert _region_count() == TARGET_REGIONS
    no_change = _timed(lambda: call_command("migrate_regions", processes=processes, verbosity=0))
    print(f"migrate_regions, nothing to do, {TARGET_REGIONS} regions: {no_change:.2f} s")
    _drop_regions("bench_fake")

    with tempfile.TemporaryDirectory() as folder:
        extra = Path(folder)
        call_command("startmodule", "ukur", "--name", "Ukur", "--directory", str(extra))
        connection.close()
        print("new module (a table in every region):")
        _migrate_regions_process(database, extra, processes)
        (extra / "ukur" / "migrations" / "0002_satuan.py").write_text(NEW_COLUMN)
        print("one new column in every region:")
        column = _migrate_regions_process(database, extra, processes)
    column_per_region = column / regions
    print(
        f"one-column change over {regions} regions: {column:.1f} s "
        f"-> {column_per_region * TARGET_REGIONS:.0f} s for {TARGET_REGIONS} (linear)"
    )
    _drop_regions("bench_mig")
    return [
        Figure(
            name=f"no-change deploy, {TARGET_REGIONS} regions (migrate_regions)",
            value=no_change,
            unit="s",
            baseline_name=f"stock migrate_schemas at {stock_per_region:.3f} s/region",
            baseline=stock_per_region * TARGET_REGIONS,
            target="<= 30 s",
        ),
        Figure(
            name=f"one-column change, {TARGET_REGIONS} regions ({processes} processes, linear)",
            value=column_per_region * TARGET_REGIONS,
            unit="s",
            baseline_name="stock no-change migrate_schemas over as many",
            baseline=stock_per_region * TARGET_REGIONS,
        ),
    ]


def main() -> None:
    sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from bench.report import publish
    from tests.harness.database import drop_worker_database, prepare_worker_database

    name = prepare_worker_database("bench-migrations")
    try:
        figures = measure(name)
    finally:
        drop_worker_database(name)
    publish(figures)


if __name__ == "__main__":
    main()
