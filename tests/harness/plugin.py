"""The test harness: one database copy per worker, regions, clients, a real worker process,
a live server and one Chromium, and the time spent per marker printed at the end."""

from __future__ import annotations

import os
from collections import defaultdict

import pytest

from tests.harness import database

MARKERS = ("browser", "worker", "fresh_region")


def worker_database(request, django_db_blocker):
    """The body of the `django_db_setup` fixture, which the root conftest.py declares so
    that it overrides pytest-django's own."""
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    with django_db_blocker.unblock():
        name = database.prepare_worker_database(worker)
    # Processes the tests start (worker, live server) use the same copy.
    os.environ["DATABASE_NAME"] = name
    yield name
    with django_db_blocker.unblock():
        database.drop_worker_database(name)


@pytest.fixture(autouse=True)
def _back_to_public_schema():
    """Every test starts and ends in the public schema, whatever it visited."""
    yield
    from django.db import connection

    from modules.gate import forget_on_change
    from tenants.routing import forget_routes_on_change

    connection.set_schema_to_public()
    forget_routes_on_change()
    forget_on_change()


# --- time per marker ----------------------------------------------------------------------
_durations: dict[str, float] = defaultdict(float)
_counts: dict[str, int] = defaultdict(int)


def pytest_runtest_logreport(report):
    kind = next((m for m in MARKERS if m in report.keywords), "other")
    _durations[kind] += report.duration
    if report.when == "call":
        _counts[kind] += 1


def pytest_terminal_summary(terminalreporter):
    if not _counts:
        return
    terminalreporter.section("time per marker (summed over workers)")
    for kind in (*MARKERS, "other"):
        if _counts.get(kind):
            terminalreporter.write_line(
                f"{kind:<13} {_counts[kind]:>4} tests {_durations[kind]:>8.1f} s"
            )
