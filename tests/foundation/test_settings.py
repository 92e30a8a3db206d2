"""Settings: production passes Django's deploy checks; logs are JSON with the region."""

from __future__ import annotations

import json
import logging
import secrets
import subprocess
import sys

import pytest
from django_tenants.utils import schema_context

from config.database_url import current_database_url
from core.logging import JsonFormatter, RegionFilter
from tests.harness.processes import ROOT, child_env


@pytest.mark.django_db
def test_production_settings_pass_check_deploy(django_db_setup):
    env = child_env(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DATABASE_URL=current_database_url(),
        SECRET_KEY=secrets.token_urlsafe(50),
        PLATFORM_DOMAIN="sinergi.example.id",
    )
    for name in ("DATABASE_NAME", "EMBEDDED_DATABASE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_database():
    env = child_env(DJANGO_SETTINGS_MODULE="config.settings.prod", SECRET_KEY="x" * 60)
    for name in ("DATABASE_URL", "DATABASE_NAME", "EMBEDDED_DATABASE"):
        env.pop(name, None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


@pytest.mark.django_db
def test_log_lines_are_json_and_carry_the_region(tangsel):
    record = logging.LogRecord("sinergi", logging.INFO, __file__, 1, "laporan diterima", None, None)
    record.report = "LK-001"
    with schema_context(tangsel.schema_name):
        RegionFilter().filter(record)

    line = json.loads(JsonFormatter().format(record))

    assert line["region"] == "tangsel"
    assert line["message"] == "laporan diterima"
    assert line["report"] == "LK-001"
    assert line["level"] == "INFO"
