"""The warm pool: empty region schemas cloned ahead of time, so that a new region's schema
is one `ALTER SCHEMA ... RENAME`, not a clone.

Each pool schema (`pool_<hex>`) is cloned and labelled with the template's fingerprint in
one transaction, so it is whole or absent. Only schemas whose label matches the code's
migrations are handed out; the others are drained when the template is rebuilt and before
every refill. Claims are serialised by a transaction lock and take milliseconds; one refill
runs at a time (a session lock), in the background (`tenants.tasks.refill_pool`).
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from tenants import template

log = logging.getLogger(__name__)

PREFIX = "pool_"
_LABEL = "sinergi-pool:"
_LOCK_SPACE = 7302
_CLAIM_LOCK, _REFILL_LOCK = 1, 2
REFILL_TASK = "tenants.tasks.refill_pool"


def pool_schemas() -> dict[str, str | None]:
    """Every pool schema and the template fingerprint it was cloned from."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname, obj_description(oid, 'pg_namespace') FROM pg_namespace "
            "WHERE nspname LIKE %s ORDER BY nspname",
            [PREFIX.replace("_", r"\_") + "%"],
        )
        return {
            name: label.removeprefix(_LABEL) if (label or "").startswith(_LABEL) else None
            for name, label in cursor.fetchall()
        }


def health() -> dict:
    current = template.migrations_fingerprint()
    fingerprints = list(pool_schemas().values())
    ready = sum(1 for fingerprint in fingerprints if fingerprint == current)
    return {"ready": ready, "stale": len(fingerprints) - ready, "size": settings.REGION_POOL_SIZE}


def claim(schema_name: str) -> bool:
    """Rename a ready pool schema to `schema_name`. False when none is ready."""
    connection.set_schema_to_public()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_SPACE, _CLAIM_LOCK])
            cursor.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s "
                "AND obj_description(oid, 'pg_namespace') = %s ORDER BY nspname LIMIT 1",
                [PREFIX.replace("_", r"\_") + "%", _LABEL + template.migrations_fingerprint()],
            )
            row = cursor.fetchone()
            if row is None:
                return False
            cursor.execute(f'ALTER SCHEMA "{row[0]}" RENAME TO "{schema_name}"')
            cursor.execute(f'COMMENT ON SCHEMA "{schema_name}" IS NULL')
    except DatabaseError:
        # Drained under our feet, or the name is taken: the caller clones instead.
        log.warning("pool claim failed", exc_info=True, extra={"region": schema_name})
        return False
    return True


def claim_or_wait(schema_name: str) -> bool:
    """Claim a ready schema; when none is ready but a refill is cloning one, wait for it
    (up to REGION_POOL_WAIT_SECONDS). A clone started now would share the machine with the
    refill's and finish later than the refill's, which is already under way."""
    deadline = time.monotonic() + settings.REGION_POOL_WAIT_SECONDS
    while True:
        if claim(schema_name):
            return True
        if time.monotonic() >= deadline or not refill_running():
            return False
        time.sleep(0.05)


def refill_running() -> bool:
    """Whether some process holds the refill lock (two-key advisory locks list the keys
    as classid and objid)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = %s AND objid = %s AND objsubid = 2 AND pid <> pg_backend_pid())",
            [_LOCK_SPACE, _REFILL_LOCK],
        )
        return cursor.fetchone()[0]


def refill(size: int | None = None) -> int:
    """Clone until `size` ready schemas wait (REGION_POOL_SIZE by default). Returns how many
    were added; 0 when another refill is running or the template is not current."""
    size = settings.REGION_POOL_SIZE if size is None else size
    connection.set_schema_to_public()
    with _refill_lock() as mine:
        if not mine:
            return 0
        drain_stale()
        if template.template_status() != "current":
            return 0
        fingerprint = template.migrations_fingerprint()
        added = 0
        while health()["ready"] < size:
            name = f"{PREFIX}{secrets.token_hex(4)}"
            with transaction.atomic(), connection.cursor() as cursor:
                template.clone_template(name)
                cursor.execute(f'COMMENT ON SCHEMA "{name}" IS %s', [_LABEL + fingerprint])
            added += 1
    return added


def drain_stale() -> list[str]:
    """Drop pool schemas not cloned from the current migrations. Returns their names."""
    current = template.migrations_fingerprint()
    return _drop(name for name, fp in pool_schemas().items() if fp != current)


def drain_all() -> list[str]:
    return _drop(pool_schemas())


def queue_refill() -> None:
    """Refill in the background, once the surrounding transaction commits."""
    from django_tenants.utils import schema_context

    from core.tasks import enqueue

    if settings.REGION_POOL_SIZE > 0:
        with schema_context("public"):
            enqueue(REFILL_TASK, group="public:pool")


def _drop(names) -> list[str]:
    dropped = []
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
            dropped.append(name)
    return dropped


@contextlib.contextmanager
def _refill_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_LOCK_SPACE, _REFILL_LOCK])
        mine = cursor.fetchone()[0]
    try:
        yield mine
    finally:
        if mine:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_LOCK_SPACE, _REFILL_LOCK])
