"""Prometheus metrics: only for the scraper's token, request series by view without a region
label, platform gauges from the database, and sums over every gunicorn worker."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.db import connection
from prometheus_client.parser import text_string_to_metric_families

from tests.harness import processes

TOKEN = "scrape-me-" + "x" * 30


def samples(text: str) -> dict[tuple, float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


@pytest.fixture
def scrape(settings, site_client):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_DB_SECONDS = 0  # every scrape reads the database afresh

    def get() -> dict[tuple, float]:
        response = site_client(None).get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        return samples(response.content.decode())

    return get


@pytest.mark.django_db
def test_metrics_need_the_token_and_are_off_without_one(settings, site_client, tangsel):
    settings.METRICS_TOKEN = ""
    assert site_client(tangsel).get("/metrics").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    for client in (site_client(None), site_client(tangsel)):
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer tebakan").status_code == 401
        assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


@pytest.mark.django_db
def test_requests_are_counted_by_view_without_region_or_path_labels(
    scrape, site_client, tangsel, balikpapan
):
    key = (
        "sinergi_http_requests_total",
        (("method", "GET"), ("status", "2xx"), ("view", "wagtail_serve")),
    )
    missing = ("sinergi_http_requests_total", (("method", "GET"), ("status", "4xx")))
    before = scrape()
    for region in (tangsel, balikpapan):
        assert site_client(region).get("/").status_code == 200
        assert site_client(region).get(f"/tidak-ada-{region.slug}/").status_code == 404
    after = scrape()

    assert after[key] - before.get(key, 0) == 2
    not_found = sum(
        value - before.get((name, labels), 0)
        for (name, labels), value in after.items()
        if (name, labels[:2]) == missing
    )
    assert not_found == 2
    request_labels = {
        value
        for (name, labels) in after
        if name.startswith("sinergi_http_")
        for _label, value in labels
    }
    # Neither the region nor the typed path ever becomes a label value.
    assert not any(region.slug in v or region.schema_name in v for v in request_labels)
    assert not any("tidak-ada" in value for value in request_labels)
    assert after[("sinergi_http_request_duration_seconds_count", key[1][:1] + key[1][2:])] >= 2


@pytest.mark.django_db
def test_platform_gauges_count_regions_the_task_queue_and_every_regions_outbox(
    scrape, tangsel, balikpapan
):
    from django_q.models import OrmQ

    from notifications.models import Message
    from tenants.models import Region

    before = scrape()
    for region, channel, status in ((tangsel, "email", "queued"), (balikpapan, "email", "retry")):
        connection.set_tenant(region)
        Message.objects.create(
            channel=channel, to="warga@example.id", body="Halo", idempotency_key="m", status=status
        )
    connection.set_schema_to_public()
    OrmQ.objects.create(key="sinergi", payload="x", lock=None)
    after = scrape()

    active = Region.objects.filter(status="active").count()
    assert after[("sinergi_regions", (("status", "active"),))] == active
    assert (
        after[("sinergi_regions", (("status", "archived"),))]
        == Region.objects.filter(status="archived").count()
    )
    assert after[("sinergi_task_queue_depth", ())] == before[("sinergi_task_queue_depth", ())] + 1
    for status in ("queued", "retry"):
        key = ("sinergi_outbox_backlog", (("channel", "email"), ("status", status)))
        assert after[key] == before.get(key, 0) + 1
    assert after[("sinergi_outbox_oldest_pending_seconds", ())] >= 0


@pytest.fixture
def gunicorn(django_db_setup, tmp_path):
    port = processes.free_port()
    metrics_dir = tmp_path / "prometheus"
    log = (tmp_path / "gunicorn.log").open("w")
    metrics_dir.mkdir()
    (metrics_dir / "counter_999999.db").write_bytes(b"stale")  # left by a previous run
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--pythonpath=platform,.",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
        ],
        cwd=processes.ROOT,  # where gunicorn.conf.py is found, as in the image
        env=processes.child_env(
            METRICS_TOKEN=TOKEN, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir), METRICS_DB_SECONDS="0"
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    processes.wait_for_http(f"http://127.0.0.1:{port}/healthz")
    yield f"http://127.0.0.1:{port}", metrics_dir
    processes.stop(process)


def test_gunicorn_workers_metrics_are_summed_in_multiprocess_mode(gunicorn):
    base, metrics_dir = gunicorn
    port = base.rsplit(":", 1)[1]

    def robots(_):
        # A region's page (tangsel.localhost is the demo region's host in tests).
        host = {"Host": f"tangsel.localhost:{port}"}
        return requests.get(f"{base}/robots.txt", headers=host, timeout=10)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(robots, range(24)))
    assert all(answer.status_code == 200 for answer in answers)

    def count(scraped, view):
        labels = (("method", "GET"), ("status", "2xx"), ("view", view))
        return scraped.get(("sinergi_http_requests_total", labels), 0)

    headers = {"Authorization": f"Bearer {TOKEN}"}
    # Whichever worker answers the scrape, it reports every worker's requests.
    for _ in range(4):
        scraped = samples(requests.get(f"{base}/metrics", headers=headers, timeout=10).text)
        # The first answer is the view's, the others come from the shared page cache.
        assert count(scraped, "robots_txt") + count(scraped, "page_cache_hit") == 24
    assert not (metrics_dir / "counter_999999.db").exists()  # emptied at start
    assert scraped[("sinergi_regions", (("status", "active"),))] >= 3
