"""Mentors per region, the onboarding programme (ticked by hand or from what the region
did, asked of its modules), and mentoring sessions with agenda, notes and follow-ups."""

from __future__ import annotations

import pytest
from django.db import connection

from partnership import programme
from partnership.models import MentoringSession, ProgrammeStep, RegionMentoring
from tests.harness.fixtures import sign_in_staff
from tests.modules.laksa.conftest import admin_of, file_report
from tests.partnership.conftest import mentor_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(site_client, db):
    client = site_client(None)
    sign_in_staff(client, None, "koordinator@sinergi.test")
    return client


def ticked(region) -> set[str]:
    connection.set_schema_to_public()
    return set(ProgrammeStep.objects.filter(region=region).values_list("step", flat=True))


def test_a_coordinator_assigns_a_mentor_and_a_mentor_may_not(coordinator, mentor, tangsel):
    response = coordinator.post(
        f"/admin/kemitraan/daerah/{tangsel.pk}/mentor/", {"mentor": mentor_user().pk}
    )
    assert response.status_code == 302
    assert RegionMentoring.objects.get(region=tangsel).mentor == mentor_user()
    listing = coordinator.get("/admin/kemitraan/daerah/").text
    assert "Kota Tangerang Selatan" in listing and "Budi" in listing

    refused = mentor.post(f"/admin/kemitraan/daerah/{tangsel.pk}/mentor/", {"mentor": ""})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail: denied
    assert RegionMentoring.objects.get(region=tangsel).mentor is not None


def test_steps_tick_themselves_from_what_the_region_did(tangsel):
    from modules.laksa import services

    connection.set_schema_to_public()
    assert "first_module_on" in programme.tick_automatic(tangsel)

    ProgrammeStep.objects.filter(region=tangsel).delete()
    report = file_report(tangsel, "sampah")
    services.answer_report(report, note="Ditangani.", status="proses", actor=admin_of(tangsel))
    connection.set_schema_to_public()
    programme.tick_automatic(tangsel)

    assert {"first_module_on", "first_report_answered"} <= ticked(tangsel)
    assert "first_letter_signed" not in ticked(tangsel)  # no letter signed yet
    assert programme.tick_automatic(tangsel) == []  # idempotent
    items = {item["step"].key: item for item in programme.checklist(tangsel)}
    assert items["first_letter_signed"]["automatic"] is True
    assert items["first_report_answered"]["tick"].automatic is True


def test_a_step_of_a_switched_off_module_does_not_tick(tangsel):
    from modules import services as module_services
    from modules.laksa import services

    report = file_report(tangsel, "sampah")
    services.answer_report(report, note="Ditangani.", status="proses", actor=admin_of(tangsel))
    module_services.disable_module(tangsel, "laksa", actor=None)
    connection.set_schema_to_public()
    ProgrammeStep.objects.filter(region=tangsel).delete()

    programme.tick_automatic(tangsel)

    assert "first_report_answered" not in ticked(tangsel)


def test_steps_ticked_by_hand_show_the_progress(coordinator, tangsel):
    ProgrammeStep.objects.filter(region=tangsel).delete()
    url = f"/admin/kemitraan/daerah/{tangsel.pk}/langkah/"
    coordinator.post(url + "mou_signed/", {"done": "1"})
    coordinator.post(url + "admin_trained/", {"done": "1"})
    coordinator.post(url + "admin_trained/", {"done": "0"})
    coordinator.post(url + "bukan-langkah/", {"done": "1"})

    assert ticked(tangsel) == {"mou_signed"}
    page = coordinator.get(f"/admin/kemitraan/daerah/{tangsel.pk}/").text
    assert f"(1/{len(programme.STEPS)})" in page
    assert "Rina" in page  # who ticked it


def test_a_session_is_scheduled_and_its_notes_tick_the_first_session(mentor, tangsel):
    ProgrammeStep.objects.filter(region=tangsel).delete()
    base = f"/admin/kemitraan/daerah/{tangsel.pk}/sesi/"
    bad = mentor.post(base, {"scheduled_at": "besok", "agenda": "Pelatihan LAKSA"})
    assert bad.status_code == 400 and "Pelatihan LAKSA" in bad.text

    mentor.post(base, {"scheduled_at": "2026-12-01T10:00", "agenda": "Pelatihan LAKSA"})
    session = MentoringSession.objects.get(region=tangsel)
    mentor.post(
        f"{base}{session.pk}/",
        {"notes": "Admin paham alur verifikasi.", "follow_up": "Isi kategori banjir."},
    )

    session.refresh_from_db()
    assert session.follow_up == "Isi kategori banjir."
    assert "first_session" in ticked(tangsel)
    page = mentor.get(f"/admin/kemitraan/daerah/{tangsel.pk}/").text
    assert "Pelatihan LAKSA" in page and "Isi kategori banjir." in page
