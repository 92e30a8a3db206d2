"""Plans and usage for the billing suites."""

from __future__ import annotations

from datetime import date

from billing.models import Plan


def plan(key: str, price: int, **values) -> Plan:
    defaults = {
        "name": key.title(),
        "monthly_price": price,
        "all_modules": True,
        "included_staff": 10,
        "included_storage_mb": 1000,
        "included_messages": 100,
        "included_custom_domains": 0,
        "price_per_staff": 20_000,
        "price_per_storage_mb": 10,
        "price_per_message": 300,
        "price_per_custom_domain": 150_000,
    }
    defaults.update(values)
    return Plan.objects.create(key=key, **defaults)


def usage(region, meter: str, values_by_day: dict[date, int]) -> None:
    from billing import usage as billing_usage

    for day, value in values_by_day.items():
        billing_usage.record(region, day, {meter: value})
