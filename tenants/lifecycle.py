"""The end of a region's life: deletion, only after an archive, an export made since, a
typed confirmation and a grace period (REGION_DELETION_GRACE_DAYS, 30 by default).

`schedule_deletion` records the wish (RegionDeletion, public schema) and tells the region's
admins; a daily schedule (`tenants.tasks.delete_due_regions`) deletes what is due: the
schema, the media files, the region's public rows. The RegionDeletion row and the public
audit entries stay as the trail. Deleting is idempotent: a worker killed half-way finishes
the job on the next run.
"""

from __future__ import annotations

import logging
import shutil
from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from audit import api as audit
from tenants.models import DomainClaim, Region, RegionDeletion, RegionExport

log = logging.getLogger(__name__)

DELETE_SCHEDULE = "tenants.delete_due_regions"


def ensure_deletion_schedule(**_kwargs) -> None:
    from core.schedules import ensure_schedule

    ensure_schedule(DELETE_SCHEDULE, "tenants.tasks.delete_due_regions", daily_at=time(3, 15))


def pending_deletion(region: Region) -> RegionDeletion | None:
    return RegionDeletion.objects.filter(
        region=region, cancelled_at__isnull=True, deleted_at__isnull=True
    ).first()


def export_since_archive(region: Region) -> RegionExport | None:
    if region.archived_at is None:
        return None
    return (
        RegionExport.objects.filter(
            region=region, status=RegionExport.Status.DONE, created_at__gte=region.archived_at
        )
        .order_by("-created_at")
        .first()
    )


def schedule_deletion(region: Region, *, confirm: str, actor=None, request=None) -> RegionDeletion:
    """Delete the region after the grace period. Raises ValidationError, and changes nothing,
    unless it is archived, exported since, and its subdomain typed as confirmation."""
    connection.set_schema_to_public()
    if (confirm or "").strip() != region.slug:
        raise ValidationError(
            _("Ketik subdomain “%(slug)s” untuk menjadwalkan penghapusan %(region)s.")
            % {"slug": region.slug, "region": region.name}
        )
    if region.status != Region.Status.ARCHIVED:
        raise ValidationError(
            _("Arsipkan daerah ini dulu; hanya daerah terarsip yang dapat dihapus.")
        )
    export = export_since_archive(region)
    if export is None:
        raise ValidationError(
            _("Buat ekspor %(region)s setelah diarsipkan dan pastikan selesai sebelum menghapus.")
            % {"region": region.name}
        )
    existing = pending_deletion(region)
    if existing is not None:
        return existing
    with transaction.atomic():
        deletion = RegionDeletion.objects.create(
            region=region,
            region_name=region.name,
            slug=region.slug,
            schema_name=region.schema_name,
            requested_by=getattr(actor, "email", "") or "",
            delete_after=timezone.now() + timedelta(days=settings.REGION_DELETION_GRACE_DAYS),
            export_name=export.file_name,
        )
        audit.record(
            "tenants.deletion_scheduled",
            actor=actor,
            obj=region,
            request=request,
            details={"delete_after": deletion.delete_after.isoformat(), "export": export.pk},
        )
        _tell_admins(region, deletion, "scheduled")
    return deletion


def cancel_deletion(deletion: RegionDeletion, *, actor=None, request=None) -> RegionDeletion:
    connection.set_schema_to_public()
    with transaction.atomic():
        deletion = RegionDeletion.objects.select_for_update().get(pk=deletion.pk)
        if deletion.deleted_at is not None:
            raise ValidationError(_("Daerah ini sudah dihapus."))
        if deletion.cancelled_at is None:
            deletion.cancelled_at = timezone.now()
            deletion.save(update_fields=["cancelled_at"])
            audit.record(
                "tenants.deletion_cancelled",
                actor=actor,
                obj=deletion.region,
                request=request,
                details={"slug": deletion.slug},
            )
            if deletion.region is not None:
                _tell_admins(deletion.region, deletion, "cancelled")
    return deletion


def delete_due_regions(now=None) -> list[str]:
    """The daily job: delete every region whose grace period is over. Returns their slugs."""
    connection.set_schema_to_public()
    due = RegionDeletion.objects.filter(
        delete_after__lte=now or timezone.now(),
        cancelled_at__isnull=True,
        deleted_at__isnull=True,
    )
    return [delete_region(deletion) for deletion in due]


def delete_region(deletion: RegionDeletion) -> str:
    from modules.models import ModuleActivation

    connection.set_schema_to_public()
    region = deletion.region
    if region is not None:
        admins = admin_emails(deletion.schema_name)
        _delete_media(deletion.schema_name)
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{deletion.schema_name}" CASCADE')
        with transaction.atomic():
            region.domains.all().delete()
            DomainClaim.objects.filter(region=region).delete()
            ModuleActivation.objects.filter(region=region).delete()
            audit.record(
                "tenants.deleted",
                obj=region,
                details={"slug": deletion.slug, "schema": deletion.schema_name},
            )
            deletion.deleted_at = timezone.now()
            deletion.save(update_fields=["deleted_at"])
            _tell_addresses(admins, deletion, "deleted", region.timezone)
            region.delete()  # the deletion row and the exports keep their names
    elif deletion.deleted_at is None:
        deletion.deleted_at = timezone.now()
        deletion.save(update_fields=["deleted_at"])
    log.info("region deleted", extra={"region": deletion.schema_name})
    return deletion.slug


def _delete_media(schema_name: str) -> None:
    """Public media and private files alike."""
    from tenants.exports import file_stores

    with schema_context(schema_name):
        for storage in file_stores().values():
            _delete_folder("", storage)


def _delete_folder(folder: str, storage) -> None:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}{name}")
    for name in folders:
        _delete_folder(f"{folder}{name}/", storage)
    try:
        location = storage.path(folder)
    except NotImplementedError:  # object storage: no folders to leave behind
        return
    shutil.rmtree(location, ignore_errors=True)  # a file system keeps the empty folders


def admin_emails(schema_name: str) -> list[str]:
    if not schema_exists(schema_name):
        return []
    from accounts.models import User

    with schema_context(schema_name):
        return sorted(
            User.objects.filter(is_superuser=True, is_active=True).values_list("email", flat=True)
        )


def _tell_admins(region: Region, deletion: RegionDeletion, event: str) -> None:
    _tell_addresses(admin_emails(region.schema_name), deletion, event, region.timezone)


def _tell_addresses(
    addresses: list[str], deletion: RegionDeletion, event: str, zone: str = settings.TIME_ZONE
) -> None:
    """Mail from the public schema's outbox: it outlives the region's own."""
    from zoneinfo import ZoneInfo

    from notifications.api import send_email

    local = timezone.localtime(deletion.delete_after, ZoneInfo(zone))
    when = f"{local:%d-%m-%Y %H:%M} {Region.TimeZone(zone).label.split(' ')[0]}"
    subjects = {
        "scheduled": _("%(region)s akan dihapus dari Sinergi"),
        "cancelled": _("Penghapusan %(region)s dibatalkan"),
        "deleted": _("%(region)s telah dihapus dari Sinergi"),
    }
    bodies = {
        "scheduled": _(
            "Data %(region)s (situs, modul, berkas dan akun) akan dihapus permanen dari "
            "Sinergi setelah %(when)s. Ekspor terakhir: %(export)s. Jika ini keliru, "
            "hubungi operator Sinergi sebelum tanggal itu."
        ),
        "cancelled": _("Penghapusan %(region)s dibatalkan; datanya tetap disimpan."),
        "deleted": _(
            "Data %(region)s telah dihapus permanen dari Sinergi. Ekspor terakhir "
            "(%(export)s) disimpan operator."
        ),
    }
    values = {"region": deletion.region_name, "when": when, "export": deletion.export_name}
    with schema_context("public"):
        for address in addresses:
            send_email(
                address,
                subjects[event] % values,
                bodies[event] % values,
                idempotency_key=f"tenants.deletion.{event}:{deletion.pk}:{address}",
            )
