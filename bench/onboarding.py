"""Approval to live region: a coordinator approves an application and the worker's job runs
to the end, for 20 regions back to back, with the warm pool (kept filled by a background
refiller, as the worker does after each claim) and without it, beside migrating from
scratch. The job runs in this process exactly as the worker runs it (`run_in_schema`)."""

from __future__ import annotations

import math
import statistics
import threading
import time
from datetime import timedelta

from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from bench.report import Figure
from core.tasks import run_in_schema
from onboarding import services
from onboarding.models import Application
from tenants import pool
from tenants.models import ProvisioningJob, Region
from tenants.services import RUN_TASK

RUNS = 20
POOL_SIZE = 3


def _verified(slug: str) -> Application:
    now = timezone.now()
    return Application.objects.create(
        region_name=f"Kabupaten {slug.title()}",
        kind="kabupaten",
        province="Banten",
        slug=slug,
        applicant_name="Bench Pemohon",
        applicant_position="Kepala Diskominfo",
        email=f"admin@{slug}.go.id",
        phone="+6281234567890",
        modules=["prices"],
        terms_accepted_at=now,
        base_url="http://localhost:8000",
        status=Application.Status.VERIFIED,
        verification_token_hash=f"bench-{slug}",
        verification_expires_at=now + timedelta(days=7),
        verified_at=now,
    )


def _approval_to_live(slug: str, coordinator) -> tuple[float, bool]:
    application = _verified(slug)
    started = time.perf_counter()
    services.approve_application(application, actor=coordinator)
    job = ProvisioningJob.objects.get(region__slug=slug)
    run_in_schema("public", RUN_TASK, job.pk)
    elapsed = time.perf_counter() - started
    connection.set_schema_to_public()
    job.refresh_from_db()
    assert job.region.status == Region.Status.ACTIVE, job.failure_reason
    return elapsed, job.from_pool


class _Refiller(threading.Thread):
    """What the worker does after each claim: clone until the pool is full again."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stopping = threading.Event()

    def run(self):
        try:
            while not self.stopping.is_set():
                if not pool.refill(POOL_SIZE):
                    self.stopping.wait(0.05)
        finally:
            connections.close_all()


def _series(prefix: str, coordinator, runs: int = RUNS) -> tuple[list[float], int]:
    timings, from_pool = [], 0
    for i in range(runs):
        elapsed, pooled = _approval_to_live(f"{prefix}-{i}", coordinator)
        timings.append(elapsed)
        from_pool += pooled
    return timings, from_pool


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank


def measure(migrate_baseline: float | None = None) -> list[Figure]:
    from accounts.models import User

    connection.set_schema_to_public()
    coordinator = User.objects.get(email="koordinator@sinergi.test")

    with override_settings(REGION_POOL_SIZE=POOL_SIZE):
        pool.refill()
        refiller = _Refiller()
        refiller.start()
        try:
            warm, hits = _series("bench-warm", coordinator)
        finally:
            refiller.stopping.set()
            refiller.join()
    pool.drain_all()
    with override_settings(REGION_POOL_SIZE=0):
        cold, _none = _series("bench-cold", coordinator)
    if migrate_baseline is None:
        with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False, REGION_POOL_SIZE=0):
            migrate_baseline = statistics.median(_series("bench-scratch", coordinator, 2)[0])

    print(f"approval to live, warm pool : {', '.join(f'{t:.2f}' for t in warm)} s")
    print(f"  {hits} of {RUNS} regions took a pool schema (pool of {POOL_SIZE})")
    print(f"approval to live, no pool   : {', '.join(f'{t:.2f}' for t in cold)} s")
    baseline = "migrate from scratch, median"
    return [
        Figure(
            "approval to live median (warm pool)",
            statistics.median(warm),
            "s",
            baseline,
            migrate_baseline,
            "< 1 s",
        ),
        Figure("approval to live p95 (warm pool)", p95(warm), "s", baseline, migrate_baseline),
        Figure(
            "approval to live median (no pool)",
            statistics.median(cold),
            "s",
            baseline,
            migrate_baseline,
        ),
        Figure("approval to live p95 (no pool)", p95(cold), "s", baseline, migrate_baseline),
    ]
