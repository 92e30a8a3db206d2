"""Deleting a region: only once it is archived, exported since, and its subdomain typed;
then only after the grace period, by the daily job, which drops the schema and media,
keeps the trail in the public schema, and tells the region's admins."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists

from audit.models import AuditEntry
from core.private_files import private_storage
from notifications.models import Message
from notifications.testing import deliver_pending, last_email_to, sent_emails
from tenants import lifecycle, tasks
from tenants.models import Region, RegionDeletion, RegionExport
from tenants.services import RegionRequest, provision_region
from tests.harness.fixtures import sign_in_staff

pytestmark = pytest.mark.fresh_region


@pytest.fixture
def serang(committed_db, tmp_path, private_media):
    """A region of its own (deleting a demo region would take it from every other test)."""
    connection.set_schema_to_public()
    last_audit = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    last_message = Message.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with override_settings(MEDIA_ROOT=tmp_path / "media", REGION_EXPORT_DIR=tmp_path / "exports"):
        region = provision_region(
            RegionRequest(
                slug="serang",
                name="Kabupaten Serang",
                kind="kabupaten",
                province="Banten",
                timezone="Asia/Jakarta",
                admin_email="admin@serang.test",
                admin_password="Serang-Rahasia-2026",
            )
        )
        with schema_context(region.schema_name):
            default_storage.save("halaman/banner.png", ContentFile(b"banner"))
            private_storage().save("dokumen/nib.pdf", ContentFile(b"%PDF-1.4 nib"))
        yield region
    connection.set_schema_to_public()
    RegionDeletion.objects.all().delete()
    RegionExport.objects.all().delete()
    Message.objects.filter(id__gt=last_message).delete()
    AuditEntry.objects.filter(id__gt=last_audit).delete()


@pytest.fixture
def operator(site_client, committed_db):
    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    return client


def _schedule(operator, region, confirm):
    return operator.post(
        f"/admin/konsol/hapus/daerah/{region.pk}/", {"confirm": confirm}, follow=True
    ).text


def test_deletion_waits_for_archive_export_confirmation_and_grace(
    serang, operator, tmp_path, private_media
):
    assert "Arsipkan daerah ini dulu" in _schedule(operator, serang, "serang")
    operator.post(f"/admin/konsol/daerah/{serang.pk}/archive/", {"confirm": "serang"})
    serang.refresh_from_db()
    assert serang.status == Region.Status.ARCHIVED
    assert "Buat ekspor Kabupaten Serang setelah diarsipkan" in _schedule(
        operator, serang, "serang"
    )

    operator.post(f"/admin/konsol/ekspor/daerah/{serang.pk}/")
    export = RegionExport.objects.get(region=serang)
    with override_settings(MEDIA_ROOT=tmp_path / "media", REGION_EXPORT_DIR=tmp_path / "exports"):
        tasks.run_export(export.pk)
    export.refresh_from_db()
    assert "Ketik subdomain “serang”" in _schedule(operator, serang, "Serang ")
    assert not RegionDeletion.objects.exists()

    page = _schedule(operator, serang, "serang")
    assert "admin daerah sudah diberi tahu" in page
    deletion = RegionDeletion.objects.get(region=serang)
    assert deletion.delete_after - timezone.now() > timedelta(days=29, hours=23)
    deliver_pending("public")
    told = last_email_to("admin@serang.test")
    assert "akan dihapus" in told.subject and "WIB" in told.body
    assert "Batalkan penghapusan Kabupaten Serang" in operator.get("/admin/konsol/").text

    assert tasks.delete_due_regions() == []  # still in its grace period
    assert schema_exists("serang")

    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        assert lifecycle.delete_due_regions(now=deletion.delete_after) == ["serang"]
        assert lifecycle.delete_due_regions(now=deletion.delete_after) == []  # idempotent

    assert not schema_exists("serang")
    assert not (tmp_path / "media" / "serang").exists()
    assert not (private_media / "serang").exists()  # private files go too
    assert not Region.objects.filter(slug="serang").exists()
    deletion.refresh_from_db()
    assert deletion.deleted_at is not None and deletion.export_name == export.file_name
    assert AuditEntry.objects.filter(
        action="tenants.deleted", object_repr="Kabupaten Serang"
    ).exists()
    deliver_pending("public")
    assert any("telah dihapus" in subject for subject in _subjects_to_admin()), _subjects_to_admin()
    assert Client(HTTP_HOST="serang.localhost").get("/").status_code == 404
    assert "dihapus" in operator.get("/admin/konsol/").text


def test_a_cancelled_deletion_never_runs(serang, operator, tmp_path):
    operator.post(f"/admin/konsol/daerah/{serang.pk}/archive/", {"confirm": "serang"})
    operator.post(f"/admin/konsol/ekspor/daerah/{serang.pk}/")
    with override_settings(MEDIA_ROOT=tmp_path / "media", REGION_EXPORT_DIR=tmp_path / "exports"):
        tasks.run_export(RegionExport.objects.get(region=serang).pk)
    _schedule(operator, serang, "serang")
    deletion = RegionDeletion.objects.get(region=serang)
    deliver_pending("public")

    page = operator.post(f"/admin/konsol/hapus/{deletion.pk}/batal/", follow=True).text
    assert "Penghapusan Kabupaten Serang dibatalkan" in page
    assert lifecycle.delete_due_regions(now=deletion.delete_after + timedelta(days=1)) == []
    assert schema_exists("serang")
    deliver_pending("public")
    assert any("dibatalkan" in subject for subject in _subjects_to_admin()), _subjects_to_admin()


def _subjects_to_admin() -> list[str]:
    """Every subject sent to Serang's admin. A worker process of another test may deliver one
    of these mails in its own outbox pass, so the order between the mailbox on disk and this
    process's outbox is not the send order: look for the mail, not at the last one."""
    return [mail.subject for mail in sent_emails("admin@serang.test")]
