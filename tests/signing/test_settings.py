"""Production refuses to start without the key that encrypts signing keys at rest."""

from __future__ import annotations

import subprocess
import sys

from tests.harness.processes import ROOT, child_env


def _check(**extra: str) -> subprocess.CompletedProcess:
    env = child_env(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
    )
    env.pop("SIGNING_KEY_ENCRYPTION_KEY", None)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_needs_a_signing_key_encryption_key():
    result = _check()

    assert result.returncode != 0
    assert "SIGNING_KEY_ENCRYPTION_KEY" in result.stderr


def test_a_key_that_is_not_a_fernet_key_is_reported():
    result = _check(SIGNING_KEY_ENCRYPTION_KEY="bukan-kunci-fernet")

    assert result.returncode != 0
    assert "signing.E001" in result.stderr
