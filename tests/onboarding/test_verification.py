"""Email verification: a single-use link that expires after 7 days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from onboarding.models import Application
from tests.onboarding.conftest import join_data, last_link_to, path_of

pytestmark = pytest.mark.django_db

EMAIL = "diskominfo@pandeglangkab.go.id"


def _apply(platform, **overrides) -> str:
    platform.post("/bergabung/", join_data(**overrides))
    return path_of(last_link_to(overrides.get("email", EMAIL)))


def test_link_opens_a_confirm_button_and_confirming_shows_the_status_page(platform):
    link = _apply(platform)

    opened = platform.get(link)
    assert Application.objects.get().status == Application.Status.UNVERIFIED
    confirmed = platform.post(link)
    status_page = platform.get(confirmed["Location"])

    assert "Konfirmasi email saya" in opened.text
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith("/bergabung/status/")
    application = Application.objects.get()
    assert application.status == Application.Status.VERIFIED
    assert application.verified_at is not None
    assert "sedang meninjau pendaftaran Anda" in status_page.text
    assert AuditEntry.objects.filter(
        action="onboarding.verify_email", object_id=str(application.pk)
    ).exists()


def test_link_works_only_once(platform):
    link = _apply(platform)
    platform.post(link)

    reused = platform.post(link)

    assert reused.status_code == 400
    assert "sudah dipakai" in reused.text


def test_expired_link_is_refused_and_frees_the_subdomain(platform):
    link = _apply(platform)
    Application.objects.update(verification_expires_at=timezone.now() - timedelta(seconds=1))

    expired = platform.post(link)
    again = platform.post("/bergabung/", join_data())

    assert expired.status_code == 400
    assert "kedaluwarsa" in expired.text
    assert again.status_code == 200
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == [Application.Status.EXPIRED, Application.Status.UNVERIFIED]


def test_link_lasts_seven_days(platform):
    _apply(platform)
    application = Application.objects.get()

    lifetime = application.verification_expires_at - application.created_at

    assert timedelta(days=6, hours=23) < lifetime <= timedelta(days=7)


def test_unknown_link_changes_nothing(platform):
    _apply(platform)

    response = platform.post("/bergabung/verifikasi/bukan-token/")

    assert response.status_code == 400
    assert "tidak dikenal" in response.text
    assert Application.objects.get().status == Application.Status.UNVERIFIED


def test_status_page_needs_a_valid_signed_token(platform):
    _apply(platform)
    application = Application.objects.get()

    assert platform.get(f"/bergabung/status/{application.public_id}/").status_code == 404
    assert platform.get("/bergabung/status/palsu:abc/").status_code == 404


def test_verification_link_does_nothing_on_a_region_host(platform, site_client, tangsel):
    link = _apply(platform)

    response = site_client(tangsel).post(link)

    assert response.status_code == 404
    assert Application.objects.get().status == Application.Status.UNVERIFIED
