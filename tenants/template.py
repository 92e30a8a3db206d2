"""The region template: a migrated, empty region schema that new regions are cloned from.

Cloning it takes about a second where migrating a new schema takes tens of seconds. The
schema carries a fingerprint of the region apps' migrations in its comment; when the code's
migrations change, the template is stale and `refresh_region_template` rebuilds it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tenants.clone import CloneSchema
from django_tenants.utils import schema_exists

from pages.services import remove_wagtail_welcome

TEMPLATE_SCHEMA = settings.TENANT_BASE_SCHEMA
_BUILD_SCHEMA = f"{TEMPLATE_SCHEMA}_next"
_COMMENT_PREFIX = "sinergi-template:"


@cache
def migrations_fingerprint() -> str:
    """A hash of every migration file of the apps that live in region schemas."""
    digest = hashlib.sha256()
    for app_name in settings.TENANT_APPS:
        config = next(c for c in apps.get_app_configs() if c.name == app_name)
        folder = Path(config.path) / "migrations"
        for file in sorted(folder.glob("*.py")) if folder.is_dir() else []:
            digest.update(f"{config.label}/{file.name}\n".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def stored_fingerprint() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
            [TEMPLATE_SCHEMA],
        )
        row = cursor.fetchone()
    if row is None or not (row[0] or "").startswith(_COMMENT_PREFIX):
        return None
    return row[0].removeprefix(_COMMENT_PREFIX)


def template_status() -> str:
    """'current', 'stale' or 'missing'."""
    stored = stored_fingerprint()
    if stored is None:
        return "missing"
    return "current" if stored == migrations_fingerprint() else "stale"


def refresh_template(verbosity: int = 0) -> str:
    """Build a fresh template beside the old one, then swap it in. Returns the fingerprint."""
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{_BUILD_SCHEMA}" CASCADE')
        cursor.execute(f'CREATE SCHEMA "{_BUILD_SCHEMA}"')
    call_command(
        "migrate_schemas",
        tenant=True,
        schema_name=_BUILD_SCHEMA,
        interactive=False,
        verbosity=verbosity,
    )
    connection.set_schema(_BUILD_SCHEMA)
    remove_wagtail_welcome()
    connection.set_schema_to_public()
    fingerprint = migrations_fingerprint()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{TEMPLATE_SCHEMA}" CASCADE')
        cursor.execute(f'ALTER SCHEMA "{_BUILD_SCHEMA}" RENAME TO "{TEMPLATE_SCHEMA}"')
        cursor.execute(
            f'COMMENT ON SCHEMA "{TEMPLATE_SCHEMA}" IS %s', [_COMMENT_PREFIX + fingerprint]
        )
    from tenants import pool

    pool.drain_stale()  # cloned from an older template: never handed out, so dropped now
    pool.queue_refill()
    return fingerprint


def ensure_template(verbosity: int = 0) -> bool:
    """Refresh the template when it is missing or stale. Returns whether it was rebuilt."""
    if schema_exists(TEMPLATE_SCHEMA) and template_status() == "current":
        return False
    refresh_template(verbosity)
    return True


def clone_template(schema_name: str) -> None:
    """Copy the template into a new schema in one statement: its tables and its rows, the
    migration records included, so nothing needs migrating or faking afterwards."""
    CloneSchema().clone_schema(TEMPLATE_SCHEMA, schema_name)
