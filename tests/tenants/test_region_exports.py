"""Exports in the admin: a region admin makes and downloads its own region's archive (also
while the region is suspended); the operator exports any region from the console. Nobody
gets another region's archive."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from django.db import connection
from django.test import override_settings

from tenants import tasks
from tenants.models import Region, RegionExport
from tests.harness.fixtures import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def export_dir(tmp_path):
    with override_settings(REGION_EXPORT_DIR=tmp_path / "exports"):
        yield tmp_path / "exports"


@pytest.fixture
def operator(site_client):
    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    return client


def _manifest(response) -> dict:
    body = b"".join(response.streaming_content)
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def _run_queued_export() -> RegionExport:
    export = RegionExport.objects.latest("created_at")
    tasks.run_export(export.pk)  # what the worker does once the request commits
    export.refresh_from_db()
    return export


def test_region_admin_exports_and_downloads_its_own_region(tangsel, admin_client_for):
    admin = admin_client_for(tangsel)
    page = admin.post("/admin/ekspor/buat/", follow=True)
    assert "Ekspor sedang dibuat" in page.text

    export = _run_queued_export()
    assert export.region == tangsel and export.requested_by == "admin@tangsel.test"
    page = admin.get("/admin/ekspor/")
    assert f"Unduh {export.file_name}" in page.text

    download = admin.get(f"/admin/ekspor/{export.pk}/unduh/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert _manifest(download)["region"]["slug"] == "tangsel"


def test_another_region_cannot_see_or_download_the_archive(tangsel, balikpapan, admin_client_for):
    admin_client_for(tangsel).post("/admin/ekspor/buat/")
    export = _run_queued_export()

    other = admin_client_for(balikpapan)
    assert export.file_name not in other.get("/admin/ekspor/").text
    assert other.get(f"/admin/ekspor/{export.pk}/unduh/").status_code == 404


def test_a_suspended_region_still_exports_for_its_staff(tangsel, admin_client_for, site_client):
    connection.set_schema_to_public()
    Region.objects.filter(pk=tangsel.pk).update(status=Region.Status.SUSPENDED)

    assert site_client(tangsel).get("/").status_code == 503
    admin = admin_client_for(tangsel)
    assert admin.get("/admin/ekspor/").status_code == 200
    admin.post("/admin/ekspor/buat/")
    assert _run_queued_export().status == RegionExport.Status.DONE


def test_staff_who_are_not_region_admins_cannot_export(tangsel, site_client):
    from accounts.models import User

    connection.set_tenant(tangsel)
    User.objects.create_user(email="staf@tangsel.test", password="Staf-Rahasia-2026")
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "staf@tangsel.test")
    assert client.post("/admin/ekspor/buat/").status_code in (302, 403)
    assert not RegionExport.objects.exists()


def test_operator_exports_any_region_downloads_it_and_restore_refuses_a_taken_slug(
    operator, balikpapan
):
    page = operator.post(f"/admin/konsol/ekspor/daerah/{balikpapan.pk}/", follow=True)
    assert "Ekspor Kota Balikpapan sedang dibuat" in page.text
    export = _run_queued_export()

    page = operator.get("/admin/konsol/")
    assert export.file_name in page.text
    assert "Pulihkan ekspor balikpapan" in page.text
    assert (
        _manifest(operator.get(f"/admin/konsol/ekspor/{export.pk}/unduh/"))["region"]["slug"]
        == "balikpapan"
    )

    page = operator.post(
        f"/admin/konsol/ekspor/{export.pk}/pulihkan/", {"slug": "tangsel"}, follow=True
    )
    assert "Subdomain “tangsel” sudah dipakai." in page.text
    page = operator.post(
        f"/admin/konsol/ekspor/{export.pk}/pulihkan/", {"slug": "www"}, follow=True
    )
    assert "dicadangkan" in page.text
    assert Region.objects.count() == 3


def test_region_admin_cannot_reach_the_operator_download(tangsel, admin_client_for):
    admin = admin_client_for(tangsel)
    admin.post("/admin/ekspor/buat/")
    export = _run_queued_export()
    assert admin.get(f"/admin/konsol/ekspor/{export.pk}/unduh/").status_code == 404


def _ready_mails(address: str) -> list:
    from notifications.testing import sent_emails

    return [m for m in sent_emails(address) if "siap diunduh" in m.subject]


@override_settings(WAGTAILADMIN_BASE_URL="https://bukan-ini.example:9999")
def test_the_admin_who_asked_is_mailed_once_with_a_link_on_the_regions_own_domain(
    tangsel, admin_client_for
):
    from notifications.testing import deliver_pending, links_in
    from tenants.models import Domain

    connection.set_schema_to_public()
    Domain.objects.filter(tenant=tangsel).update(is_primary=False)
    Domain.objects.create(domain="data.tangerangselatankota.go.id", tenant=tangsel, is_primary=True)
    before = len(_ready_mails("admin@tangsel.test"))
    admin = admin_client_for(tangsel)
    admin.post("/admin/ekspor/buat/")
    export = _run_queued_export()
    tasks.run_export(export.pk)  # the worker ran the task again
    deliver_pending("public")
    deliver_pending("public")

    mails = _ready_mails("admin@tangsel.test")
    assert len(mails) == before + 1
    assert "Kota Tangerang Selatan" in mails[-1].subject
    assert links_in(mails[-1]) == ["http://data.tangerangselatankota.go.id/admin/ekspor/"]


def test_an_export_the_operator_asked_for_mails_no_region_admin(tangsel, operator):
    from notifications.testing import deliver_pending

    before = len(_ready_mails("admin@tangsel.test"))
    operator.post(f"/admin/konsol/ekspor/daerah/{tangsel.pk}/")
    export = _run_queued_export()
    assert export.status == RegionExport.Status.DONE and export.region == tangsel
    deliver_pending("public")
    assert len(_ready_mails("admin@tangsel.test")) == before
    assert _ready_mails("operator@sinergi.test") == []
