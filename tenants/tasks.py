"""Provisioning on the worker (queued by tenants.services.queue_job in the public schema)."""

from __future__ import annotations

import logging

from tenants import services

log = logging.getLogger(__name__)


def run_provisioning(job_id: int) -> None:
    try:
        services.run_job(job_id)
    except services.ProvisioningError:
        # Undone and recorded on the job (step and reason); retried from the console.
        log.warning("provisioning failed", extra={"job": job_id})


def refill_pool() -> int:
    from tenants import pool

    return pool.refill()


def run_export(export_id: int) -> None:
    from tenants import exports

    exports.run_export(export_id)


def run_restore(region_id: int, export_id: int) -> None:
    from tenants import exports

    try:
        exports.run_restore(region_id, export_id)
    except Exception:
        # Undone and recorded on the region (failed, with the reason) for the console.
        log.warning("restore failed", extra={"region": region_id})


def delete_due_regions() -> list[str]:
    from tenants import lifecycle

    return lifecycle.delete_due_regions()


def recheck_domain_claims() -> list[str]:
    from tenants import domains

    return domains.recheck_pending_claims()
