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


# --- a region's export and restore (tenants.exports) -------------------------------------------
def subscription_rows(region) -> dict | None:
    """The region's subscription and plan changes, naming plans by key (ids differ
    between installations), for the region's export; None when it has none."""
    from billing.models import PlanChange, Subscription

    subscription = Subscription.objects.filter(region=region).select_related("plan").first()
    if subscription is None:
        return None
    changes = (
        PlanChange.objects.filter(region=region).select_related("plan").order_by("effective_on")
    )
    return {
        "plan": subscription.plan.key,
        "started_on": _day(subscription.started_on),
        "trial_ends_on": _day(subscription.trial_ends_on),
        "billing_emails": subscription.billing_emails,
        "limited_since": _day(subscription.limited_since),
        "plan_changes": [
            {
                "plan": change.plan.key,
                "effective_on": _day(change.effective_on),
                "changed_by_name": change.changed_by_name,
            }
            for change in changes
        ],
    }


def restore_subscription(region, rows: dict | None) -> list[str]:
    """Recreate exported subscription rows for a restored region. Returns what could not
    be restored (a plan this installation lacks): without its plan the region has no
    subscription, so the partnership plan applies."""
    from billing.models import Plan, PlanChange, Subscription

    if not rows:
        return []
    plans = {plan.key: plan for plan in Plan.objects.all()}
    if rows["plan"] not in plans:
        return [
            _(
                "Paket “%(plan)s” tidak ada di sini: daerah ini dipulihkan tanpa langganan "
                "(berlaku paket kemitraan)."
            )
            % {"plan": rows["plan"]}
        ]
    Subscription.objects.update_or_create(
        region=region,
        defaults={
            "plan": plans[rows["plan"]],
            "started_on": rows["started_on"],
            "trial_ends_on": rows["trial_ends_on"],
            "billing_emails": rows["billing_emails"],
            "limited_since": rows["limited_since"],
        },
    )
    notes = []
    for change in rows["plan_changes"]:
        plan = plans.get(change["plan"])
        if plan is None:
            notes.append(
                _("Riwayat paket “%(plan)s” sejak %(day)s tidak dipulihkan: paketnya tidak ada.")
                % {"plan": change["plan"], "day": change["effective_on"]}
            )
            continue
        PlanChange.objects.update_or_create(
            region=region,
            effective_on=change["effective_on"],
            defaults={"plan": plan, "changed_by_name": change["changed_by_name"]},
        )
    return notes


def forget_subscription(region) -> None:
    """Undo `restore_subscription` (a restore that failed later)."""
    from billing.models import PlanChange, Subscription

    Subscription.objects.filter(region=region).delete()
    PlanChange.objects.filter(region=region).delete()


def plan_names(regions) -> dict[int, str]:
    """The name of the plan whose limits apply to each region (region id → name): its own
    plan's, or the partnership plan's when it has none or is limited."""
    from billing.models import Subscription
    from billing.selectors import partnership_plan

    partnership = partnership_plan()
    fallback = partnership.name if partnership else ""
    subscriptions = {
        s.region_id: s
        for s in Subscription.objects.filter(region__in=regions).select_related("plan")
    }
    names = {}
    for region in regions:
        subscription = subscriptions.get(region.pk)
        if subscription is None:
            names[region.pk] = fallback
        elif subscription.limited_since:
            names[region.pk] = _("%(plan)s (dibatasi: %(fallback)s)") % {
                "plan": subscription.plan.name,
                "fallback": fallback,
            }
        else:
            names[region.pk] = subscription.plan.name
    return names


def _day(value) -> str | None:
    return value.isoformat() if value else None
