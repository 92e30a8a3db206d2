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


def test_rahasia_reports_are_absent_from_every_public_page(site_client, tangsel):
    from modules.laksa import services

    report = file_report(tangsel, privacy="rahasia", title="Pungutan liar di kelurahan",
                         latitude="-6.29", longitude="106.71")  # fmt: skip
    services.verify_report(report, actor=admin_of(tangsel))
    client = site_client(tangsel)

    public_pages = [
        client.get(url) for url in ("/laksa/", "/laksa/peta/", "/laksa/?status=menunggu")
    ]
    detail = client.get(f"/laksa/laporan/{report.pk}/")
    own_page = client.get(f"/laksa/lacak/{report.tracking_code}/")

    assert all(page.status_code == 200 for page in public_pages)
    assert all("Pungutan liar" not in page.text for page in public_pages)
    assert detail.status_code == 404
    assert "Pungutan liar di kelurahan" in own_page.text  # the code's holder still follows it
    assert REPORTER_NAME not in own_page.text and REPORTER_EMAIL not in own_page.text


def test_an_anonim_reporter_is_on_no_public_page(site_client, tangsel):
    from modules.laksa import services

    report = file_report(tangsel, privacy="anonim", title="Jalan amblas")
    admin = admin_of(tangsel)
    services.verify_report(report, actor=admin)
    services.answer_report(report, note="Sedang diperbaiki.", status="proses", actor=admin)
    client = site_client(tangsel)

    pages = [
        client.get("/laksa/").text,
        client.get(f"/laksa/laporan/{report.pk}/").text,
        client.get(f"/laksa/lacak/{report.tracking_code}/").text,
    ]

    assert "Jalan amblas" in pages[0] and "Anonim" in pages[1]
    for text in pages:
        assert "Rahmat" not in text and "rahmat.hidayat" not in text
