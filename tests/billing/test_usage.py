"""Daily usage: platform meters and module meters per region, recorded once per day; the
schedules that drive billing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django_q.models import Schedule

from billing import tasks
from billing.models import UsageRecord


@pytest.mark.django_db
def test_daily_usage_reads_each_region_and_recording_again_overwrites(tangsel, balikpapan):
    day = date(2026, 3, 5)
    tasks.record_usage(day.isoformat())
    tasks.record_usage(day.isoformat())

    tangsel_usage = dict(
        UsageRecord.objects.filter(region=tangsel, day=day).values_list("meter", "value")
    )
    assert tangsel_usage["staff_accounts"] >= 1  # admin@tangsel.test at least
    assert tangsel_usage["storage_mb"] >= 1
    assert tangsel_usage["custom_domains"] == 0
    assert "laksa.reports_this_month" in tangsel_usage  # a module meter of its manifest
    assert UsageRecord.objects.filter(region=tangsel, day=day).count() == len(tangsel_usage)
    assert UsageRecord.objects.filter(region=balikpapan, day=day).exists()


@pytest.mark.django_db
def test_the_billing_run_is_scheduled_for_the_first_at_half_past_midnight_wib():
    run = Schedule.objects.get(name=tasks.RUN_SCHEDULE)
    assert run.schedule_type == Schedule.MONTHLY
    assert "billing.tasks.run_billing" in run.args
    assert Schedule.objects.filter(name=tasks.USAGE_SCHEDULE).exists()
    assert Schedule.objects.filter(name=tasks.DUN_SCHEDULE).exists()

    at = tasks.next_run_at(datetime(2026, 1, 31, 17, 29, tzinfo=UTC))  # 1 Feb 00:29 WIB
    assert at.isoformat() == "2026-02-01T00:30:00+07:00"
    at = tasks.next_run_at(datetime(2026, 1, 31, 17, 31, tzinfo=UTC))
    assert at.isoformat() == "2026-03-01T00:30:00+07:00"
