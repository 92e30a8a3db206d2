"""Reads about regions for pages and consoles."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from tenants.models import ProvisioningJob, Region


def partner_directory() -> QuerySet[Region]:
    """Live regions with their primary domain, for the platform's directory."""
    return (
        Region.objects.filter(status=Region.Status.ACTIVE)
        .prefetch_related("domains")
        .order_by("-is_lead_city", "name")
    )


@dataclass(frozen=True)
class StepState:
    key: str
    label: str
    state: str  # "done", "running", "failed" or "waiting"


@dataclass(frozen=True)
class Progress:
    status: str  # the job's status
    steps: list[StepState]
    percent: int
    failed_step: str
    failure_reason: str


def provisioning_progress(job: ProvisioningJob) -> Progress:
    from tenants.services import STEP_LABELS, STEPS

    done = set(job.completed_steps)
    steps = []
    for step in STEPS:
        key = step.__name__
        if key in done:
            state = "done"
        elif key == job.failed_step:
            state = "failed"
        elif key == job.current_step and job.status == ProvisioningJob.Status.RUNNING:
            state = "running"
        else:
            state = "waiting"
        steps.append(StepState(key, str(STEP_LABELS.get(key, key)), state))
    percent = 100 if job.status == ProvisioningJob.Status.DONE else 100 * len(done) // len(steps)
    return Progress(job.status, steps, percent, job.failed_step, job.failure_reason)


def regions_for_console() -> QuerySet[Region]:
    """Every region with what the operator console shows beside it."""
    return (
        Region.objects.select_related("provisioning_job")
        .prefetch_related("domains", "module_activations")
        .order_by("name")
    )


def last_activity(regions) -> dict[int, object]:
    """Per region id: the latest of its audit log and its people's last sign-in, read in
    one statement across the region schemas (None for a region without either)."""
    live = [r for r in regions if r.status in Region.LIVE_STATUSES]
    if not live:
        return {}
    parts = [
        f'SELECT %s, GREATEST((SELECT max(at) FROM "{r.schema_name}".audit_auditentry), '
        f'(SELECT max(last_login) FROM "{r.schema_name}".accounts_user))'
        for r in live
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), [r.pk for r in live])
        return dict(cursor.fetchall())


def storage_bytes(regions) -> dict[int, int]:
    """Per region id: the size of its schema's tables and indexes."""
    by_schema = {r.schema_name: r.pk for r in regions}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'm') AND n.nspname = ANY(%s) GROUP BY n.nspname",
            [list(by_schema)],
        )
        return {by_schema[name]: int(size) for name, size in cursor.fetchall()}


def recent_exports(limit: int = 30):
    from tenants.models import RegionExport

    return RegionExport.objects.select_related("region").order_by("-created_at")[:limit]


def exports_of(region):
    from tenants.models import RegionExport

    return RegionExport.objects.filter(region=region).order_by("-created_at")[:20]


def restore_notes_for_console(limit: int = 10) -> list[dict]:
    """Recent restores that could not bring everything back (a plan this installation
    lacks), as their audit entries recorded them: what the operator must still do by hand."""
    from audit.models import AuditEntry
    from tenants.models import Region

    entries = list(
        AuditEntry.objects.filter(action="tenants.restore")
        .exclude(details__notes=[])
        .exclude(details__notes=None)
        .order_by("-at")[:limit]
    )
    regions = Region.objects.in_bulk([int(e.object_id) for e in entries if e.object_id.isdigit()])
    return [
        {
            "region": regions[int(entry.object_id)].name,
            "source": entry.details.get("from", ""),
            "at": entry.at,
            "notes": entry.details.get("notes") or [],
        }
        for entry in entries
        if entry.details.get("notes")  # entries from before restores kept notes have none
        and entry.object_id.isdigit()
        and int(entry.object_id) in regions  # not deleted since
    ]


def deletions_for_console(limit: int = 30):
    from tenants.models import RegionDeletion

    return RegionDeletion.objects.order_by("-requested_at")[:limit]
