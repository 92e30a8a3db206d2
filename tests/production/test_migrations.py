"""Deploy-time migrations (the migration Job's migrate_regions): regions already at the code's
migrations are skipped without opening their schema, the others migrate in parallel, and a
failing region stops only itself and is retried alone by the next run.

Each test runs `manage.py migrate_regions` in a fresh process, as the Job does, on a copy of
the test database of its own (with a scaffolded module whose migrations change)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.harness import database
from tests.harness.processes import ROOT, child_env

pytestmark = pytest.mark.fresh_region

NEW_COLUMN = """
import os

from django.db import migrations, models


def fail_where_told(apps, schema_editor):
    if os.environ.get("SINERGI_FAIL_SCHEMA") == schema_editor.connection.schema_name:
        raise RuntimeError("disk penuh")


class Migration(migrations.Migration):
    dependencies = [("ukur", "0001_initial")]
    operations = [
        migrations.AddField(
            "item", "satuan", models.CharField(max_length=20, default="", blank=True)
        ),
        migrations.RunPython(fail_where_told, migrations.RunPython.noop),
    ]
"""


@pytest.fixture(scope="module")
def own_database(django_db_setup, django_db_blocker):
    """A copy of the test database that these migrations may change for good."""
    from django.conf import settings

    with django_db_blocker.unblock():
        name = database.prepare_worker_database("migrations")
        database.use_database(django_db_setup)
    yield name
    with django_db_blocker.unblock():
        database.drop_worker_database(name)
        database.use_database(django_db_setup)
    assert settings.DATABASES["default"]["NAME"] == django_db_setup


@pytest.fixture(scope="module")
def extra_module(tmp_path_factory):
    directory = tmp_path_factory.mktemp("extra_modules")
    call_command("startmodule", "ukur", "--name", "Ukur", "--directory", str(directory))
    return directory


def migrate_regions(database_name: str, extra_modules=None, **env: str):
    extra = {"SINERGI_EXTRA_MODULE_DIRS": str(extra_modules)} if extra_modules else {}
    return subprocess.run(
        [sys.executable, "manage.py", "migrate_regions", "--processes=2"],
        cwd=ROOT,
        env=child_env(DATABASE_NAME=database_name, **extra, **env),
        capture_output=True,
        text=True,
        timeout=600,
    )


def region_columns(database_name: str, table: str) -> dict[str, set[str]]:
    """{schema: columns} of `table` in every schema of another database than the test one."""
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname=database_name,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT table_schema, column_name FROM information_schema.columns "
                "WHERE table_name = %s",
                [table],
            )
            found: dict[str, set[str]] = {}
            for schema, column in cursor.fetchall():
                found.setdefault(schema, set()).add(column)
            return found
    finally:
        conn.close()


def summary(result) -> str:
    return next(line for line in result.stdout.splitlines() if line.startswith("Regions:"))


def test_a_deploy_without_new_migrations_skips_every_region(own_database):
    first = migrate_regions(own_database)
    assert first.returncode == 0, first.stderr[-3000:]
    again = migrate_regions(own_database)
    assert again.returncode == 0, again.stderr[-3000:]
    assert " 0 migrated, 0 failed" in summary(again)
    assert not summary(again).startswith("Regions: 0 current")


@pytest.mark.django_db
def test_finding_the_current_regions_opens_no_region_schema(tangsel):
    from core.management.commands.migrate_regions import pending_schemas, region_schemas, stamp
    from tenants.template import migrations_fingerprint

    fingerprint = migrations_fingerprint()
    for schema in region_schemas():
        stamp(schema, fingerprint)
    with CaptureQueriesContext(connection) as queries:
        pending, skipped = pending_schemas(fingerprint)
    assert pending == []
    assert skipped >= 3
    statements = [query["sql"] for query in queries]
    assert not any(tangsel.schema_name in sql.replace("schema_name", "") for sql in statements)
    assert not any("search_path" in sql and "public" not in sql for sql in statements), statements
    assert len([sql for sql in statements if "search_path" not in sql]) == 1


def test_a_failing_region_stops_alone_and_the_next_run_retries_only_it(own_database, extra_module):
    models = extra_module / "ukur" / "models.py"
    models.write_text(
        models.read_text().replace(
            'body = models.TextField(_("isi"), blank=True)',
            'body = models.TextField(_("isi"), blank=True)\n'
            '    satuan = models.CharField(max_length=20, default="", blank=True)',
        )
    )
    (extra_module / "ukur" / "migrations" / "0002_satuan.py").write_text(NEW_COLUMN)

    failed = migrate_regions(own_database, extra_module, SINERGI_FAIL_SCHEMA="balikpapan")

    assert failed.returncode == 1
    assert "balikpapan: RuntimeError: disk penuh" in failed.stderr
    assert "1 failed" in summary(failed)
    columns = region_columns(own_database, "ukur_item")
    assert "satuan" in columns["tangsel"] and "satuan" in columns["tangerang"]
    # Its own migration rolled back: the new table (0001) but not the column (0002).
    assert "satuan" not in columns["balikpapan"]

    resumed = migrate_regions(own_database, extra_module)

    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert " 1 migrated, 0 failed" in summary(resumed)
    assert "satuan" in region_columns(own_database, "ukur_item")["balikpapan"]


@pytest.mark.django_db
def test_a_pod_is_not_ready_until_the_public_schema_has_this_codes_migrations(client):
    from core import health

    assert client.get("/readyz").status_code == 200
    from django.db.migrations.loader import MigrationLoader

    leaves = MigrationLoader(connection).graph.leaf_nodes("tenants")
    with connection.cursor() as cursor:  # as if the migration Job had not run yet
        cursor.execute(
            "DELETE FROM public.django_migrations WHERE app = %s AND name = %s", leaves[0]
        )
        assert cursor.rowcount == 1
    health._migrated["public"] = False
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["status"] == "migrating"
    finally:
        health._migrated["public"] = False  # the deletion is rolled back with the test
