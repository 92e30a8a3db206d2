"""Deploy-time checks. Tagged deploy-only, so they never stand in the way of `migrate`."""

from __future__ import annotations

from django.core.checks import Warning, register


@register("sinergi", deploy=True)
def region_template_is_current(app_configs=None, databases=None, **kwargs):
    from tenants.template import template_status

    try:
        status = template_status()
    except Exception as exc:  # noqa: BLE001 - an unreachable database is reported, not raised
        return [Warning(f"Could not read the region template: {exc}", id="sinergi.W002")]
    if status == "current":
        return []
    return [
        Warning(
            f"The region template is {status}: new regions cannot be provisioned.",
            hint="Run `python manage.py refresh_region_template` after migrating.",
            id="sinergi.W001",
        )
    ]
