"""A region schema cloned from the template, by replaying the template's dump under the
new name, is the template again: the same tables, columns, indexes, constraints, rows and
sequence positions, and nothing of the template's own label; the connection is unchanged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from tenants import template

pytestmark = pytest.mark.django_db

CATALOGUE = {
    "columns": (
        "SELECT table_name, column_name, data_type, is_nullable, column_default "
        "FROM information_schema.columns WHERE table_schema = %s"
    ),
    # A partial index's predicate comes back from a dump re-deparsed (the same condition
    # with its casts written differently): compared up to its WHERE, and that it has one.
    "indexes": (
        "SELECT tablename, indexname, split_part(indexdef, ' WHERE ', 1), "
        "indexdef LIKE '%% WHERE %%' FROM pg_indexes WHERE schemaname = %s"
    ),
    "constraints": (
        "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = %s"
    ),
    "sequences": ("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = %s"),
}


def _describe(schema: str) -> dict:
    described = {}
    with connection.cursor() as cursor:
        for name, sql in CATALOGUE.items():
            cursor.execute(sql, [schema])
            rows = [
                tuple(str(v).replace(f'"{schema}".', "").replace(f"{schema}.", "") for v in row)
                for row in cursor.fetchall()
            ]
            described[name] = sorted(rows)
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema]
        )
        counts = {}
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')
            counts[table] = cursor.fetchone()[0]
        described["rows"] = counts
    return described


def _comment(schema: str):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
            [schema],
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize("replay", [True, False], ids=["dump-replay", "clone-function"])
def test_a_clone_is_the_template_again(monkeypatch, replay):
    monkeypatch.setattr(template, "_scripts", {})
    settings = {} if replay else {"PG_BIN_DIR": "/nonexistent"}
    connection.set_schema_to_public()
    with override_settings(**settings):
        template.clone_template("pool_clonecheck")
    assert (template._scripts.get(template.migrations_fingerprint()) is not None) is replay

    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        search_path = cursor.fetchone()[0]
    assert "public" in search_path  # the dump's own settings did not stay on the connection
    assert _comment("pool_clonecheck") is None
    clone, original = _describe("pool_clonecheck"), _describe(template.TEMPLATE_SCHEMA)
    if not replay:  # django-tenants' function writes indexes and sequences its own way
        clone, original = ({key: d[key] for key in ("columns", "rows")} for d in (clone, original))
    assert clone["rows"] and clone == original

    from django_tenants.utils import schema_context

    from accounts.models import User

    with schema_context("pool_clonecheck"):
        User.objects.create_user(email="baru@contoh.go.id", password="Rahasia-2026-ya")
        assert User.objects.count() == 1
