"""Deadline reminders: once before the deadline, once after, never twice; and the module's
statistics."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.modules.eoffice.conftest import APTIKA, HEAD, dispose, head, in_region, incoming, user

pytestmark = pytest.mark.django_db


def test_reminders_before_and_after_the_deadline_are_sent_once(tangsel):
    from modules.eoffice import tasks
    from modules.eoffice.models import Reminder
    from notifications.models import Notice

    letter = incoming(tangsel, subject="Surat dengan tenggat")
    [disposition] = dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA], days=3)
    disposition.due_at = timezone.now() + timedelta(hours=2)
    disposition.save()
    kabid = user(tangsel, "kabid.aptika")

    assert tasks.send_reminders() >= 1
    assert tasks.send_reminders() == 0
    assert Notice.objects.filter(user=kabid, subject__startswith="Pengingat disposisi").count() == 1

    disposition.due_at = timezone.now() - timedelta(hours=1)
    disposition.save()
    tasks.send_reminders()
    tasks.send_reminders()
    assert Reminder.objects.filter(disposition=disposition).count() == 2
    late = Notice.objects.filter(subject__startswith="Disposisi lewat batas waktu")
    assert late.filter(user=kabid).count() == 1
    assert late.filter(user=head(tangsel)).count() == 1


def test_statistics_count_letters_overdue_and_the_median_time(tangsel):
    from modules.eoffice import selectors, services

    in_region(tangsel)
    letters_before = selectors.letters_last_30_days()
    overdue_before = selectors.overdue_dispositions()
    letter = incoming(tangsel)
    [late, done] = dispose(tangsel, letter, head(tangsel), HEAD, [APTIKA, "DISKOMINFO.IKP.KEPALA"])
    late.due_at = timezone.now() - timedelta(hours=1)
    late.save()
    done.created_at = timezone.now() - timedelta(hours=10)
    done.save()
    services.report_done(user(tangsel, "kabid.ikp"), done, report="Selesai.")

    assert selectors.letters_last_30_days() == letters_before + 1
    assert selectors.overdue_dispositions() == overdue_before + 1
    assert selectors.median_disposition_hours() == pytest.approx(10, abs=0.1)
    assert selectors.letters_this_month() >= 1
