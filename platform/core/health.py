"""Liveness and readiness, answered on any host (the pod's IP included), before routing."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse

PATHS = {"/healthz": "live", "/healthz/": "live", "/readyz": "ready", "/readyz/": "ready"}


_migrated = {"public": False}


def public_schema_migrated() -> bool:
    """Whether every migration this code knows is applied to the public schema. A pod that
    starts before the migration Job has finished is not ready; once true, it stays true for
    this code, so the check costs nothing afterwards (old pods stay ready during a rollout:
    their migrations are a subset of the applied ones)."""
    if not _migrated["public"]:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        _migrated["public"] = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated["public"]


def readiness() -> tuple[int, dict]:
    from tenants.template import template_status

    try:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        migrated = public_schema_migrated()
    except Exception as exc:  # noqa: BLE001 - any database failure means not ready
        return 503, {"status": "unavailable", "database": str(exc).splitlines()[0]}
    if not migrated:
        return 503, {"status": "migrating", "database": "ok"}
    template = template_status()
    # A stale template does not stop a pod from serving existing regions, but it must be
    # seen: provisioning refuses to clone it until it is refreshed.
    status = "ok" if template == "current" else "degraded"
    return 200, {"status": status, "database": "ok", "region_template": template}


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kind = PATHS.get(request.path)
        if kind == "live":
            return JsonResponse({"status": "ok"})
        if kind == "ready":
            status, body = readiness()
            return JsonResponse(body, status=status)
        return self.get_response(request)
