"""Bring every region schema to the code's migrations: skip the current ones, migrate the rest
in parallel, and let one region's failure stop only that region.

A schema that finished migrating carries the fingerprint of the region apps' migration files
(tenants.template.migrations_fingerprint) in its comment; one query over pg_namespace finds
every region whose fingerprint differs, so a deploy that changes no migration opens no region
schema at all. The others migrate in TENANT_MULTIPROCESSING_MAX_PROCESSES processes. A failed
migration rolls back (PostgreSQL's DDL is transactional), the region keeps its old comment and
is retried by the next run; the command ends with status 1 naming the failed regions.
"""

from __future__ import annotations

import logging
import multiprocessing
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

log = logging.getLogger(__name__)
STAMP_PREFIX = "sinergi-migrations:"
# A schema cloned from the template is exactly as migrated as the template was.
TEMPLATE_PREFIX = "sinergi-template:"


def region_schemas() -> dict[str, str]:
    """Every region's schema that exists, with its comment: one query, no schema opened."""
    from tenants.models import Region

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.schema_name, coalesce(obj_description(n.oid, 'pg_namespace'), '') "
            f"FROM {Region._meta.db_table} r JOIN pg_namespace n ON n.nspname = r.schema_name "
            "WHERE r.schema_name <> %s ORDER BY r.schema_name",
            [settings.PUBLIC_SCHEMA_NAME],
        )
        return dict(cursor.fetchall())


def is_current(comment: str, fingerprint: str) -> bool:
    return comment in (STAMP_PREFIX + fingerprint, TEMPLATE_PREFIX + fingerprint)


def pending_schemas(fingerprint: str, everything: bool = False) -> tuple[list[str], int]:
    """(schemas to migrate, number of current ones skipped)."""
    schemas = region_schemas()
    pending = [
        s for s, comment in schemas.items() if everything or not is_current(comment, fingerprint)
    ]
    return pending, len(schemas) - len(pending)


def stamp(schema: str, fingerprint: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"COMMENT ON SCHEMA {connection.ops.quote_name(schema)} IS %s",
            [STAMP_PREFIX + fingerprint],
        )


def migrate_one(schema: str) -> tuple[str, str | None]:
    """Migrate one region and stamp it; never raises (the error is returned and logged)."""
    from tenants.template import migrations_fingerprint

    try:
        call_command(
            "migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0
        )
        connection.set_schema_to_public()
        stamp(schema, migrations_fingerprint())
        return schema, None
    except Exception as exc:  # noqa: BLE001 - one region's failure must not stop the others
        log.exception("region migration failed", extra={"region": schema})
        return schema, f"{type(exc).__name__}: {exc}".splitlines()[0]
    finally:
        connection.set_schema_to_public()


def _setup_child() -> None:
    import django

    django.setup()


def migrate_all(schemas: list[str], processes: int) -> dict[str, str]:
    """Migrate `schemas`, `processes` at a time. Returns {schema: error} of the failures."""
    if processes <= 1 or len(schemas) <= 1:
        results = [migrate_one(schema) for schema in schemas]
    else:
        connections.close_all()  # nothing of this process's connection leaks into the pool
        # spawn, not fork: the caller may hold threads (a test server) or open sockets.
        context = multiprocessing.get_context("spawn")
        with context.Pool(min(processes, len(schemas)), initializer=_setup_child) as pool:
            results = pool.map(migrate_one, schemas, chunksize=1)
    return {schema: error for schema, error in results if error}


class Command(BaseCommand):
    help = (
        "Migrate every region schema whose migrations differ from the code's, in parallel; "
        "current regions are skipped without opening them. Resumable."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--processes",
            type=int,
            default=settings.TENANT_MULTIPROCESSING_MAX_PROCESSES,
            help="Regions migrated at the same time (database connections used).",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Migrate every region, stamped or not.",
        )

    def handle(self, *args, processes, everything, verbosity=1, **options):
        from tenants.template import migrations_fingerprint

        started = time.monotonic()
        pending, skipped = pending_schemas(migrations_fingerprint(), everything=everything)
        failed = migrate_all(pending, processes)
        connection.set_schema_to_public()
        seconds = time.monotonic() - started
        if verbosity:
            self.stdout.write(
                f"Regions: {skipped} current (skipped), {len(pending) - len(failed)} migrated, "
                f"{len(failed)} failed, in {seconds:.1f} s."
            )
        if failed:
            for schema, error in sorted(failed.items()):
                self.stderr.write(f"{schema}: {error}")
            raise CommandError(
                f"{len(failed)} region(s) failed to migrate; the others are done. "
                "Fix and run again: only the failed ones are retried."
            )
