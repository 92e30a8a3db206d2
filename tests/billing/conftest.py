"""Regions for the billing worker tests: Region rows without schemas (billing reads only
the public schema when their billing emails are set), on plans, with usage; everything
they commit is removed afterwards."""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.db import connection

from tests.billing.factories import plan, usage

PERIOD = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def without_demo_billing(request):
    """The demo regions come with demo subscriptions, usage and invoices (billing.demo);
    a billing test inside a rolled-back transaction starts from none, unless it asks for
    `keep_demo_billing`. Tests on committed data leave them alone."""
    names = request.fixturenames
    if (
        not request.node.get_closest_marker("django_db")
        or "committed_db" in names
        or "keep_demo_billing" in names
    ):
        return
    request.getfixturevalue("db")
    from billing.models import Invoice, PlanChange, Subscription, UsageRecord

    connection.set_schema_to_public()
    Invoice.objects.all().delete()
    PlanChange.objects.all().delete()
    Subscription.objects.all().delete()
    UsageRecord.objects.all().delete()


@pytest.fixture
def keep_demo_billing():
    """Asked for by a test about the demo's billing data itself."""


@pytest.fixture
def billed_regions(committed_db):
    """`billed_regions(specs)`: one region per (plan price, messages sent in March)."""
    from billing import services
    from billing.models import Invoice, NumberCounter, Plan
    from notifications.models import Message
    from tenants.models import Region

    counter = NumberCounter.objects.filter(series="INV").values_list("year", "last_number")
    before = dict(counter)
    made_plans = []

    def make(specs: list[tuple[int, int]]) -> list:
        regions = []
        for i, (price, messages) in enumerate(specs):
            region = Region.objects.create(
                name=f"Kabupaten Uji Tagihan {i}",
                slug=f"uji-tagihan-{i}",
                schema_name=f"uji_tagihan_{i}",
                kind="kabupaten",
                province="Banten",
                status="active",
            )
            made_plans.append(plan(f"uji-{i}", price, included_messages=100))
            services.change_plan(region, made_plans[-1], effective_on=date(2026, 1, 1))
            services.set_billing_emails(region, f"keuangan@uji-{i}.go.id")
            usage(region, "messages_sent", {PERIOD: messages})
            regions.append(region)
        return regions

    yield make
    connection.set_schema_to_public()
    Message.objects.filter(idempotency_key__startswith="billing.").delete()
    Invoice.objects.filter(region__slug__startswith="uji-tagihan-").delete()
    Region.objects.filter(slug__startswith="uji-tagihan-").delete()
    Plan.objects.filter(pk__in=[p.pk for p in made_plans]).delete()
    for year in NumberCounter.objects.filter(series="INV").values_list("year", flat=True):
        NumberCounter.objects.filter(series="INV", year=year).update(
            last_number=before.get(year, 0)
        )


def wait_until(check, timeout: float = 60, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what} not reached within {timeout} s")
