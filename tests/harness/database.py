"""One migrated database per test run's code, copied for every test worker.

Migrating the public schema and building the region template takes a while, so it is done
once into a "golden" database named by a fingerprint of the code, the dependency lock and
the day (the demo data is dated from it); each pytest-xdist worker then gets its own copy
with CREATE DATABASE ... TEMPLATE, which takes about a second. The golden database also
holds the demo regions, provisioned the same way `make run` provisions them.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

import psycopg2
from django.conf import settings
from django.db import connections
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("platform", "tenants", "modules", "themes")
GOLDEN_PREFIX = "sinergi_golden_"


def code_fingerprint() -> str:
    digest = hashlib.sha256((ROOT / "requirements.lock").read_bytes())
    folders = [ROOT / folder for folder in CODE_DIRS] + [Path(p) for p in settings.MODULE_DIRS[1:]]
    for folder in folders:
        for file in sorted(folder.rglob("*.py")):
            if "tests" in file.relative_to(folder).parts:
                continue
            digest.update(str(file).encode())
            digest.update(file.read_bytes())
    digest.update((ROOT / "tests" / "harness" / "database.py").read_bytes())
    # The demo data is dated from today (usage up to yesterday, last month's invoices, trial
    # days left): a golden database from an earlier day would hold another month's invoices.
    digest.update(timezone.localdate().isoformat().encode())
    return digest.hexdigest()[:12]


def _admin_connection():
    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname="postgres",
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )
    conn.autocommit = True
    return conn


def _sql(statement: str, params=None) -> list[tuple]:
    conn = _admin_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        conn.close()


def _exists(name: str) -> bool:
    return bool(_sql("SELECT 1 FROM pg_database WHERE datname = %s", [name]))


def use_database(name: str) -> None:
    """Point Django's connection at another database of the same server."""
    for conn in connections.all():
        conn.close()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


@contextmanager
def _lock():
    path = ROOT / ".data" / "test-golden.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _build_golden(name: str) -> None:
    from django.core.management import call_command

    from core.demo import load_demo

    building = f"{name}_building"
    _sql(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    _sql(f'CREATE DATABASE "{building}"')
    use_database(building)
    call_command("prepare_platform", verbosity=0)
    load_demo()
    use_database("postgres")
    _sql(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    # Keep the two newest others too: the scaffold test builds one with an extra module,
    # and the next run of the plain suite should not have to rebuild its own.
    for (old,) in _sql(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s "
        "ORDER BY oid DESC OFFSET 2",
        [GOLDEN_PREFIX + "%", name],
    ):
        _sql(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
    _drop_abandoned_copies()


def _drop_abandoned_copies() -> None:
    """Copies left by test processes that were killed (their name ends in the pid)."""
    for (name,) in _sql("SELECT datname FROM pg_database WHERE datname LIKE 'sinergi_test_%%'"):
        pid = name.rsplit("_", 1)[-1]
        if pid.isdigit() and not _process_alive(int(pid)):
            _sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prepare_worker_database(worker: str) -> str:
    """Make sure the golden database exists, then give this worker a fresh copy of it."""
    golden = GOLDEN_PREFIX + code_fingerprint()
    # Two checkouts, or two runs in one checkout, may share one server: copies must not
    # collide.
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:6]
    worker_db = f"sinergi_test_{checkout}_{worker}_{os.getpid()}"
    # Copies are made one at a time too: no other session may use a template while it is
    # being copied.
    with _lock():
        if not _exists(golden):
            _build_golden(golden)
        use_database("postgres")
        _sql(f'DROP DATABASE IF EXISTS "{worker_db}" WITH (FORCE)')
        _sql(f'CREATE DATABASE "{worker_db}" TEMPLATE "{golden}"')
    use_database(worker_db)
    return worker_db


def drop_worker_database(name: str) -> None:
    use_database("postgres")
    _sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
