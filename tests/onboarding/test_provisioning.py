"""On approval the region is made on the worker, step by step, and the applicant watches it;
a failure at any step leaves nothing behind and can be retried; a killed worker's job runs
again to the same end."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django_q.conf import Conf
from django_tenants.utils import schema_context, schema_exists

from audit.models import AuditEntry
from core.tasks import run_in_schema
from modules.models import ModuleActivation
from notifications.testing import deliver_pending, last_email_to, links_in
from onboarding import links
from onboarding.models import Application
from tenants import services
from tenants.models import Domain, ProvisioningJob, Region
from tests.harness.fixtures import sign_in_staff
from tests.onboarding.conftest import COORDINATOR, join_data, last_link_to, path_of

pytestmark = pytest.mark.fresh_region

APPLICANT = "diskominfo@pandeglangkab.go.id"
STEP_NAMES = [step.__name__ for step in services.STEPS]


def _platform() -> Client:
    return Client(HTTP_HOST=settings.PLATFORM_DOMAIN)


def _coordinator() -> Client:
    client = _platform()
    sign_in_staff(client, None, COORDINATOR)
    return client


def _approved(coordinator: Client) -> Application:
    """Apply, verify and approve through the pages, each request committed."""
    applicant = _platform()
    applicant.post("/bergabung/", join_data())
    applicant.post(path_of(last_link_to(APPLICANT)))
    application = Application.objects.get(slug="pandeglang")
    coordinator.post(f"/admin/pendaftaran/{application.pk}/setujui/")
    deliver_pending("public")  # the approval's mail, before anything later
    application.refresh_from_db()
    return application


def _job(application: Application) -> ProvisioningJob:
    return ProvisioningJob.objects.get(region__slug=application.slug)


def _run_on_worker(job: ProvisioningJob) -> None:
    """What the worker does with the queued task."""
    run_in_schema("public", services.RUN_TASK, job.pk)
    connection.set_schema_to_public()


def _status(application: Application) -> dict:
    return (
        _platform().get(f"/bergabung/status/{links.status_token(application)}/progres.json").json()
    )


@pytest.fixture
def committed(committed_db, public_rows_cleanup, django_db_setup, monkeypatch):
    """Committed data, and a queue of this test's own: the session's worker (if another
    test started it) must not take these tasks; the test runs them as the worker would."""
    monkeypatch.setattr(Conf, "CLUSTER_NAME", f"onboarding-{django_db_setup}")
    mail.outbox.clear()


def _queued_runs(job: ProvisioningJob) -> int:
    from django_q.models import OrmQ

    return sum(
        1
        for item in OrmQ.objects.filter(key=Conf.CLUSTER_NAME)
        if tuple(item.task["args"][1:]) == (services.RUN_TASK, job.pk)
    )


def test_approved_region_goes_live_and_its_applicant_sets_the_admin_password(committed):
    application = _approved(_coordinator())
    job = _job(application)
    before = _status(application)
    assert _queued_runs(job) == 1

    _run_on_worker(job)

    after = _status(application)
    application.refresh_from_db()
    assert before["state"] == "queued" and before["percent"] == 0
    assert [s["state"] for s in before["steps"]] == ["waiting"] * len(STEP_NAMES)
    assert [s["label"] for s in before["steps"]] == [
        "Skema basis data",
        "Modul",
        "Situs dan halaman awal",
        "Tampilan",
        "Akun admin",
        "Domain dan aktivasi",
    ]
    assert after["state"] == "live" and after["percent"] == 100 and after["finished"]
    assert application.status == Application.Status.LIVE
    region = Region.objects.get(slug="pandeglang")
    assert region.status == Region.Status.ACTIVE
    assert region.timezone == "Asia/Jakarta"
    assert Domain.objects.get(tenant=region).domain == "pandeglang.localhost"
    assert ModuleActivation.objects.get(region=region).module_key == "prices"
    with schema_context("pandeglang"):
        from accounts.models import User

        admin = User.objects.get()
        assert admin.email == APPLICANT and admin.get_full_name() == "Dewi Lestari"
        assert admin.is_superuser and not admin.has_usable_password()
        assert list(admin.groups.values_list("name", flat=True)) == ["Admin Daerah"]
    home = Client(HTTP_HOST="pandeglang.localhost").get("/")
    assert "<h1>Kabupaten Pandeglang</h1>" in home.text
    assert "Harga Bahan Pokok" in home.text

    deliver_pending("public")
    told = last_email_to(APPLICANT)
    assert "sudah aktif" in told.subject
    password_link = next(link for link in links_in(told) if "/akun/lupa-sandi/" in link)
    assert password_link.startswith("http://pandeglang.localhost/akun/lupa-sandi/")

    page = _platform().get(f"/bergabung/status/{links.status_token(application)}/")
    assert "Buat kata sandi admin" in page.text
    assert 'href="http://pandeglang.localhost/admin/"' in page.text

    region_host = Client(HTTP_HOST="pandeglang.localhost")
    form_url = region_host.get(path_of(password_link))["Location"]
    saved = region_host.post(
        form_url, {"new_password1": "Pandeglang-Maju-2026", "new_password2": "Pandeglang-Maju-2026"}
    )
    reused = Client(HTTP_HOST="pandeglang.localhost").get(path_of(password_link), follow=True)

    assert saved.status_code == 302
    with schema_context("pandeglang"):
        assert User.objects.get().check_password("Pandeglang-Maju-2026")
    assert "Tautan ini tidak berlaku lagi" in reused.text
    page = _platform().get(f"/bergabung/status/{links.status_token(application)}/")
    assert "Kata sandi admin sudah dibuat" in page.text
    assert "/akun/lupa-sandi/" not in page.text


def test_status_page_polls_a_json_endpoint_and_refreshes_without_javascript(committed):
    application = _approved(_coordinator())

    page = _platform().get(f"/bergabung/status/{links.status_token(application)}/")

    assert 'src="/static/onboarding/progress.js"' in page.text
    assert '<noscript><meta http-equiv="refresh" content="1"></noscript>' in page.text
    assert (
        f'data-progress-url="/bergabung/status/{links.status_token(application)}/progres.json"'
        in page.text
    )
    assert '<progress id="progres-bar" max="100" value="0">' in page.text


def test_a_killed_worker_runs_the_job_again_to_the_same_end(committed, monkeypatch):
    application = _approved(_coordinator())
    job = _job(application)

    class WorkerKilled(BaseException):
        """Not an Exception: nothing is undone, as when the process dies."""

    def killed(region, request):
        raise WorkerKilled

    killed.__name__ = "create_admin"
    steps = [killed if s.__name__ == "create_admin" else s for s in services.STEPS]
    with monkeypatch.context() as patched, pytest.raises(WorkerKilled):
        patched.setattr(services, "STEPS", steps)
        _run_on_worker(job)
    connections.close_all()  # the dead worker's connection, and its lock, are gone
    connection.set_schema_to_public()

    half = _status(application)
    _run_on_worker(job)

    assert half["state"] == "running"
    assert [s["state"] for s in half["steps"]] == ["done"] * 4 + ["running", "waiting"]
    assert half["percent"] == 66
    job.refresh_from_db()
    assert job.status == ProvisioningJob.Status.DONE
    assert job.attempts == 2
    region = Region.objects.get(slug="pandeglang")
    assert region.status == Region.Status.ACTIVE
    assert Domain.objects.filter(tenant=region).count() == 1
    assert ModuleActivation.objects.filter(region=region).count() == 1
    with schema_context("pandeglang"):
        from accounts.models import User
        from pages.models import HomePage

        assert User.objects.count() == 1
        assert HomePage.objects.count() == 1
    assert (
        AuditEntry.objects.filter(action="tenants.provision", object_id=str(region.pk)).count() == 1
    )


def test_a_job_another_worker_holds_is_left_alone(committed):
    application = _approved(_coordinator())
    job = _job(application)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(7301, %s)", [job.pk])

        assert services.run_job(job.pk) is None
        job.refresh_from_db()
        assert job.status == ProvisioningJob.Status.QUEUED
        assert not schema_exists("pandeglang")
    finally:
        other.close()


@pytest.mark.parametrize("failing_step", STEP_NAMES)
def test_failure_at_any_step_leaves_nothing_behind_shows_why_and_can_be_retried(
    committed, monkeypatch, failing_step
):
    coordinator = _coordinator()
    application = _approved(coordinator)
    job = _job(application)

    def broken(region, request):
        raise RuntimeError(f"disk penuh saat {failing_step}")

    broken.__name__ = failing_step  # steps are known by their names
    steps = [broken if s.__name__ == failing_step else s for s in services.STEPS]
    with monkeypatch.context() as patched:
        patched.setattr(services, "STEPS", steps)
        _run_on_worker(job)

    region = Region.objects.get(slug="pandeglang")
    assert region.status == Region.Status.FAILED
    assert not schema_exists("pandeglang")
    assert not Domain.objects.filter(tenant=region).exists()
    assert not ModuleActivation.objects.filter(region=region).exists()
    assert Client(HTTP_HOST="pandeglang.localhost").get("/").status_code == 404
    job.refresh_from_db()
    assert (job.status, job.failed_step) == (ProvisioningJob.Status.FAILED, failing_step)
    status = _status(application)
    assert status["state"] == "failed" and status["finished"]
    assert status["failure_reason"] == f"disk penuh saat {failing_step}"
    assert [s["state"] for s in status["steps"]][STEP_NAMES.index(failing_step)] == "failed"
    deliver_pending("public")
    assert "gagal" in last_email_to(COORDINATOR).subject
    detail = coordinator.get(f"/admin/pendaftaran/{application.pk}/")
    assert f"disk penuh saat {failing_step}" in detail.text
    assert "Kabupaten Pandeglang" in coordinator.get("/admin/pendaftaran/").text

    retried = coordinator.post(f"/admin/pendaftaran/{application.pk}/ulangi/")
    assert _queued_runs(job) == 2
    _run_on_worker(job)

    assert retried.status_code == 302
    assert Region.objects.get(pk=region.pk).status == Region.Status.ACTIVE
    application.refresh_from_db()
    assert application.status == Application.Status.LIVE
    assert AuditEntry.objects.filter(
        action="tenants.retry_provisioning", actor_name="Rina Koordinator"
    ).exists()


def test_status_json_does_not_exist_on_a_region_host(committed):
    application = _approved(_coordinator())
    token = links.status_token(application)

    response = Client(HTTP_HOST="tangsel.localhost").get(f"/bergabung/status/{token}/progres.json")

    assert response.status_code == 404
