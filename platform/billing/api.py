"""What other code may ask billing.

from billing import api as billing
reason = billing.module_refusal(region, "eoffice")   # None when the plan allows it
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from billing.selectors import QuotaUse, effective_plan, quota_use  # noqa: F401


def module_allowed(region, key: str) -> bool:
    plan = effective_plan(region)
    return plan is None or plan.allows(key)


def module_refusal(region, key: str) -> str | None:
    """Why the region may not switch the module on under its plan, or None."""
    if module_allowed(region, key):
        return None
    plan = effective_plan(region)
    return _(
        "Paket %(plan)s tidak mencakup modul ini. Hubungi operator platform untuk "
        "berpindah ke paket yang mencakupnya."
    ) % {"plan": plan.name}


def quota_warnings(region) -> list[QuotaUse]:
    """Quotas at 80% or more this month (the region admin's home panel shows them)."""
    return [use for use in quota_use(region) if use.level != "ok"]
