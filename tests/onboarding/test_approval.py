"""Lead-city approval: Tangerang coordinators decide on verified applications in the
platform's admin; the applicant hears either way; every decision is audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from audit.models import AuditEntry
from notifications.testing import deliver_pending, last_email_to
from onboarding.models import Application
from tests.harness.fixtures import sign_in_staff
from tests.onboarding.conftest import COORDINATOR, join_data, verified_application

pytestmark = pytest.mark.django_db

APPLICANT = "diskominfo@pandeglangkab.go.id"


def test_verified_application_is_announced_to_coordinators_and_operators_only(platform):
    application = verified_application(platform)
    deliver_pending("public")

    told = sorted({to for message in mail.outbox for to in message.to} - {APPLICANT})
    to_coordinator = last_email_to(COORDINATOR)

    assert told == [COORDINATOR, "operator@sinergi.test"]
    assert "Kabupaten Pandeglang" in to_coordinator.subject
    assert f"/admin/pendaftaran/{application.pk}/" in to_coordinator.body


def test_coordinator_sees_the_queue_with_its_count(platform, coordinator):
    application = verified_application(platform)

    home = coordinator.get("/admin/")
    queue = coordinator.get("/admin/pendaftaran/")
    detail = coordinator.get(f"/admin/pendaftaran/{application.pk}/")

    assert "Pendaftaran daerah (1)" in home.text
    assert queue.status_code == 200
    assert "Kabupaten Pandeglang" in queue.text
    assert "pandeglang.localhost" in queue.text
    assert "Dewi Lestari" in detail.text
    assert "Harga Bahan Pokok" in detail.text
    assert "Setujui dan siapkan daerah" in detail.text


def test_unverified_applications_are_not_in_the_queue(platform, coordinator):
    platform.post("/bergabung/", join_data())

    assert (
        "Tidak ada pendaftaran yang menunggu keputusan"
        in coordinator.get("/admin/pendaftaran/").text
    )


def test_approval_tells_the_applicant_and_is_audited(platform, coordinator):
    application = verified_application(platform)

    response = coordinator.post(f"/admin/pendaftaran/{application.pk}/setujui/")
    deliver_pending("public")

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == Application.Status.APPROVED
    assert application.decided_by_name == "Rina Koordinator"
    told = last_email_to(APPLICANT)
    assert "disetujui" in told.subject
    assert "/bergabung/status/" in told.body
    entry = AuditEntry.objects.get(action="onboarding.approve", object_id=str(application.pk))
    assert entry.actor_name == "Rina Koordinator"
    assert entry.ip_address == "127.0.0.1"


def test_rejection_needs_a_reason_which_the_applicant_reads(platform, coordinator):
    application = verified_application(platform)

    empty = coordinator.post(f"/admin/pendaftaran/{application.pk}/tolak/", {"reason": "  "})
    application.refresh_from_db()
    assert empty.status_code == 400
    assert "Tuliskan alasan penolakan" in empty.text
    assert application.status == Application.Status.VERIFIED

    coordinator.post(
        f"/admin/pendaftaran/{application.pk}/tolak/",
        {"reason": "Surat permohonan dari Bupati belum kami terima."},
    )
    deliver_pending("public")

    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    told = last_email_to(APPLICANT)
    assert "belum disetujui" in told.subject
    assert "Surat permohonan dari Bupati belum kami terima." in told.body
    assert AuditEntry.objects.filter(
        action="onboarding.reject", object_id=str(application.pk), actor_name="Rina Koordinator"
    ).exists()


def test_rejected_application_shows_its_reason_and_frees_the_subdomain(platform, coordinator):
    from onboarding import links

    application = verified_application(platform)
    coordinator.post(f"/admin/pendaftaran/{application.pk}/tolak/", {"reason": "Duplikat."})

    status_page = platform.get(f"/bergabung/status/{links.status_token(application)}/")
    again = platform.post("/bergabung/", join_data())

    assert "Duplikat." in status_page.text
    assert again.status_code == 200


def test_a_decision_is_made_once(platform, coordinator):
    application = verified_application(platform)
    coordinator.post(f"/admin/pendaftaran/{application.pk}/tolak/", {"reason": "Duplikat."})

    late = coordinator.post(f"/admin/pendaftaran/{application.pk}/setujui/", follow=True)

    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert "tidak menunggu keputusan" in late.text
    assert not AuditEntry.objects.filter(action="onboarding.approve").exists()


def test_mentors_may_not_decide(platform, site_client):
    application = verified_application(platform)
    mentor = site_client(None)
    sign_in_staff(mentor, None, "mentor@sinergi.test")

    # The admin answers a refused permission by sending the person back to its home page.
    assert mentor.get("/admin/pendaftaran/")["Location"] == "/admin/"
    assert mentor.post(f"/admin/pendaftaran/{application.pk}/setujui/")["Location"] == "/admin/"
    assert "Pendaftaran daerah" not in mentor.get("/admin/").text
    application.refresh_from_db()
    assert application.status == Application.Status.VERIFIED


def test_the_queue_does_not_exist_in_a_region_admin(platform, admin_client_for, tangsel):
    application = verified_application(platform)
    region_admin = admin_client_for(tangsel)

    assert region_admin.get("/admin/pendaftaran/").status_code == 404
    assert region_admin.post(f"/admin/pendaftaran/{application.pk}/setujui/").status_code == 404
    assert "Pendaftaran daerah" not in region_admin.get("/admin/").text
    application.refresh_from_db()
    assert application.status == Application.Status.VERIFIED


@override_settings(ONBOARDING_REQUIRES_APPROVAL=False)
def test_without_lead_city_approval_a_verified_application_is_approved_at_once(platform):
    application = verified_application(platform)
    deliver_pending("public")

    assert application.status == Application.Status.APPROVED
    assert application.decided_by_name == "otomatis"
    assert "disetujui" in last_email_to(APPLICANT).subject
    assert not [m for m in mail.outbox if COORDINATOR in m.to]
