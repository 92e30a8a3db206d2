"""The monthly billing run on a real django-q2 worker: correct invoices, nothing more when
run again, and a worker killed half-way leaves exactly one invoice per region, numbers
without a gap and one email per invoice once the run is started again."""

from __future__ import annotations

import os
import signal

import pytest
from django.db import connection
from django_q.models import Task
from django_q.tasks import async_task

from billing.models import Invoice
from core.tasks import enqueue
from notifications.models import Message
from tests.billing.conftest import PERIOD, wait_until
from tests.billing.probes import PAUSE_LOCK
from tests.harness import processes


def _invoices():
    return Invoice.objects.filter(region__slug__startswith="uji-tagihan-", period=PERIOD)


def _sequence(invoice) -> int:
    return int(invoice.number.rsplit("/", 1)[1])


def _finished(group: str, count: int) -> bool:
    return Task.objects.filter(group=group).count() >= count


@pytest.mark.worker
def test_the_run_bills_each_region_by_its_plan_and_usage_and_twice_is_once(
    billed_regions, q_worker
):
    regions = billed_regions([(1_000_000, 0), (2_500_000, 150), (0, 120)])

    enqueue("billing.tasks.run_billing", PERIOD.isoformat(), group="uji-run")
    first = wait_until(lambda: Task.objects.filter(group="uji-run").first(), what="the run")
    assert first.success, first.result
    wait_until(lambda: _finished(f"billing:{PERIOD:%Y-%m}", first.result), what="billing")

    invoices = {i.region_id: i for i in _invoices()}
    totals = [invoices[r.pk].total if r.pk in invoices else None for r in regions]
    # Plan + PPN 12%; 50 messages over quota at Rp 300; the last plan costs nothing but
    # its 20 extra messages do.
    assert totals == [1_120_000, (2_500_000 + 15_000) * 112 // 100, 6_720]
    numbers = sorted(_sequence(i) for i in invoices.values())
    assert numbers == list(range(numbers[0], numbers[0] + 3))

    enqueue("billing.tasks.run_billing", PERIOD.isoformat(), group="uji-run")
    wait_until(lambda: _finished("uji-run", 2), what="the second run")
    second = Task.objects.filter(group="uji-run").order_by("stopped").last()
    wait_until(
        lambda: _finished(f"billing:{PERIOD:%Y-%m}", first.result + second.result),
        what="the second billing",
    )
    assert sorted(_sequence(i) for i in _invoices()) == numbers
    keys = Message.objects.filter(idempotency_key__startswith="billing.invoice:")
    assert keys.count() == 3


@pytest.mark.worker
def test_a_worker_killed_mid_run_then_run_again_bills_each_region_once(billed_regions):
    regions = billed_regions([(1_000_000, 0)] * 5)
    queue = "uji-tagihan"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [PAUSE_LOCK])
    cluster = processes.start_manage(
        "qcluster",
        log_name="qcluster-billing-kill",
        Q_WORKERS="1",
        Q_POLL="0.1",
        Q_CLUSTER_NAME=queue,
        BILLING_CHECKPOINT="tests.billing.probes.pause_after_two",
    )
    try:
        _start_run(queue)
        wait_until(_worker_waits_on_the_lock, what="the worker pausing at its third invoice")
        os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait(10)
        with connection.cursor() as cursor:
            # The killed worker's database session still holds the uncommitted third
            # invoice; end it as PostgreSQL would once it noticed the client gone.
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_locks "
                "WHERE locktype = 'advisory' AND objid = %s AND NOT granted",
                [PAUSE_LOCK],
            )
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PAUSE_LOCK])
        assert _invoices().count() == 2

        cluster = processes.start_manage(
            "qcluster",
            log_name="qcluster-billing-rerun",
            Q_WORKERS="1",
            Q_POLL="0.1",
            Q_CLUSTER_NAME=queue,
        )
        _start_run(queue)
        wait_until(lambda: _invoices().count() == len(regions), what="every region billed")
        wait_until(lambda: _finished_runs(2), what="the second run")
    finally:
        processes.stop(cluster)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock_all()")

    invoices = list(_invoices())
    assert sorted(i.region_id for i in invoices) == sorted(r.pk for r in regions)
    numbers = sorted(_sequence(i) for i in invoices)
    assert numbers == list(range(numbers[0], numbers[0] + len(regions)))
    for invoice in invoices:
        sent = Message.objects.filter(idempotency_key__startswith=f"billing.invoice:{invoice.pk}:")
        assert sent.count() == 1, invoice.number


def _start_run(queue: str) -> None:
    async_task(
        "core.tasks.run_in_schema",
        "public",
        "billing.tasks.run_billing",
        PERIOD.isoformat(),
        cluster=queue,
        group="uji-run-kill",
    )


def _finished_runs(count: int) -> bool:
    return Task.objects.filter(group="uji-run-kill").count() >= count - 1


def _worker_waits_on_the_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s "
            "AND NOT granted",
            [PAUSE_LOCK],
        )
        return cursor.fetchone()[0] == 1
