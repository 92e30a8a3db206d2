"""Provisioning a region: cloned from the template vs migrated from scratch."""

from __future__ import annotations

from django.db import connection
from django.test import override_settings

from bench.report import Figure, median_seconds
from tenants.models import Region
from tenants.services import RegionRequest, provision_region


def _provision(prefix: str):
    def action(i: int) -> None:
        provision_region(
            RegionRequest(
                slug=f"{prefix}-{i}",
                name=f"Kabupaten Bench {i}",
                kind=Region.Kind.KABUPATEN,
                province="Banten",
                timezone=Region.TimeZone.WIB,
                admin_email=f"admin{i}@bench.test",
                admin_password="bench-password",
            )
        )

    return action


def _drop_regions(prefix: str) -> None:
    connection.set_schema_to_public()
    for region in Region.objects.filter(slug__startswith=prefix):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{region.schema_name}" CASCADE')
        region.domains.all().delete()
        region.delete()


def measure(clone_runs: int = 7, migrate_runs: int = 3) -> list[Figure]:
    clone_median, clones = median_seconds(_provision("bench-clone"), clone_runs)
    _drop_regions("bench-clone")
    with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False):
        migrate_median, migrates = median_seconds(_provision("bench-migrate"), migrate_runs)
    _drop_regions("bench-migrate")
    print(f"provision by clone   : {', '.join(f'{t:.2f}' for t in clones)} s")
    print(f"provision by migrate : {', '.join(f'{t:.2f}' for t in migrates)} s")
    return [
        Figure(
            name="provision_region median (template clone)",
            value=clone_median,
            unit="s",
            baseline_name="migrate from scratch, median",
            baseline=migrate_median,
            target="< 2 s",
        )
    ]
