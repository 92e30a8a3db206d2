"""Helpers of the partnership suite: the mentor on the console, grants made by a region's
admin, and following an entry link from the console to the region's host."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts.models import User
from tests.harness.fixtures import sign_in_staff

MENTOR = "mentor@sinergi.test"


def mentor_user() -> User:
    connection.set_schema_to_public()
    return User.objects.get(email=MENTOR)


@pytest.fixture
def mentor(site_client, db):
    client = site_client(None)
    sign_in_staff(client, None, MENTOR)
    return client


@pytest.fixture
def grant_to_mentor(admin_client_for):
    """`grant_to_mentor(region, hours=2, scope="branding", read_only=False)`: the region's
    admin grants the demo mentor access through the admin's form."""

    def make(region, hours=2, scope="branding", read_only=False):
        client = admin_client_for(region)
        data = {"mentor": mentor_user().pk, "hours": hours, "scope": scope, "reason": "Bantu"}
        if read_only:
            data["read_only"] = "on"
        response = client.post("/admin/dukungan/akses/beri/", data)
        assert response.status_code == 302, response.text
        connection.set_tenant(region)
        from partnership.region.models import SupportGrant

        grant = SupportGrant.objects.latest("pk")
        connection.set_schema_to_public()
        return grant

    return make


def entry_path(mentor_client, region) -> str:
    """The mentor presses "Masuk" on the console; the path of the link on the region host."""
    from partnership.models import SupportGrantMirror

    connection.set_schema_to_public()
    mirror = SupportGrantMirror.objects.filter(region=region).latest("pk")
    response = mentor_client.post(f"/admin/kemitraan/akses/{mirror.pk}/masuk/")
    assert response.status_code == 302, response.text
    url = response["Location"]
    host = f"http://{region.slug}.localhost"
    assert url.startswith(host + "/dukungan/masuk/"), url
    return url.removeprefix(host)


@pytest.fixture
def enter_as_mentor(mentor, site_client):
    """`enter_as_mentor(region)`: a client on the region's host signed in through the link."""

    def make(region):
        client = site_client(region)
        response = client.get(entry_path(mentor, region))
        assert response.status_code == 302 and response["Location"] == "/admin/", response
        return client

    return make


@pytest.fixture(autouse=True)
def empty_console(request):
    """The golden database holds the demo console (partners' mentor, a thread, ticked
    steps, an announcement, a snapshot): each test here starts from an empty one, inside
    its rolled-back transaction (tests that commit keep their own bookkeeping)."""
    if "committed_db" in request.fixturenames or not request.node.get_closest_marker("django_db"):
        yield
        return
    request.getfixturevalue("db")
    from django_tenants.utils import schema_context

    from partnership.models import (
        AdoptionFigure,
        Announcement,
        ProgrammeStep,
        RegionMentoring,
        SupportThread,
    )

    with schema_context("public"):
        for model in (AdoptionFigure, Announcement, ProgrammeStep, RegionMentoring, SupportThread):
            model.objects.all().delete()
    yield
