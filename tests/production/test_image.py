"""The image's build steps: the one script the Dockerfile and CI both run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_build_script_collects_static_files_and_compiles_catalogues_without_a_database(tmp_path):
    static_root = tmp_path / "static"
    # A real SECRET_KEY or DATABASE_URL of the developer's shell must not matter.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_NAME"}}
    result = subprocess.run(
        [str(ROOT / "scripts" / "build-assets"), str(static_root)],
        env={**env, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    # Hashed names the prod storage (whitenoise's manifest) serves: the themes' and the admin's.
    assert any(name.startswith("themes/") for name in manifest["paths"])
    assert any(name.startswith("wagtailadmin/") for name in manifest["paths"])
    assert (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.mo").stat().st_size > 0


def test_dockerfile_runs_gunicorn_as_the_fixed_non_root_user_and_builds_with_the_script():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER 10001:10001$", dockerfile, re.M)
    assert "--uid 10001" in dockerfile
    assert "scripts/build-assets" in dockerfile
    assert "gunicorn config.wsgi --pythonpath platform,." in dockerfile
    # Two stages: the build tools never reach the runtime image.
    assert len(re.findall(r"^FROM ", dockerfile, re.M)) == 2


def test_the_image_and_the_backup_job_carry_pg_dump_of_the_same_major_version():
    """Exports (in the app image) and backups (the CronJob's image) both run pg_dump, which
    must be at least the server's major version."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    values = yaml.safe_load((ROOT / "helm" / "sinergi" / "values.yaml").read_text())
    major = re.search(r"^ARG PG_MAJOR=(\d+)$", dockerfile, re.M).group(1)

    assert "postgresql-client-${PG_MAJOR}" in dockerfile
    assert "PG_BIN_DIR=/usr/lib/postgresql/${PG_MAJOR}/bin" in dockerfile
    assert values["backup"]["image"]["tag"].split("-")[0] == major


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_build_context():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".env", ".venv", ".data"} <= ignored


def test_gunicorn_finds_its_settings_in_the_images_working_directory():
    # gunicorn reads ./gunicorn.conf.py by itself: the metrics' multiprocess hooks live there.
    assert (ROOT / "gunicorn.conf.py").is_file()
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert "gunicorn.conf.py" not in ignored and "*.py" not in ignored
    assert re.search(r"^WORKDIR /app$", (ROOT / "Dockerfile").read_text(), re.M)
