"""Delivery by real django-q2 clusters: retries, and a worker killed in the middle of a send.

Each test runs its own cluster on its own queue (Q_CLUSTER_NAME), so the session's shared
worker never takes these tasks, and this process queues onto that queue too. The sweep's
schedule is set aside meanwhile: the test runs the sweep itself, as the scheduler would
every minute.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest
from django.db import connection
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import Schedule, Task
from django_tenants.utils import schema_context

from notifications import api, tasks
from notifications.models import Message
from tests.harness import processes
from tests.notifications.conftest import make_person, set_gateway
from tests.notifications.local_gateway import running_gateway

pytestmark = pytest.mark.worker


@pytest.fixture
def own_queue(committed_db, django_db_setup, monkeypatch):
    """A queue name of this test's own; tasks queued here go there. Removes what the test
    committed in Tangerang Selatan afterwards."""
    name = f"notify-{django_db_setup}"
    monkeypatch.setattr(Conf, "CLUSTER_NAME", name)
    sweep = Schedule.objects.filter(name=tasks.SWEEP_SCHEDULE)
    sweep.delete()
    yield name
    with schema_context("tangsel"):
        from accounts.models import User
        from notifications.models import Gateway

        Message.objects.all().delete()
        Gateway.objects.all().delete()
        User.objects.filter(email__startswith="kirim-").delete()
    connection.set_schema_to_public()
    tasks.ensure_sweep_schedule()


@contextlib.contextmanager
def cluster(queue: str, log_name: str, **env: str):
    process = processes.start_manage(
        "qcluster",
        log_name=log_name,
        Q_CLUSTER_NAME=queue,
        Q_WORKERS="1",
        Q_POLL="0.1",
        **env,
    )
    try:
        yield process
    finally:
        processes.stop(process)


def _message(pk: int) -> Message:
    with schema_context("tangsel"):
        return Message.objects.get(pk=pk)


def _wait_for(predicate, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def _notify_by_sms(gateway_url: str, key: str) -> Message:
    """Committed, so the worker sees it (the `tangsel` fixture would roll it back)."""
    from tenants.models import Region

    tangsel = Region.objects.get(slug="tangsel")
    person = make_person(tangsel, email=f"kirim-{key}@tangsel.test", phone="081311112222", sms=True)
    set_gateway("sms", gateway_url)
    notice = api.notify(
        person,
        "laksa.status",
        "Laporan selesai",
        "Terima kasih.",
        channels=["sms"],
        idempotency_key=key,
    )
    message = notice.messages.get()
    connection.set_schema_to_public()
    return message


def test_gateway_failing_twice_then_succeeding_delivers_exactly_once(own_queue):
    with running_gateway(fail_first=2) as gateway:
        message = _notify_by_sms(gateway.url, "gagal-dua-kali")
        key = str(message.delivery_id)

        with cluster(own_queue, f"qcluster-retry-{own_queue}", NOTIFICATIONS_RETRY_DELAYS="1,1,1"):

            def sent_or_swept():
                current = _message(message.pk)
                if current.status == Message.Status.RETRY and current.next_attempt_at <= (
                    timezone.now()
                ):
                    tasks.sweep()  # what the scheduler runs every minute
                return current.status == Message.Status.SENT and current

            delivered = _wait_for(sent_or_swept, "delivery after two failures")
            time.sleep(0.5)  # a stray extra attempt would show up here

    assert gateway.keys() == [key, key, key]
    assert gateway.deliveries == {key: 1}
    assert delivered.attempts == 3
    assert _message(message.pk).status == Message.Status.SENT
    runs = Task.objects.filter(name__endswith="notifications.tasks.deliver")
    assert {(run.name, run.group, run.args[0]) for run in runs} == {
        ("tangsel:notifications.tasks.deliver", "tangsel:notifications", "tangsel")
    }
    assert runs.count() == 3


def test_worker_killed_mid_send_is_finished_by_a_new_worker_with_the_same_key(own_queue):
    # The task is handed out again Q_RETRY seconds after the killed cluster took it.
    timing = {"Q_TIMEOUT": "8", "Q_RETRY": "9"}
    with running_gateway(hold_first=True) as gateway:
        message = _notify_by_sms(gateway.url, "pekerja-mati")
        key = str(message.delivery_id)

        with cluster(own_queue, f"qcluster-killed-{own_queue}", **timing) as doomed:
            # The gateway has accepted the message and holds its answer: kill the whole
            # cluster now, before the worker can record that it was sent.
            assert gateway.first_request_arrived.wait(60), "the worker never called"
            os.killpg(doomed.pid, signal.SIGKILL)
            doomed.wait(10)
        gateway.release.set()
        after_kill = _message(message.pk)

        with cluster(own_queue, f"qcluster-after-{own_queue}", **timing):
            delivered = _wait_for(
                lambda: (m := _message(message.pk)).status == Message.Status.SENT and m,
                "delivery by the new worker",
            )

    assert (after_kill.status, after_kill.attempts) == (Message.Status.SENDING, 1)
    assert gateway.keys() == [key, key]
    assert gateway.deliveries == {key: 1}
    assert delivered.attempts == 2
    assert delivered.provider_reference == f"gw-{key}"
