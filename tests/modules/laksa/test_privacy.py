"""Anonim and rahasia reporters are never shown to anyone but the verifiers, and rahasia
reports are absent from every public page."""

from __future__ import annotations

import pytest
from django.db import connection

from notifications.testing import deliver_pending, sent_emails
from tests.modules.laksa.conftest import (
    REPORTER_EMAIL,
    REPORTER_NAME,
    admin_of,
    file_report,
    in_region,
    make_staff,
)

pytestmark = pytest.mark.django_db


def _staff_texts(region) -> str:
    """Every notice and outbox message the region's staff were sent."""
    from notifications.models import Message, Notice

    in_region(region)
    texts = [f"{n.subject} {n.body}" for n in Notice.objects.filter(user__is_staff=True)]
    texts += [
        f"{m.subject} {m.body}"
        for m in Message.objects.exclude(to__iexact=REPORTER_EMAIL).filter(user__is_staff=True)
    ]
    return "\n".join(texts)


@pytest.mark.parametrize("privacy", ["anonim", "rahasia"])
def test_staff_notifications_never_name_a_hidden_reporter(tangsel, privacy):
    from modules.laksa import services

    make_staff(tangsel, "kadis.pupr@tangsel.test", role="Petugas OPD LAKSA",
               position_code="PUPR.KEPALA")  # fmt: skip
    report = file_report(tangsel, "jalan-rusak", privacy=privacy, title="Lubang rahasia")
    admin = admin_of(tangsel)
    services.verify_report(report, actor=admin)
    services.escalate_overdue()
    services.answer_report(report, note="Ditambal.", status="selesai", actor=admin)

    texts = _staff_texts(tangsel)
    assert "Lubang rahasia" in texts  # the staff were told about the report ...
    assert REPORTER_NAME not in texts and REPORTER_EMAIL not in texts  # ... not who sent it


def test_a_reporter_without_an_account_gets_every_step_by_email(tangsel):
    from modules.laksa import services

    report = file_report(tangsel, "jalan-rusak", privacy="rahasia")
    admin = admin_of(tangsel)
    services.verify_report(report, actor=admin)
    services.answer_report(report, note="Lubang sudah ditambal.", status="selesai", actor=admin)
    connection.set_schema_to_public()
    deliver_pending(tangsel.schema_name)

    mails = {m.subject: m.body for m in sent_emails(REPORTER_EMAIL)}
    code = report.tracking_code
    assert set(mails) == {
        f"Laporan Anda diterima: {code}",
        f"Laporan {code} diverifikasi",
        f"Laporan {code} selesai",
    }
    assert "Lubang sudah ditambal." in mails[f"Laporan {code} selesai"]
    link = f"http://tangsel.localhost/laksa/lacak/{code}/"
    assert all(link in body for body in mails.values())
