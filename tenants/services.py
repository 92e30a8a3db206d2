"""Bringing a region live, and the other writes to regions.

Provisioning is a job (`ProvisioningJob`, public schema) of named steps, run by the worker
(`queue_job`) or in this process (`provision_region`). Schema DDL cannot run inside an
atomic block, so each step commits as it goes and the job records every finished step: a
worker killed mid-way runs the job again, skips what is recorded and redoes the step it was
in, so every step is idempotent. A step that fails is undone by `_undo`: the schema is
dropped, the region's domains and module activations are deleted, and the Region is kept,
marked failed with the reason, so it can be retried.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tenants.utils import schema_context, schema_exists

from audit import api as audit
from core.tasks import enqueue
from tenants import pool, template
from tenants.models import Domain, ProvisioningJob, Region
from tenants.provinces import PROVINCES
from tenants.validation import schema_name_for, validate_slug

log = logging.getLogger(__name__)

RUN_TASK = "tenants.tasks.run_provisioning"
# First key of the advisory lock that lets one process at a time run a given job.
_JOB_LOCK_SPACE = 7301


class ProvisioningError(Exception):
    """Provisioning failed; nothing of the region was left behind but its failed record."""


@dataclass
class RegionRequest:
    slug: str
    name: str
    kind: str
    province: str
    timezone: str
    admin_email: str
    # None: the admin gets no usable password and sets one by a link (self-service).
    admin_password: str | None = None
    admin_name: str = ""
    modules: Sequence[str] = ()
    is_lead_city: bool = False

    def spec(self) -> dict:
        """What a worker needs to run the steps again later: never the password."""
        values = asdict(self)
        for kept_on_the_region in ("slug", "name", "kind", "province", "timezone"):
            values.pop(kept_on_the_region)
        values.pop("admin_password")
        values["modules"] = list(self.modules)
        return values

    @classmethod
    def from_job(cls, job: ProvisioningJob) -> RegionRequest:
        region = job.region
        known = {f.name for f in fields(cls)}
        return cls(
            slug=region.slug,
            name=region.name,
            kind=region.kind,
            province=region.province,
            timezone=region.timezone,
            **{key: value for key, value in job.spec.items() if key in known},
        )


# --- starting, running and retrying a job -------------------------------------------------------
def provision_region(request: RegionRequest) -> Region:
    """Bring a region live in this process (the command, demo data, benchmarks)."""
    job = start_provisioning(request)
    run_job(job.pk, request=request)
    return Region.objects.get(pk=job.region_id)


def start_provisioning(request: RegionRequest, *, on_finish: str = "") -> ProvisioningJob:
    """Validate the request, claim the slug (a Region row in `provisioning`) and record a
    queued job. Raises ValidationError, with the field, and then creates nothing."""
    _validate(request)
    with transaction.atomic():
        region = _claim_region(request)
        job, _created = ProvisioningJob.objects.get_or_create(region=region)
        _reset(job, spec=request.spec(), on_finish=on_finish)
    return job


def queue_job(job: ProvisioningJob) -> None:
    """Run the job on the worker once the surrounding transaction commits."""
    with schema_context("public"):
        enqueue(RUN_TASK, job.pk, group="public:provisioning")


def retry_job(job: ProvisioningJob, *, actor=None, request=None) -> ProvisioningJob:
    """Run a failed job again from the start, on the worker."""
    connection.set_schema_to_public()
    with transaction.atomic():
        job = ProvisioningJob.objects.select_for_update().select_related("region").get(pk=job.pk)
        if job.status != ProvisioningJob.Status.FAILED:
            raise ValidationError(_("Hanya penyiapan yang gagal yang dapat diulang."))
        region = job.region
        if Region.objects.filter(slug=region.slug).exclude(pk=region.pk).exists():
            raise ValidationError(_("Subdomain ini sudah dipakai daerah lain."))
        region.status = Region.Status.PROVISIONING
        region.failure_reason = ""
        region.save(update_fields=["status", "failure_reason"])
        _reset(job, spec=job.spec, on_finish=job.on_finish)
        audit.record(
            "tenants.retry_provisioning",
            actor=actor,
            obj=region,
            request=request,
            details={"attempt": job.attempts + 1},
        )
        queue_job(job)
    return job


def _reset(job: ProvisioningJob, *, spec: dict, on_finish: str) -> None:
    job.spec = spec
    job.on_finish = on_finish
    job.status = ProvisioningJob.Status.QUEUED
    job.completed_steps = []
    job.current_step = job.failed_step = job.failure_reason = ""
    job.step_seconds = {}
    job.queued_at = timezone.now()
    job.started_at = job.finished_at = None
    job.save()


def run_job(job_id: int, *, request: RegionRequest | None = None) -> Region | None:
    """Run the job's remaining steps. Returns the live region, or None when another process
    is running the job. Raises ProvisioningError after undoing a failed step."""
    connection.set_schema_to_public()
    with _exclusive(job_id) as mine:
        if not mine:
            log.info("provisioning job runs elsewhere", extra={"job": job_id})
            return None
        job = ProvisioningJob.objects.select_related("region").get(pk=job_id)
        if job.status == ProvisioningJob.Status.DONE:
            return job.region
        if job.status == ProvisioningJob.Status.FAILED:
            return None  # retry_job queues it again
        _run_steps(job, request or RegionRequest.from_job(job))
    _call_on_finish(job)
    return job.region


def _run_steps(job: ProvisioningJob, request: RegionRequest) -> None:
    region = job.region
    _save(job, status=ProvisioningJob.Status.RUNNING, attempts=job.attempts + 1)
    if job.started_at is None:
        _save(job, started_at=timezone.now())
    name = ""
    try:
        for step in STEPS:
            name = step.__name__
            if name in job.completed_steps:
                continue
            log.info("provisioning step", extra={"region": region.schema_name, "step": name})
            _save(job, current_step=name)
            started = time.perf_counter()
            step(region, request)
            connection.set_schema_to_public()
            _save(
                job,
                completed_steps=[*job.completed_steps, name],
                step_seconds={**job.step_seconds, name: round(time.perf_counter() - started, 3)},
            )
    except Exception as exc:
        reason = str(exc) or exc.__class__.__name__
        _undo(region, exc)
        _save(
            job,
            status=ProvisioningJob.Status.FAILED,
            failed_step=name,
            failure_reason=reason,
            current_step="",
            finished_at=timezone.now(),
        )
        _call_on_finish(job)
        raise ProvisioningError(reason) from exc
    _save(job, status=ProvisioningJob.Status.DONE, current_step="", finished_at=timezone.now())


def _save(job: ProvisioningJob, **values) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    connection.set_schema_to_public()
    job.save(update_fields=list(values))


@contextlib.contextmanager
def _exclusive(job_id: int):
    """A session lock on the job: a second worker handed the same job leaves it alone, and
    a killed worker's lock goes with its connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_JOB_LOCK_SPACE, job_id])
        mine = cursor.fetchone()[0]
    try:
        yield mine
    finally:
        if mine:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_JOB_LOCK_SPACE, job_id])


def _call_on_finish(job: ProvisioningJob) -> None:
    if not job.on_finish:
        return
    try:
        import_string(job.on_finish)(job)
    except Exception:
        # The region's state is already right; only the message about it is lost.
        log.exception("provisioning on_finish failed", extra={"job": job.pk})
    connection.set_schema_to_public()


# --- validating and claiming ----------------------------------------------------------------------
def _validate(request: RegionRequest) -> None:
    from modules import registry

    validate_slug(request.slug)
    errors = {}
    if request.kind not in Region.Kind.values:
        errors["kind"] = _("Jenis daerah tidak dikenal: %(kind)s.") % {"kind": request.kind}
    if request.province not in PROVINCES:
        errors["province"] = _("Provinsi tidak dikenal: %(province)s.") % {
            "province": request.province
        }
    if request.timezone not in Region.TimeZone.values:
        errors["timezone"] = _("Zona waktu harus WIB, WITA atau WIT.")
    if not request.name.strip():
        errors["name"] = _("Nama daerah wajib diisi.")
    unknown = [key for key in request.modules if not registry.exists(key)]
    if unknown:
        errors["modules"] = _("Modul tidak dikenal: %(modules)s.") % {"modules": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)


def _claim_region(request: RegionRequest) -> Region:
    """Create the Region row, or take back a failed attempt at the same slug."""
    connection.set_schema_to_public()
    taken = ValidationError(
        {"slug": _("Subdomain “%(slug)s” sudah dipakai.") % {"slug": request.slug}}
    )
    existing = Region.objects.select_for_update().filter(slug=request.slug).first()
    if existing is not None and existing.status != Region.Status.FAILED:
        raise taken
    region = existing or Region(slug=request.slug, schema_name=schema_name_for(request.slug))
    region.name = request.name.strip()
    region.kind = request.kind
    region.province = request.province
    region.timezone = request.timezone
    region.is_lead_city = request.is_lead_city
    region.status = Region.Status.PROVISIONING
    region.failure_reason = ""
    try:
        with transaction.atomic():
            region.save()
    except IntegrityError as exc:  # the same slug claimed a moment ago
        raise taken from exc
    return region


# --- the steps ---------------------------------------------------------------------------------
def create_schema(region: Region, request: RegionRequest) -> None:
    if schema_exists(region.schema_name):
        return  # made by an earlier run: a clone is one statement, so it is whole
    status = template.template_status()
    if status != "current":
        raise ProvisioningError(
            _("Templat skema daerah %(status)s; jalankan refresh_region_template.")
            % {"status": status}
        )
    if not settings.TENANT_CREATION_FAKES_MIGRATIONS:  # the benchmark's baseline
        region.create_schema(check_if_exists=False, verbosity=0)
    elif pool.claim_or_wait(region.schema_name):
        _save(region.provisioning_job, from_pool=True)
        pool.queue_refill()
    else:
        template.clone_template(region.schema_name)


def enable_modules(region: Region, request: RegionRequest) -> None:
    from modules import gate, registry
    from modules.services import enable_module

    wanted = set(request.modules)
    for manifest in reversed(registry.in_dependency_order()):
        if manifest.key in wanted:
            wanted.update(manifest.requires)
    for manifest in registry.in_dependency_order():
        if manifest.key in wanted and not gate.is_enabled(manifest.key, region.schema_name):
            enable_module(region, manifest.key)


def create_site(region: Region, request: RegionRequest) -> None:
    from pages.services import create_region_site

    with schema_context(region.schema_name):
        create_region_site(region, primary_hostname(region))


def apply_branding(region: Region, request: RegionRequest) -> None:
    """The region's name on its site. Themes and colours join here once the theme
    registry exists; until then every region wears the platform's base theme."""
    from wagtail.models import Site

    with schema_context(region.schema_name):
        Site.objects.filter(is_default_site=True).update(site_name=region.name)


def create_admin(region: Region, request: RegionRequest) -> None:
    from accounts.models import User
    from accounts.roles import REGION_ROLES, install_roles
    from accounts.services import use_region_time_zone

    first, _sep, last = request.admin_name.strip().partition(" ")
    with schema_context(region.schema_name), transaction.atomic():
        admin = User.objects.filter(email=request.admin_email.lower()).first()
        if admin is None:
            admin = User.objects.create_superuser(
                email=request.admin_email,
                password=request.admin_password,  # None: unusable until set by link
                first_name=first,
                last_name=last,
                email_verified_at=timezone.now(),
            )
        admin.groups.set(install_roles(REGION_ROLES))
        use_region_time_zone(admin)


def go_live(region: Region, request: RegionRequest) -> None:
    """The domain and the status together: the host answers only once everything is there."""
    with transaction.atomic():
        Domain.objects.get_or_create(
            domain=primary_hostname(region), tenant=region, defaults={"is_primary": True}
        )
        region.status = Region.Status.ACTIVE
        region.activated_at = timezone.now()
        region.save(update_fields=["status", "activated_at"])
        audit.record("tenants.provision", obj=region, details={"slug": region.slug})
    from pages.cache import invalidate_region

    invalidate_region("public")  # the platform's pages list the partner regions


STEPS: list[Callable[[Region, RegionRequest], None]] = [
    create_schema,
    enable_modules,
    create_site,
    apply_branding,
    create_admin,
    go_live,
]
STEP_LABELS = {
    "create_schema": gettext_lazy("Skema basis data"),
    "enable_modules": gettext_lazy("Modul"),
    "create_site": gettext_lazy("Situs dan halaman awal"),
    "apply_branding": gettext_lazy("Tampilan"),
    "create_admin": gettext_lazy("Akun admin"),
    "go_live": gettext_lazy("Domain dan aktivasi"),
}


def primary_hostname(region: Region) -> str:
    return f"{region.slug}.{settings.PLATFORM_DOMAIN}"


def _undo(region: Region, exc: Exception) -> None:
    from modules.models import ModuleActivation

    log.exception("provisioning failed", extra={"region": region.schema_name})
    connection.set_schema_to_public()
    if schema_exists(region.schema_name):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{region.schema_name}" CASCADE')
    Domain.objects.filter(tenant=region).delete()
    ModuleActivation.objects.filter(region=region).delete()
    region.status = Region.Status.FAILED
    region.failure_reason = str(exc) or exc.__class__.__name__
    region.activated_at = None
    region.save(update_fields=["status", "failure_reason", "activated_at"])


# What the operator may do to a region in each status, and where it leads.
LIFECYCLE = {
    "suspend": ((Region.Status.ACTIVE,), Region.Status.SUSPENDED),
    "resume": ((Region.Status.SUSPENDED,), Region.Status.ACTIVE),
    "archive": ((Region.Status.ACTIVE, Region.Status.SUSPENDED), Region.Status.ARCHIVED),
}


def change_lifecycle(region: Region, action: str, *, actor=None, request=None) -> Region:
    """Suspend, resume or archive, each only from the statuses it makes sense from."""
    if action not in LIFECYCLE:
        raise ValidationError(_("Tindakan tidak dikenal: %(action)s.") % {"action": action})
    allowed_from, target = LIFECYCLE[action]
    if region.status not in allowed_from:
        raise ValidationError(
            _("%(region)s berstatus %(status)s; tindakan ini tidak berlaku.")
            % {"region": region.name, "status": region.get_status_display()}
        )
    return set_status(region, target, actor=actor, request=request)


def set_status(region: Region, status: str, *, actor=None, request=None) -> Region:
    """Suspend, resume or archive a region (the operator console builds on this)."""
    if status not in Region.Status.values:
        raise ValidationError(_("Status tidak dikenal: %(status)s.") % {"status": status})
    connection.set_schema_to_public()
    previous = region.status
    with transaction.atomic():
        region.status = status
        if status == Region.Status.ARCHIVED:
            region.archived_at = timezone.now()
        region.save(update_fields=["status", "archived_at"])
        audit.record(
            "tenants.set_status",
            actor=actor,
            obj=region,
            request=request,
            details={"from": previous, "to": status},
        )
    return region
