"""Employers are reminded, once per closing date, that a vacancy closes within five days;
one daily schedule walks the regions that have the module on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection

from modules import gate
from modules.services import disable_module
from notifications.models import Notice
from tests.modules.jobs.conftest import company, in_region, resident, today_in, vacancy

pytestmark = pytest.mark.django_db


def reminders(region, user) -> list[str]:
    in_region(region)
    return list(
        Notice.objects.filter(user=user, topic="jobs.closing_soon").values_list(
            "subject", flat=True
        )
    )


def test_members_are_reminded_once_of_vacancies_closing_within_five_days(tangsel):
    from modules.jobs import services, tasks

    owner = resident(tangsel)
    shop = company(tangsel, owner)
    soon = vacancy(tangsel, shop, title="Kasir Pagi", closes_on=today_in(tangsel) + timedelta(2))
    vacancy(tangsel, shop, title="Kasir Malam", closes_on=today_in(tangsel) + timedelta(6))

    in_region(tangsel)
    tasks.remind_closing()
    tasks.remind_closing()  # a second run (or a retried task) tells nobody again

    assert reminders(tangsel, owner) == ["Lowongan Kasir Pagi ditutup dalam 2 hari"]
    # Extended, it is reminded again as the new date nears (here: at once, 5 days ahead).
    services.extend_vacancy(soon, today_in(tangsel) + timedelta(5), actor=owner)
    tasks.remind_closing()
    assert sorted(reminders(tangsel, owner)) == [
        "Lowongan Kasir Pagi ditutup dalam 2 hari",
        "Lowongan Kasir Pagi ditutup dalam 5 hari",
    ]


def test_the_schedule_walks_only_regions_with_the_module_on(tangsel, balikpapan):
    from modules.jobs import tasks

    here = resident(tangsel)
    vacancy(tangsel, company(tangsel, here), closes_on=today_in(tangsel) + timedelta(2))
    there = resident(balikpapan)
    vacancy(balikpapan, company(balikpapan, there), closes_on=today_in(balikpapan))
    disable_module(balikpapan, "jobs")
    gate.forget_on_change()
    connection.set_schema_to_public()

    assert gate.task_allowed("modules.jobs.tasks.remind_closing_everywhere", "public")
    told = tasks.remind_closing_everywhere()

    assert told.get("tangsel", 0) >= 1 and "balikpapan" not in told
    assert reminders(tangsel, here) == ["Lowongan Staf Administrasi ditutup dalam 2 hari"]
    assert reminders(balikpapan, there) == []


def test_the_schedules_exist_once(db):
    from django_q.models import Schedule

    from modules.jobs import tasks

    connection.set_schema_to_public()
    tasks.ensure_reminder_schedule()
    tasks.ensure_reminder_schedule()

    reminders_ = Schedule.objects.filter(name=tasks.REMINDER_SCHEDULE)
    alerts = Schedule.objects.filter(name=tasks.ALERT_SCHEDULE)
    assert reminders_.count() == alerts.count() == 1
    assert "modules.jobs.tasks.remind_closing_everywhere" in reminders_.get().args
    assert "modules.jobs.tasks.send_alerts_everywhere" in alerts.get().args
    card_reports = Schedule.objects.filter(name=tasks.CARD_REPORT_SCHEDULE)
    assert card_reports.count() == 1
    assert "modules.jobs.tasks.remind_card_reports_everywhere" in card_reports.get().args
