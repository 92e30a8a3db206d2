"""Requests per second of a region's home page vs a bare Django view, both behind the same
gunicorn (2 sync workers) and the same load generator, in the same run."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading
import time

from bench.report import ROOT, Figure
from tests.harness.processes import free_port, wait_for_http

WORKERS = 2
CLIENT_THREADS = 8
SECONDS = 6.0


def _gunicorn(app: str, port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--pythonpath",
            "platform,.",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _load(port: int, host: str, seconds: float) -> float:
    """Requests per second answered with 200, from CLIENT_THREADS loops on loopback."""
    stop = time.monotonic() + seconds
    counts = [0] * CLIENT_THREADS

    def loop(index: int) -> None:
        while time.monotonic() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/", headers={"Host": host})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                counts[index] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(CLIENT_THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def _serve_and_measure(app: str, host: str, env: dict) -> float:
    port = free_port()
    server = _gunicorn(app, port, env)
    try:
        wait_for_http(
            f"http://127.0.0.1:{port}/healthz" if "config" in app else f"http://127.0.0.1:{port}/"
        )
        _load(port, host, 1.0)  # warm up: imports, caches, connections
        return _load(port, host, SECONDS)
    finally:
        server.terminate()
        server.wait(10)


def measure(database_name: str) -> list[Figure]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_NAME=database_name,
        REGION_ROUTING_TTL="60",
        DJANGO_ALLOW_ASYNC_UNSAFE="false",
    )
    region = _serve_and_measure("config.wsgi:application", "tangsel.localhost", env)
    hello = _serve_and_measure("bench.hello_app:application", "localhost", env)
    print(f"home page of a region: {region:.0f} req/s; bare Django hello: {hello:.0f} req/s")
    return [
        Figure(
            name="region home page throughput",
            value=region,
            unit="requests/s, 2 sync workers",
            baseline_name="bare Django hello view",
            baseline=hello,
            target="ratio >= 0.5",
        )
    ]
