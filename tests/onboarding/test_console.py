"""The operator console in the platform admin: regions by status, failed provisioning with a
retry, template health, failed tasks, and suspend / resume / archive."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.utils import timezone
from django_q.models import Task

from audit.models import AuditEntry
from tenants.models import ProvisioningJob, Region
from tests.harness.fixtures import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(site_client, db):
    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    return client


def test_operator_sees_every_region_by_status_with_modules_activity_and_storage(operator):
    page = operator.get("/admin/konsol/")

    assert page.status_code == 200
    assert "Aktif (3)" in page.text
    for name in ("Kota Tangerang", "Kota Tangerang Selatan", "Kota Balikpapan"):
        assert name in page.text
    assert "tangsel.localhost" in page.text
    assert "Harga Bahan Pokok" in page.text
    assert "kota pembina" in page.text
    assert "Tangguhkan Kota Balikpapan" in page.text
    assert re.search(r"<td>\d+(,\d)?\xa0(KB|MB)</td>", page.text)  # each schema's size
    assert "Konsol operator" in operator.get("/admin/").text


def test_last_activity_is_the_regions_latest_audit_entry_or_sign_in(operator, tangsel):
    moment = timezone.now().replace(year=2031, month=3, day=4, hour=5, minute=6)
    connection.set_tenant(tangsel)
    AuditEntry.objects.create(action="uji.aktivitas")
    AuditEntry.objects.filter(action="uji.aktivitas").update(at=moment)
    connection.set_schema_to_public()

    page = operator.get("/admin/konsol/")

    row = page.text.split("Kota Tangerang Selatan<br>", 1)[1].split("</tr>", 1)[0]
    assert timezone.localtime(moment).strftime("%Y %H:%M") in row


def _row_of(page, name: str) -> str:
    return page.text.split(f"{name}<br>", 1)[1].split("</tr>", 1)[0]


def test_each_region_shows_the_plan_whose_limits_apply(operator, tangsel, balikpapan):
    from billing import services
    from billing.models import Plan, Subscription

    services.change_plan(tangsel, Plan.objects.get(key="standar"))
    Subscription.objects.filter(region=balikpapan).delete()

    page = operator.get("/admin/konsol/")

    assert "<td>Standar</td>" in _row_of(page, "Kota Tangerang Selatan")
    assert "<td>Kemitraan</td>" in _row_of(page, "Kota Balikpapan")  # no subscription
    Subscription.objects.filter(region=tangsel).update(limited_since=timezone.localdate())
    assert "Standar (dibatasi: Kemitraan)" in _row_of(
        operator.get("/admin/konsol/"), "Kota Tangerang Selatan"
    )


def test_template_health_shows_a_stale_template(operator):
    assert "terkini" in operator.get("/admin/konsol/").text
    with connection.cursor() as cursor:
        cursor.execute("COMMENT ON SCHEMA region_template IS 'sinergi-template:lama'")

    page = operator.get("/admin/konsol/")

    assert "usang: jalankan refresh_region_template" in page.text
    assert "<code>lama</code>" in page.text


def test_failed_provisioning_shows_its_reason_and_can_be_retried(operator):
    region = Region.objects.create(
        slug="cilegon",
        schema_name="cilegon",
        name="Kota Cilegon",
        kind="kota",
        province="Banten",
        status=Region.Status.FAILED,
        failure_reason="disk penuh",
    )
    job = ProvisioningJob.objects.create(
        region=region,
        status=ProvisioningJob.Status.FAILED,
        failed_step="create_site",
        failure_reason="disk penuh",
        attempts=1,
        spec={"admin_email": "admin@cilegon.go.id"},
    )

    page = operator.get("/admin/konsol/")
    retried = operator.post(f"/admin/konsol/daerah/{region.pk}/ulangi-penyiapan/", follow=True)

    assert "Penyiapan gagal" in page.text
    assert "<code>disk penuh</code>" in page.text
    assert "Ulangi penyiapan Kota Cilegon" in page.text
    assert "Penyiapan Kota Cilegon diulang." in retried.text
    job.refresh_from_db()
    region.refresh_from_db()
    assert job.status == ProvisioningJob.Status.QUEUED
    assert region.status == Region.Status.PROVISIONING
    assert AuditEntry.objects.filter(
        action="tenants.retry_provisioning", object_id=str(region.pk), actor_name="Operator Sinergi"
    ).exists()


def test_failed_background_tasks_are_listed(operator):
    now = timezone.now()
    Task.objects.create(
        id="gagal-uji",
        name="public:tenants.tasks.run_provisioning",
        func="core.tasks.run_in_schema",
        started=now,
        stopped=now,
        success=False,
        result="ConnectionError: gateway mati",
    )

    page = operator.get("/admin/konsol/")

    assert "public:tenants.tasks.run_provisioning" in page.text
    assert "gateway mati" in page.text
    assert "notifications.sweep" in page.text  # the schedules, with their next run


def test_suspend_then_resume_a_region_audited(operator, site_client, tangsel):
    suspended = operator.post(f"/admin/konsol/daerah/{tangsel.pk}/suspend/", follow=True)
    resident_view = site_client(tangsel).get("/")
    resumed = operator.post(f"/admin/konsol/daerah/{tangsel.pk}/resume/", follow=True)

    assert "Kota Tangerang Selatan kini berstatus Ditangguhkan." in suspended.text
    assert resident_view.status_code == 503
    assert "Kota Tangerang Selatan kini berstatus Aktif." in resumed.text
    assert site_client(tangsel).get("/").status_code == 200
    connection.set_schema_to_public()
    moves = AuditEntry.objects.filter(
        action="tenants.set_status", object_id=str(tangsel.pk), actor_name="Operator Sinergi"
    ).order_by("id")
    assert [entry.details["to"] for entry in moves] == ["suspended", "active"]


def test_archiving_needs_the_subdomain_typed(operator, site_client, tangsel):
    refused = operator.post(
        f"/admin/konsol/daerah/{tangsel.pk}/archive/", {"confirm": "tangsell"}, follow=True
    )
    tangsel.refresh_from_db()
    assert "Ketik subdomain “tangsel”" in refused.text
    assert tangsel.status == Region.Status.ACTIVE

    operator.post(f"/admin/konsol/daerah/{tangsel.pk}/archive/", {"confirm": "tangsel"})

    tangsel.refresh_from_db()
    assert tangsel.status == Region.Status.ARCHIVED
    assert site_client(tangsel).get("/").status_code == 410


def test_an_action_that_does_not_fit_the_status_changes_nothing(operator, tangsel):
    response = operator.post(f"/admin/konsol/daerah/{tangsel.pk}/resume/", follow=True)
    unknown = operator.post(f"/admin/konsol/daerah/{tangsel.pk}/hapus/", follow=True)

    tangsel.refresh_from_db()
    assert "tindakan ini tidak berlaku" in response.text
    assert "Tindakan tidak dikenal" in unknown.text
    assert tangsel.status == Region.Status.ACTIVE
    assert not AuditEntry.objects.filter(action="tenants.set_status").exists()


def test_coordinators_and_mentors_have_no_console(site_client, tangsel):
    for email in ("koordinator@sinergi.test", "mentor@sinergi.test"):
        client = site_client(None)
        sign_in_staff(client, None, email)

        assert client.get("/admin/konsol/")["Location"] == "/admin/"
        assert client.post(f"/admin/konsol/daerah/{tangsel.pk}/suspend/")["Location"] == "/admin/"
        assert "Konsol operator" not in client.get("/admin/").text
    tangsel.refresh_from_db()
    assert tangsel.status == Region.Status.ACTIVE


def test_the_console_does_not_exist_in_a_region_admin(admin_client_for, balikpapan, tangsel):
    region_admin = admin_client_for(tangsel)

    assert region_admin.get("/admin/konsol/").status_code == 404
    assert region_admin.post(f"/admin/konsol/daerah/{balikpapan.pk}/suspend/").status_code == 404
    assert "Konsol operator" not in region_admin.get("/admin/").text
    balikpapan.refresh_from_db()
    assert balikpapan.status == Region.Status.ACTIVE
