"""The region template: a migrated, empty region schema that new regions are cloned from.

Cloning it takes about a second where migrating a new schema takes tens of seconds. The
schema carries a fingerprint of the region apps' migrations in its comment; when the code's
migrations change, the template is stale and `refresh_region_template` rebuilds it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django_tenants.clone import CloneSchema
from django_tenants.utils import schema_exists

from pages.services import remove_wagtail_welcome

log = logging.getLogger(__name__)

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
    """Copy the template into a new schema in one transaction: its tables and its rows, the
    migration records included, so nothing needs migrating or faking afterwards.

    The template's own dump (cached per fingerprint) is replayed under the new name; that
    is about a third quicker than django-tenants' clone function, which reads the catalogue
    table by table. Without pg_dump, or when the dump cannot be renamed safely, the clone
    function does it."""
    script = _replay_script(migrations_fingerprint(), stored_fingerprint())
    if script is None:
        CloneSchema().clone_schema(TEMPLATE_SCHEMA, schema_name)
        with connection.cursor() as cursor:  # the clone copies the template's label too
            cursor.execute(f'COMMENT ON SCHEMA "{schema_name}" IS NULL')
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(script.replace(_PLACEHOLDER, f'"{schema_name}"'))


# PostgreSQL text cannot hold NUL, so the placeholder can never be part of the dump.
_PLACEHOLDER = "\x00schema\x00"
_QUALIFIED = re.compile(rf"\b{TEMPLATE_SCHEMA}\.")
_scripts: dict[str, str | None] = {}


def _replay_script(code_fingerprint: str, stored: str | None) -> str | None:
    """The template's DDL and rows with its name as a placeholder, or None."""
    if stored != code_fingerprint:
        return None  # provisioning refuses a stale template before it gets here
    if code_fingerprint not in _scripts:
        _scripts.clear()
        _scripts[code_fingerprint] = _build_replay_script()
    return _scripts[code_fingerprint]


def _build_replay_script() -> str | None:
    from tenants import pgtools

    try:
        dump = pgtools.run(
            "pg_dump", "--schema", TEMPLATE_SCHEMA, "--no-owner", "--no-privileges", "--inserts"
        )
    except pgtools.ToolError:
        log.warning("pg_dump unavailable: regions are cloned by the clone function")
        return None
    kept = []
    for line in dump.splitlines():
        if line.startswith("INSERT INTO "):
            _prefix, _sep, values = line.partition(" VALUES ")
            if line.count("'") % 2 or TEMPLATE_SCHEMA in values:
                # An odd number of quotes: a value going on to the next line. Or a value
                # naming the schema. Renaming the text could change the data, so the
                # clone function copies it instead.
                log.warning("template rows need the clone function")
                return None
        elif line.startswith(("\\", f"COMMENT ON SCHEMA {TEMPLATE_SCHEMA} ")):
            continue  # psql meta-commands, and the template's own label
        elif line.startswith("SET "):
            line = "SET LOCAL " + line.removeprefix("SET ")  # not the connection's for good
        elif line.startswith("SELECT pg_catalog.set_config("):
            line = line.replace(", false);", ", true);")
        kept.append(line)
    script = "\n".join(kept)
    script = script.replace(f"CREATE SCHEMA {TEMPLATE_SCHEMA};", f"CREATE SCHEMA {_PLACEHOLDER};")
    return _QUALIFIED.sub(f"{_PLACEHOLDER}.", script)
