"""The monthly billing run over 1,000 regions.

The regions are Region rows without schemas (billing reads only the public schema: plans,
plan history, the daily usage already recorded and the billing emails); their usage for
the month is made with SQL (generate_series), a synthetic source standing in for the daily
usage task. Measured in this process, on the bench copy of the test database:

- queueing: `run_billing` finding the unbilled regions and queueing one task per region
  (django-q2's ORM broker, one row each);
- billing: running those tasks' function (`bill_region`) one after the other, as a single
  worker would, minus the queue pickup: per region the usage aggregation, the lines, the
  locked number counter, the invoice, its email in the outbox and the audit entry;
- the baseline: the same run again, when every region already has its invoice (what a
  re-run after a crash costs for the regions already done).
"""

from __future__ import annotations

import time

from django.db import connection

from bench.report import Figure

REGIONS = 1000


def _make_regions(period) -> list[int]:
    from billing.models import Plan, PlanChange, Subscription
    from tenants.models import Region

    plans = [
        Plan.objects.get(key="standar"),
        Plan.objects.create(
            key="bench-dasar",
            name="Dasar",
            monthly_price=750_000,
            all_modules=True,
            included_staff=20,
            included_messages=200,
            price_per_staff=20_000,
            price_per_message=300,
        ),
    ]
    regions = Region.objects.bulk_create(
        Region(
            name=f"Kabupaten Bench {i:04d}",
            slug=f"bench-{i:04d}",
            schema_name=f"bench_{i:04d}",
            kind="kabupaten",
            province="Banten",
            status="active",
        )
        for i in range(REGIONS)
    )
    Subscription.objects.bulk_create(
        Subscription(
            region=r,
            plan=plans[i % 2],
            started_on=period,
            billing_emails=f"keuangan@bench-{i:04d}.go.id",
        )
        for i, r in enumerate(regions)
    )
    PlanChange.objects.bulk_create(
        PlanChange(region=r, plan=plans[i % 2], effective_on=period) for i, r in enumerate(regions)
    )
    ids = [r.pk for r in regions]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO billing_usagerecord (region_id, meter, day, value, recorded_at)
            SELECT r, m.meter, d::date,
                   CASE m.meter WHEN 'messages_sent' THEN (r * 7 + extract(day FROM d)::int) %% 20
                                WHEN 'staff_accounts' THEN 10 + r %% 25
                                WHEN 'storage_mb' THEN 500 + r %% 3000
                                ELSE 0 END,
                   now()
            FROM unnest(%s::bigint[]) AS r,
                 (VALUES ('messages_sent'), ('staff_accounts'), ('storage_mb'),
                         ('custom_domains')) AS m(meter),
                 generate_series(%s::date, %s::date, interval '1 day') AS d
            """,
            [ids, period, period.replace(day=28)],
        )
    return ids


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure() -> list[Figure]:
    from billing import periods, tasks
    from billing.models import Invoice

    period = periods.previous_period(periods.today())
    ids = _make_regions(period)
    queue_first = _seconds(lambda: tasks.run_billing(period.isoformat()))
    bill_first = _seconds(lambda: [tasks.bill_region(pk, period.isoformat()) for pk in ids])
    issued = Invoice.objects.filter(region_id__in=ids, period=period).count()
    assert issued == REGIONS, issued
    queue_again = _seconds(lambda: tasks.run_billing(period.isoformat()))
    bill_again = _seconds(lambda: [tasks.bill_region(pk, period.isoformat()) for pk in ids])
    assert Invoice.objects.filter(region_id__in=ids, period=period).count() == REGIONS
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE django_q_ormq")
    print(
        f"billing run over {REGIONS} regions: queued in {queue_first:.2f} s, "
        f"billed in {bill_first:.2f} s ({bill_first / REGIONS * 1000:.1f} ms per invoice); "
        f"again: {queue_again:.2f} s + {bill_again:.2f} s"
    )
    return [
        Figure(
            name=f"billing run: {REGIONS} invoices issued (one worker)",
            value=queue_first + bill_first,
            unit="seconds",
            baseline_name="the same run again, every region already billed",
            baseline=queue_again + bill_again,
            target="well inside the night of the 1st",
        ),
        Figure(
            name="billing run: time per invoice",
            value=bill_first / REGIONS * 1000,
            unit="milliseconds",
            baseline_name="per region already billed",
            baseline=bill_again / REGIONS * 1000,
        ),
    ]
