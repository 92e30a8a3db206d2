"""PostgreSQL's own client tools (pg_dump, psql) for a region's export and restore.

The tools must match the server: the embedded server's come with its package; with
DATABASE_URL they are taken from PATH, and PG_BIN_DIR overrides both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection


class ToolError(Exception):
    """A tool failed; the message is its own error output."""


def tool(name: str) -> str:
    folder = settings.PG_BIN_DIR
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found or not Path(found).is_file():
        raise ToolError(f"{name} tidak ditemukan (atur PG_BIN_DIR)")
    return found


def run(name: str, *args: str, database: str | None = None, stdin=None) -> str:
    """Run a tool against `database` (the project's by default). Returns its output."""
    result = subprocess.run(  # noqa: S603 - fixed tools, arguments never from a shell
        [tool(name), *args],
        env=_environment(database),
        stdin=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ToolError(result.stderr.strip() or f"{name} exited with {result.returncode}")
    return result.stdout


def server_major_version() -> int:
    return connection.cursor().connection.server_version // 10000


def _environment(database: str | None) -> dict:
    db = settings.DATABASES["default"]
    values = {
        "PGDATABASE": database or db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGCONNECT_TIMEOUT": "10",
    }
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    environment.update({k: v for k, v in values.items() if v})
    return environment
