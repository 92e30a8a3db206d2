"""A region's export (one archive) and its restore into a new region under a new slug.

The archive (`<slug>-<time>.tar.gz` under REGION_EXPORT_DIR) holds:
  manifest.json  what is inside, the tool and migrations it was made with
  schema.sql     `pg_dump --schema <schema>` of the region's schema (plain SQL)
  public.json    the region's rows of the public schema: the region, its domains, its
                 module activations with their settings, its billing subscription and plan
                 changes (plans by key)
  media/...      the region's media files, as its storage holds them
  private/...    the region's private files (core.private_files), likewise

Exports run on the worker (`tenants.tasks.run_export`); a killed run starts again and
replaces its half-written file. A restore loads the dump into a scratch database, renames
the schema there and loads that into the project's database: the dump names its schema
everywhere, and rewriting names inside the SQL text could touch the data itself.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import secrets
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from audit import api as audit
from core.tasks import enqueue
from tenants import pgtools, template
from tenants.models import Domain, Region, RegionExport
from tenants.validation import schema_name_for, validate_slug

log = logging.getLogger(__name__)

FORMAT = "sinergi-region-export/1"
EXPORT_TASK = "tenants.tasks.run_export"
RESTORE_TASK = "tenants.tasks.run_restore"


# --- exporting -------------------------------------------------------------------------------
def request_export(region: Region, *, actor=None, request=None) -> RegionExport:
    """Queue an export of the region on the worker; the file is offered once it is done."""
    if region.status not in (*Region.LIVE_STATUSES, Region.Status.ARCHIVED):
        raise ValidationError(_("Daerah ini belum atau tidak lagi punya data untuk diekspor."))
    with transaction.atomic():
        export = RegionExport.objects.create(
            region=region,
            region_slug=region.slug,
            requested_by=getattr(actor, "email", "") or "",
            requested_via=_region_admin_origin(region, request),
        )
        audit.record(
            "tenants.export_requested",
            actor=actor,
            obj=region,
            request=request,
            details={"export": export.pk},
        )
        with schema_context("public"):
            enqueue(EXPORT_TASK, export.pk, group="public:exports")
    return export


def run_export(export_id: int) -> RegionExport:
    """Make the archive (the worker's task). Idempotent: a finished export is left alone."""
    connection.set_schema_to_public()
    export = RegionExport.objects.select_related("region").get(pk=export_id)
    if export.status == RegionExport.Status.DONE and archive_path(export).is_file():
        tell_requester(export)  # a run killed between finishing and mailing
        return export
    region = export.region
    if region is None or not schema_exists(region.schema_name):
        return _finish(export, RegionExport.Status.FAILED, reason=_("Daerah sudah tidak ada."))
    _finish(export, RegionExport.Status.RUNNING)
    name = f"{region.slug}-{timezone.now():%Y%m%d-%H%M%S}-{export.pk}.tar.gz"
    target = settings.REGION_EXPORT_DIR / name
    try:
        write_archive(region, target)
    except Exception as exc:
        log.exception("region export failed", extra={"region": region.schema_name})
        return _finish(export, RegionExport.Status.FAILED, reason=str(exc) or repr(exc))
    export.file_name, export.size = name, target.stat().st_size
    _finish(export, RegionExport.Status.DONE)
    tell_requester(export)
    return export


def _region_admin_origin(region: Region, request) -> str:
    """The scheme and host a region admin asked on; empty for the operator (the console
    is on the platform's host and shows the export there)."""
    if request is None or connection.schema_name != region.schema_name:
        return ""
    return f"{request.scheme}://{request.get_host()}"


def tell_requester(export: RegionExport) -> None:
    """Mail the region admin who asked that the export is ready: once, however often the
    task runs. The link names the region's own primary domain, on the scheme and port the
    admin asked on. From the public outbox: a suspended or archived region's may not run."""
    from urllib.parse import urlsplit

    from django.urls import reverse

    from notifications.api import send_email

    if not (export.requested_via and export.requested_by and export.region):
        return
    asked = urlsplit(export.requested_via)
    port = f":{asked.port}" if asked.port else ""
    path = reverse("tenants_exports:index", urlconf=settings.ROOT_URLCONF)
    link = f"{asked.scheme}://{primary_domain(export.region)}{port}{path}"
    values = {"region": export.region.name, "link": link}
    with schema_context("public"):
        send_email(
            export.requested_by,
            _("Ekspor data %(region)s siap diunduh") % values,
            _(
                "Ekspor data %(region)s yang Anda minta sudah selesai. Unduh berkasnya dari "
                "halaman Ekspor data di admin daerah (masuk dulu bila diminta):\n\n%(link)s"
            )
            % values,
            idempotency_key=f"tenants.export_ready:{export.pk}",
        )


def primary_domain(region: Region) -> str:
    from tenants.services import primary_hostname

    domain = Domain.objects.filter(tenant=region, is_primary=True).first()
    return domain.domain if domain is not None else primary_hostname(region)


def archive_path(export: RegionExport) -> Path:
    return settings.REGION_EXPORT_DIR / (export.file_name or "-")


def write_archive(region: Region, target: Path) -> None:
    """Write the archive to `target`, whole or not at all (a temporary file, renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.set_schema_to_public()
    dump = pgtools.run("pg_dump", "--schema", region.schema_name, "--no-owner", "--no-privileges")
    public_rows = _public_rows(region)
    files = {prefix: list(_files(region, storage)) for prefix, storage in file_stores().items()}
    manifest = {
        "format": FORMAT,
        "region": {"slug": region.slug, "name": region.name, "schema": region.schema_name},
        "created_at": timezone.now().isoformat(),
        "server_major_version": pgtools.server_major_version(),
        "pg_dump": pgtools.run("pg_dump", "--version").strip(),
        "migrations_fingerprint": template.migrations_fingerprint(),
        "schema_sql_sha256": hashlib.sha256(dump.encode()).hexdigest(),
        **{
            prefix: [{"path": path, "size": size} for path, size in listed]
            for prefix, listed in files.items()
        },
        "public": {
            "domains": len(public_rows["domains"]),
            "module_activations": len(public_rows["module_activations"]),
            "subscription": 1 if public_rows["subscription"] else 0,
        },
    }
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, "schema.sql", dump.encode())
        _add_bytes(archive, "public.json", json.dumps(public_rows, indent=2).encode())
        with schema_context(region.schema_name):
            for prefix, storage in file_stores().items():
                for path, size in files[prefix]:
                    info = tarfile.TarInfo(f"{prefix}/{path}")
                    info.size = size
                    with storage.open(path, "rb") as fh:
                        archive.addfile(info, fh)
    partial.replace(target)


def file_stores() -> dict:
    """The region's files: public media and private files, each under the schema's folder."""
    from core.private_files import private_storage

    return {"media": default_storage, "private": private_storage()}


def _public_rows(region: Region) -> dict:
    from billing import api as billing
    from modules.models import ModuleActivation

    fields = ("name", "slug", "kind", "province", "timezone", "status", "is_lead_city")
    return {
        "region": {field: getattr(region, field) for field in fields},
        "domains": list(
            Domain.objects.filter(tenant=region).values("domain", "is_primary").order_by("id")
        ),
        "module_activations": [
            {
                "module_key": a.module_key,
                "enabled": a.enabled,
                "settings": a.settings,
                "enabled_at": a.enabled_at.isoformat() if a.enabled_at else None,
            }
            for a in ModuleActivation.objects.filter(region=region).order_by("module_key")
        ],
        "subscription": billing.subscription_rows(region),
    }


def _files(region: Region, storage, folder: str = ""):
    """Every file `storage` holds for the region: (path, size)."""
    with schema_context(region.schema_name):
        if folder == "" and not _storage_has_root(storage):
            return
        folders, files = storage.listdir(folder)
        for name in sorted(files):
            path = f"{folder}{name}"
            yield path, storage.size(path)
        for name in sorted(folders):
            yield from _files(region, storage, f"{folder}{name}/")


def _storage_has_root(storage) -> bool:
    try:
        storage.listdir("")
    except FileNotFoundError:
        return False
    return True


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _finish(export: RegionExport, status: str, *, reason: str = "") -> RegionExport:
    export.status = status
    export.failure_reason = reason
    done = status in (RegionExport.Status.DONE, RegionExport.Status.FAILED)
    export.finished_at = timezone.now() if done else None
    export.save()
    return export


# --- restoring -------------------------------------------------------------------------------
def queue_restore(
    export: RegionExport, *, slug: str, name: str, actor=None, request=None
) -> Region:
    """Claim the new slug now (so nobody else takes it) and restore on the worker."""
    if export.status != RegionExport.Status.DONE or not archive_path(export).is_file():
        raise ValidationError(_("Ekspor ini belum selesai atau berkasnya tidak ada."))
    public_rows = _read_archive_json(archive_path(export), "public.json")
    with transaction.atomic():
        region = _claim(slug, name, public_rows)
        audit.record(
            "tenants.restore_requested",
            actor=actor,
            obj=region,
            request=request,
            details={"export": export.pk, "from": export.region_slug},
        )
        with schema_context("public"):
            enqueue(RESTORE_TASK, region.pk, export.pk, group="public:exports")
    return region


def restore(archive: Path, *, slug: str, name: str) -> Region:
    """Restore in this process (the command and tests): claim, then load. The region's
    `restore_notes` say what could not be restored (a plan this installation lacks)."""
    region = _claim(slug, name, _read_archive_json(archive, "public.json"))
    return load_into(region, archive)


def run_restore(region_id: int, export_id: int) -> Region:
    connection.set_schema_to_public()
    region = Region.objects.get(pk=region_id)
    export = RegionExport.objects.get(pk=export_id)
    if region.status == Region.Status.ACTIVE:
        return region
    return load_into(region, archive_path(export))


def load_into(region: Region, archive: Path) -> Region:
    """Load the archive into the claimed region. On failure nothing is left but the
    region's failed record with the reason (as for provisioning)."""
    try:
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work)
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(folder, filter="data")
            manifest = json.loads((folder / "manifest.json").read_text())
            if manifest.get("format") != FORMAT:
                raise ValidationError(_("Berkas ini bukan ekspor daerah Sinergi."))
            _drop_schema(region.schema_name)  # a half-finished earlier run
            _load_schema(folder / "schema.sql", manifest["region"]["schema"], region.schema_name)
            for prefix, storage in file_stores().items():
                _load_files(region, folder / prefix, storage)
            _load_public_rows(region, json.loads((folder / "public.json").read_text()))
    except Exception as exc:
        log.exception("region restore failed", extra={"region": region.schema_name})
        _undo(region, exc)
        raise
    return region


def _claim(slug: str, name: str, public_rows: dict) -> Region:
    validate_slug(slug)
    connection.set_schema_to_public()
    if Region.objects.filter(slug=slug).exists() or schema_exists(schema_name_for(slug)):
        raise ValidationError({"slug": _("Subdomain “%(slug)s” sudah dipakai.") % {"slug": slug}})
    source = public_rows["region"]
    try:
        with transaction.atomic():
            return Region.objects.create(
                slug=slug,
                schema_name=schema_name_for(slug),
                name=name.strip() or source["name"],
                kind=source["kind"],
                province=source["province"],
                timezone=source["timezone"],
                status=Region.Status.PROVISIONING,
            )
    except IntegrityError as exc:  # the same slug claimed a moment ago
        raise ValidationError(
            {"slug": _("Subdomain “%(slug)s” sudah dipakai.") % {"slug": slug}}
        ) from exc


def _load_schema(dump: Path, old_schema: str, new_schema: str) -> None:
    scratch = f"sinergi_restore_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        pgtools.run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump), database=scratch)
        pgtools.run(
            "psql",
            "-X",
            "-q",
            "-c",
            f'ALTER SCHEMA "{old_schema}" RENAME TO "{new_schema}"',
            database=scratch,
        )
        renamed = pgtools.run(
            "pg_dump", "--schema", new_schema, "--no-owner", "--no-privileges", database=scratch
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    with tempfile.NamedTemporaryFile("w", suffix=".sql") as fh:
        fh.write(renamed)
        fh.flush()
        pgtools.run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", fh.name)


def _load_files(region: Region, folder: Path, storage) -> None:
    if not folder.is_dir():
        return
    with schema_context(region.schema_name):
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            path = file.relative_to(folder).as_posix()
            if storage.exists(path):
                storage.delete(path)
            saved = storage.save(path, ContentFile(file.read_bytes()))
            if saved != path:
                raise RuntimeError(f"file saved as {saved}, not {path}")


def _load_public_rows(region: Region, rows: dict) -> None:
    from billing import api as billing
    from modules.models import ModuleActivation
    from pages.cache import invalidate_region
    from tenants.services import primary_hostname

    connection.set_schema_to_public()
    host = primary_hostname(region)
    with transaction.atomic():
        for row in rows["module_activations"]:
            ModuleActivation.objects.update_or_create(
                region=region,
                module_key=row["module_key"],
                defaults={
                    "enabled": row["enabled"],
                    "settings": row["settings"],
                    "enabled_at": row["enabled_at"],
                },
            )
        # Exports made before billing existed have no "subscription".
        region.restore_notes = billing.restore_subscription(region, rows.get("subscription"))
        # The region's own domains stay with the region they were verified for.
        Domain.objects.get_or_create(domain=host, tenant=region, defaults={"is_primary": True})
        region.status = Region.Status.ACTIVE
        region.activated_at = timezone.now()
        region.save(update_fields=["status", "activated_at"])
        audit.record(
            "tenants.restore",
            obj=region,
            details={"from": rows["region"]["slug"], "notes": region.restore_notes},
        )
    for note in region.restore_notes:
        log.warning("restore: %s", note, extra={"region": region.schema_name})
    from wagtail.models import Site

    with schema_context(region.schema_name):
        Site.objects.filter(is_default_site=True).update(hostname=host, site_name=region.name)
    invalidate_region(region.schema_name)
    invalidate_region("public")


def _undo(region: Region, exc: Exception) -> None:
    from billing import api as billing
    from modules.models import ModuleActivation

    connection.set_schema_to_public()
    _drop_schema(region.schema_name)
    Domain.objects.filter(tenant=region).delete()
    ModuleActivation.objects.filter(region=region).delete()
    billing.forget_subscription(region)
    region.status = Region.Status.FAILED
    region.failure_reason = str(exc) or exc.__class__.__name__
    region.save(update_fields=["status", "failure_reason"])


def _drop_schema(schema_name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema_name}" CASCADE')


def _read_archive_json(archive: Path, name: str) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        member = tar.extractfile(name)
        if member is None:
            raise ValidationError(_("Berkas ekspor rusak: %(name)s tidak ada.") % {"name": name})
        return json.loads(member.read())


def export_download(export: RegionExport):
    """The archive as a download (the caller has checked who may have it)."""
    from django.http import FileResponse, Http404

    path = archive_path(export)
    if export.status != RegionExport.Status.DONE or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=export.file_name)
