"""Entries older than the retention period are removed, in every schema, by one schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_q.models import Schedule

from audit.models import AuditEntry
from audit.tasks import PURGE_SCHEDULE, purge_everywhere

pytestmark = pytest.mark.django_db


def _entry(region, action, age_days):
    connection.set_tenant(region) if region else connection.set_schema_to_public()
    entry = AuditEntry.objects.create(action=action)
    AuditEntry.objects.filter(pk=entry.pk).update(at=timezone.now() - timedelta(days=age_days))


def test_purge_removes_only_expired_entries_in_every_schema(tangsel, balikpapan, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    for region in (tangsel, balikpapan, None):
        _entry(region, "old.action", 400)
        _entry(region, "recent.action", 30)
    connection.set_schema_to_public()

    purged = purge_everywhere()

    assert purged["tangsel"] == 1 and purged["balikpapan"] == 1 and purged["public"] == 1
    for region in (tangsel, balikpapan):
        connection.set_tenant(region)
        assert not AuditEntry.objects.filter(action="old.action").exists()
        assert AuditEntry.objects.filter(action="recent.action").exists()


def test_one_daily_schedule_walks_the_regions():
    schedule = Schedule.objects.get(name=PURGE_SCHEDULE)

    assert schedule.func == "core.tasks.run_in_schema"
    assert "audit.tasks.purge_everywhere" in schedule.args
    assert schedule.schedule_type == Schedule.DAILY
