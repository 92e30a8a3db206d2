"""`startmodule` makes a module that keeps the contract, and the contract catches a route
added outside the gate. Each check runs the contract test in a fresh process that has the
scaffolded module installed (SINERGI_EXTRA_MODULE_DIRS)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.harness.processes import ROOT, child_env

pytestmark = pytest.mark.fresh_region

UNGATED_HOOK = """
from django.urls import path
from wagtail import hooks

from modules.taman import admin_views


@hooks.register("register_admin_urls")
def register_shortcut():
    return [path("taman-pintas/", admin_views.index)]
"""


def _contract(module_dir) -> subprocess.CompletedProcess:
    env = child_env(SINERGI_EXTRA_MODULE_DIRS=str(module_dir))
    env.pop("DATABASE_NAME", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "tests/modules/test_contract.py",
            "-k",
            "taman",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory):
    directory = tmp_path_factory.mktemp("extra_modules")
    call_command("startmodule", "taman", "--name", "Taman Kota", "--directory", str(directory))
    return directory


def test_the_scaffold_unchanged_keeps_the_contract(scaffold):
    result = _contract(scaffold)

    assert result.returncode == 0, result.stdout[-3000:]
    assert "6 passed" in result.stdout


def test_a_route_added_without_the_gate_fails_the_contract(scaffold):
    (scaffold / "taman" / "wagtail_hooks.py").write_text(UNGATED_HOOK)
    try:
        result = _contract(scaffold)
    finally:
        (scaffold / "taman" / "wagtail_hooks.py").unlink()

    assert result.returncode == 1
    assert "taman-pintas/" in result.stdout
    assert "outside the gate 'module-taman'" in result.stdout
