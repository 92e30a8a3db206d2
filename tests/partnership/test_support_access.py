"""Support access: a region admin grants a named mentor a limited, scoped stay in the
region's admin; the mentor enters from the console as a distinct support identity; every
way in without a live grant is refused, also in the middle of a session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from partnership import access
from partnership.models import SupportGrantMirror
from partnership.region.models import SupportGrant
from tests.partnership.conftest import MENTOR, entry_path, mentor_user
from tests.themes.conftest import EDIT, branding_of, form_data

pytestmark = pytest.mark.django_db


def audit_of(region, **filters):
    connection.set_tenant(region)
    entries = list(AuditEntry.objects.filter(**filters))
    connection.set_schema_to_public()
    return entries


def set_grant(region, grant, **values):
    connection.set_tenant(region)
    SupportGrant.objects.filter(pk=grant.pk).update(**values)
    connection.set_schema_to_public()


def test_the_admin_grants_a_mentor_two_hours_and_the_console_lists_it(
    grant_to_mentor, mentor, tangsel, admin_client_for
):
    grant = grant_to_mentor(tangsel, hours=2, scope="branding")

    assert grant.mentor_email == MENTOR
    assert timedelta(hours=1, minutes=59) < grant.expires_at - timezone.now() <= timedelta(hours=2)
    mirror = SupportGrantMirror.objects.get(grant_public_id=grant.public_id)
    assert (mirror.region, mirror.mentor.email, mirror.scope) == (tangsel, MENTOR, "branding")
    assert audit_of(tangsel, action="partnership.grant_support")[0].details["hours"] == 2
    console = mentor.get("/admin/kemitraan/akses/")
    assert "Kota Tangerang Selatan" in console.text
    assert "Pengaturan &amp; tampilan situs" in console.text
    page = admin_client_for(tangsel).get("/admin/dukungan/akses/")
    assert "Cabut akses" in page.text and MENTOR in page.text


def test_the_grant_form_refuses_bad_input_with_a_message(admin_client_for, tangsel):
    client = admin_client_for(tangsel)
    response = client.post(
        "/admin/dukungan/akses/beri/",
        {"mentor": mentor_user().pk, "hours": 500, "scope": "semua", "reason": "x"},
    )
    assert response.status_code == 400
    assert "72" in response.text  # the most hours allowed
    assert response.text.count("error-message") == 2  # hours and scope, each with its message
    connection.set_tenant(tangsel)
    assert not SupportGrant.objects.exists()


def test_only_platform_mentors_can_be_granted(admin_client_for, tangsel):
    operator = User.objects.get(email="operator@sinergi.test")  # runs the platform, no mentor
    client = admin_client_for(tangsel)
    response = client.post(
        "/admin/dukungan/akses/beri/",
        {"mentor": operator.pk, "hours": 2, "scope": "branding"},
    )
    assert response.status_code == 400
    connection.set_tenant(tangsel)
    assert not SupportGrant.objects.exists()


def test_the_mentor_enters_as_a_distinct_identity_and_the_region_sees_each_action(
    grant_to_mentor, enter_as_mentor, tangsel, admin_client_for
):
    grant_to_mentor(tangsel, scope="branding")
    client = enter_as_mentor(tangsel)

    before = branding_of(tangsel)
    assert client.get(EDIT).status_code == 200
    response = client.post(EDIT, form_data(before, tagline="Diubah oleh mentor"))
    assert response.status_code == 302
    assert branding_of(tangsel).tagline == "Diubah oleh mentor"

    connection.set_tenant(tangsel)
    entry = AuditEntry.objects.get(action="themes.change_branding")
    identity = User.objects.get(pk=entry.actor_id)
    assert entry.platform_identity == MENTOR
    assert identity.email != "admin@tangsel.test" and not identity.is_superuser
    assert not identity.has_usable_password()
    assert "Mentor Tangerang" in entry.actor_name
    assert AuditEntry.objects.filter(
        action="partnership.support_action", platform_identity=MENTOR, details__path=EDIT
    ).exists()
    connection.set_schema_to_public()
    page = admin_client_for(tangsel).get("/admin/dukungan/akses/")
    assert "themes.change_branding" in page.text and MENTOR in page.text


def test_a_mentor_without_a_grant_finds_nothing_to_enter(mentor, tangsel, site_client):
    assert "Belum ada daerah yang memberi Anda akses" in mentor.get("/admin/kemitraan/akses/").text
    assert mentor.post("/admin/kemitraan/akses/999999/masuk/").status_code == 404
    # No region admin page serves the console, and no console page serves a region.
    assert site_client(tangsel).get("/admin/kemitraan/akses/").status_code in (302, 404)


def test_another_mentors_grant_cannot_be_used(grant_to_mentor, tangsel, site_client):
    grant_to_mentor(tangsel)
    coordinator = site_client(None)
    from tests.harness.fixtures import sign_in_staff

    sign_in_staff(coordinator, None, "koordinator@sinergi.test")
    mirror = SupportGrantMirror.objects.get()
    assert coordinator.post(f"/admin/kemitraan/akses/{mirror.pk}/masuk/").status_code == 404


def test_an_entry_link_works_once(grant_to_mentor, mentor, tangsel, site_client):
    grant_to_mentor(tangsel)
    path = entry_path(mentor, tangsel)
    assert site_client(tangsel).get(path).status_code == 302

    replay = site_client(tangsel).get(path)

    assert replay.status_code == 403
    assert "sudah pernah dipakai" in replay.text
    assert audit_of(tangsel, action="partnership.support_refused")[0].details == {
        "reason": "replayed"
    }


def test_a_forged_link_is_refused(grant_to_mentor, mentor, tangsel, site_client):
    grant = grant_to_mentor(tangsel)
    forged = signing.dumps(
        {"grant": str(grant.public_id), "schema": tangsel.schema_name, "mentor": 1, "nonce": "x"},
        salt="bukan-garam-kami",
    )
    path = entry_path(mentor, tangsel)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    for bad in (f"/dukungan/masuk/{forged}/", tampered):
        response = site_client(tangsel).get(bad)
        assert response.status_code == 403
        assert "tidak sah" in response.text


def test_an_expired_link_is_refused(grant_to_mentor, mentor, tangsel, site_client, monkeypatch):
    grant_to_mentor(tangsel)
    path = entry_path(mentor, tangsel)
    monkeypatch.setattr(access, "ENTRY_MAX_AGE", -1)

    response = site_client(tangsel).get(path)

    assert response.status_code == 403
    assert "kedaluwarsa" in response.text


def test_a_link_for_one_region_does_not_open_another(
    grant_to_mentor, mentor, tangsel, balikpapan, site_client
):
    grant_to_mentor(tangsel)
    path = entry_path(mentor, tangsel)

    response = site_client(balikpapan).get(path)

    assert response.status_code == 403
    assert "untuk daerah lain" in response.text
    assert site_client(balikpapan).get("/admin/").status_code == 302  # not signed in


def test_the_support_identity_cannot_sign_in_with_a_password(
    grant_to_mentor, enter_as_mentor, tangsel, site_client
):
    grant_to_mentor(tangsel)
    enter_as_mentor(tangsel)
    connection.set_tenant(tangsel)
    identity = User.objects.get(support_identity__isnull=False)
    connection.set_schema_to_public()
    client = site_client(tangsel)

    response = client.post("/admin/login/", {"username": identity.email, "password": ""})
    client.post("/admin/login/", {"username": identity.email, "password": "sinergi-demo-2026"})

    assert response.status_code == 200  # the form again, with its error
    assert client.get("/admin/").status_code == 302


def test_a_support_session_without_its_grant_is_signed_out(
    grant_to_mentor, enter_as_mentor, tangsel, site_client
):
    grant_to_mentor(tangsel)
    enter_as_mentor(tangsel)
    connection.set_tenant(tangsel)
    identity = User.objects.get(support_identity__isnull=False)
    client = site_client(tangsel)
    client.force_login(identity)  # a session that did not come through an entry link
    connection.set_schema_to_public()

    response = client.get("/admin/")

    assert response.status_code == 403
    assert "Akses dukungan berakhir" in response.text


@pytest.mark.parametrize("ending", ["expired", "revoked"])
def test_access_ends_in_the_middle_of_a_session(
    ending, grant_to_mentor, enter_as_mentor, tangsel, admin_client_for
):
    grant = grant_to_mentor(tangsel)
    client = enter_as_mentor(tangsel)
    assert client.get(EDIT).status_code == 200

    if ending == "expired":
        set_grant(tangsel, grant, expires_at=timezone.now() - timedelta(seconds=1))
    else:
        admin = admin_client_for(tangsel)
        assert admin.post(f"/admin/dukungan/akses/{grant.pk}/cabut/").status_code == 302
        assert SupportGrantMirror.objects.get().revoked_at is not None

    refused = client.get(EDIT)
    after = client.get("/admin/")

    assert refused.status_code == 403
    assert "Akses dukungan berakhir" in refused.text
    assert after.status_code == 302 and "/login/" in after["Location"]  # signed out
    assert audit_of(tangsel, action="partnership.support_ended")


def test_after_revocation_the_console_cannot_make_a_link(
    grant_to_mentor, mentor, tangsel, admin_client_for
):
    grant = grant_to_mentor(tangsel)
    admin_client_for(tangsel).post(f"/admin/dukungan/akses/{grant.pk}/cabut/")
    mirror = SupportGrantMirror.objects.get()

    response = mentor.post(f"/admin/kemitraan/akses/{mirror.pk}/masuk/", follow=True)

    assert "sudah berakhir atau dicabut" in response.text


def test_a_link_made_before_revocation_is_refused_after_it(
    grant_to_mentor, mentor, tangsel, admin_client_for, site_client
):
    grant = grant_to_mentor(tangsel)
    path = entry_path(mentor, tangsel)
    admin_client_for(tangsel).post(f"/admin/dukungan/akses/{grant.pk}/cabut/")

    response = site_client(tangsel).get(path)

    assert response.status_code == 403
    assert "berakhir atau dicabut" in response.text


def test_the_mentor_is_refused_outside_the_scope(grant_to_mentor, enter_as_mentor, tangsel):
    grant_to_mentor(tangsel, scope="branding")
    client = enter_as_mentor(tangsel)

    for path in ("/admin/staf/", "/admin/laksa/triage/", "/admin/log-audit/", "/admin/modul/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Di luar cakupan akses" in response.text
    assert client.post("/admin/modul/laksa/status/").status_code == 403
    assert client.get(EDIT).status_code == 200  # still inside, not signed out
    assert audit_of(tangsel, action="partnership.support_out_of_scope")


def test_a_read_only_grant_shows_but_changes_nothing(grant_to_mentor, enter_as_mentor, tangsel):
    grant_to_mentor(tangsel, scope="branding", read_only=True)
    client = enter_as_mentor(tangsel)
    before = branding_of(tangsel)

    assert client.get(EDIT).status_code == 200
    response = client.post(EDIT, form_data(before, tagline="Tidak boleh"))

    assert response.status_code == 403
    assert "hanya melihat" in response.text
    assert branding_of(tangsel).tagline == before.tagline


def test_a_module_scope_opens_that_modules_settings_only(grant_to_mentor, enter_as_mentor, tangsel):
    grant_to_mentor(tangsel, scope="module:laksa")
    client = enter_as_mentor(tangsel)

    assert client.get("/admin/modul/").status_code == 200
    assert client.post("/admin/modul/jobs/pengaturan/", {}).status_code == 403
    assert client.post("/admin/modul/laksa/status/").status_code == 403  # no switching off
    assert client.get(EDIT).status_code == 403


def test_grants_of_one_region_are_not_seen_or_revoked_through_another(
    grant_to_mentor, tangsel, balikpapan, admin_client_for
):
    grant = grant_to_mentor(tangsel)
    other = admin_client_for(balikpapan)

    assert "Cabut akses" not in other.get("/admin/dukungan/akses/").text
    assert other.post(f"/admin/dukungan/akses/{grant.pk}/cabut/").status_code == 404
    connection.set_tenant(tangsel)
    assert SupportGrant.objects.get(pk=grant.pk).revoked_at is None


def test_the_mentors_platform_session_means_nothing_on_a_region_host(
    mentor, grant_to_mentor, tangsel, site_client
):
    grant_to_mentor(tangsel)
    client = site_client(tangsel)
    client.cookies = mentor.cookies  # the same browser, carrying the platform's session

    assert client.get("/admin/").status_code == 302
    assert client.get(EDIT).status_code == 302
