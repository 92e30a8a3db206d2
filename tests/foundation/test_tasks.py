"""Background work runs in the schema of the region that queued it."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django_q.models import Task
from django_tenants.utils import schema_context

from core.tasks import enqueue
from tests import task_probes


def _results(group: str, count: int, timeout: float = 30) -> list[Task]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tasks = list(Task.objects.filter(group=group))
        if len(tasks) >= count:
            return tasks
        time.sleep(0.2)
    raise AssertionError(f"{count} task(s) of group {group} did not finish in {timeout} s")


@pytest.mark.worker
def test_task_queued_from_a_region_runs_in_that_regions_schema(committed_db, q_worker):
    from pages.models import HomePage
    from tenants.models import Region

    tangsel = Region.objects.get(slug="tangsel")
    with schema_context("tangsel"):
        home = HomePage.objects.get()
        news = home.add_child(instance=HomePage(title="Hanya di Tangsel", slug="hanya-tangsel"))
    try:
        for region in (tangsel, Region.objects.get(slug="balikpapan")):
            connection.set_tenant(region)
            enqueue(task_probes.titles_seen, group=f"probe-{region.slug}")
        connection.set_schema_to_public()

        tangsel_result = _results("probe-tangsel", 1)[0]
        balikpapan_result = _results("probe-balikpapan", 1)[0]
    finally:
        with schema_context("tangsel"):
            news.delete()

    assert tangsel_result.success, tangsel_result.result
    assert tangsel_result.result["schema"] == "tangsel"
    assert balikpapan_result.result["schema"] == "balikpapan"
    assert "Hanya di Tangsel" in tangsel_result.result["titles"]
    assert "Kota Tangerang Selatan" in tangsel_result.result["titles"]
    assert "Hanya di Tangsel" not in balikpapan_result.result["titles"]
    assert "Kota Tangerang Selatan" not in balikpapan_result.result["titles"]
    assert "Kota Balikpapan" in balikpapan_result.result["titles"]
