"""A missed deadline turns a report red and is escalated, once, to the unit head and the
region's admin; the scheduled scan walks every region where LAKSA is on."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from tests.modules.laksa.conftest import admin_of, file_report, in_region, make_staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
LONG_AGO = datetime(2026, 1, 5, 9, 0, tzinfo=WIB)  # a Monday


def _escalation_notices(report):
    from notifications.models import Notice

    return Notice.objects.filter(topic="laksa.escalation", subject__contains=report.tracking_code)


def test_an_overdue_report_is_escalated_exactly_once(tangsel):
    from modules.laksa import services
    from modules.laksa.models import Escalation, ReportEvent

    head = make_staff(tangsel, "kadis.dlh@tangsel.test", role="Petugas OPD LAKSA",
                      position_code="DLH.KEPALA")  # fmt: skip
    late = file_report(tangsel, "sampah", now=LONG_AGO)
    on_time = file_report(tangsel, "sampah", title="Sampah baru")

    assert late.is_overdue() and not on_time.is_overdue()
    services.escalate_overdue()
    services.escalate_overdue()
    services.escalate_overdue(now=timezone.now() + timedelta(minutes=15))

    kinds = sorted(Escalation.objects.filter(report=late).values_list("kind", flat=True))
    assert kinds == ["tanggapan", "verifikasi"]  # each missed deadline once
    assert not Escalation.objects.filter(report=on_time).exists()
    told = sorted(_escalation_notices(late).values_list("user__email", flat=True))
    assert told == sorted([head.email, "admin@tangsel.test"] * 2)
    assert ReportEvent.objects.filter(report=late, action="escalated", public=False).count() == 2


def test_an_answer_stops_the_clock_and_a_reopened_report_can_be_escalated_again(tangsel):
    from modules.laksa import services
    from modules.laksa.models import Escalation

    admin = admin_of(tangsel)
    report = file_report(tangsel, "sampah", now=LONG_AGO)
    services.verify_report(report, actor=admin)
    services.answer_report(report, note="Sudah diangkut.", status="selesai", actor=admin)
    services.escalate_overdue()
    assert not Escalation.objects.filter(report=report).exists()

    services.reopen_report(report, reason="Masih menumpuk.")
    report.refresh_from_db()
    later = report.respond_due_at + timedelta(minutes=1)
    services.escalate_overdue(now=later)
    services.escalate_overdue(now=later)

    assert list(Escalation.objects.filter(report=report).values_list("kind", "due_at")) == [
        ("tanggapan", report.respond_due_at)
    ]


def test_the_scheduled_scan_walks_the_regions_where_laksa_is_on(tangsel, balikpapan):
    from django_q.models import Schedule

    from core.schedules import run_in_every_region
    from modules.laksa.models import Escalation
    from modules.laksa.tasks import SLA_SCAN, SLA_SCAN_SCHEDULE
    from modules.services import disable_module

    late_here = file_report(tangsel, "sampah", now=LONG_AGO)
    late_there = file_report(balikpapan, "sampah", now=LONG_AGO)
    connection.set_schema_to_public()
    disable_module(balikpapan, "laksa")
    schedule = Schedule.objects.get(name=SLA_SCAN_SCHEDULE)

    results = run_in_every_region(SLA_SCAN)

    assert schedule.func == "core.tasks.run_in_schema"
    assert SLA_SCAN in schedule.args
    assert results["tangsel"] >= 1 and results["balikpapan"] is None
    in_region(tangsel)
    assert Escalation.objects.filter(report=late_here).exists()
    in_region(balikpapan)
    assert not Escalation.objects.filter(report=late_there).exists()
