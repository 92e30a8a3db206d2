"""Reads about regions for pages and consoles."""

from __future__ import annotations

from dataclasses import dataclass

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
