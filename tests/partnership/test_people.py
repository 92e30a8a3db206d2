"""Public rows that name a person show the right one on a region's side: the region has
its own user with the mentor's platform id, and it is never the one shown."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts.models import User
from partnership.models import RegionMentoring, SupportThread
from tests.partnership.conftest import mentor_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesake(tangsel):
    """Tangsel's own user whose id is the mentor's id on the platform."""
    mentor = mentor_user()
    connection.set_tenant(tangsel)
    twin = User.objects.filter(pk=mentor.pk).first()
    if twin is None:
        twin = User.objects.create_user(pk=mentor.pk, email="kembar@tangsel.test", password=None)
    User.objects.filter(pk=twin.pk).update(first_name="Kembar", last_name="Daerah")
    connection.set_schema_to_public()
    return mentor


def test_the_region_sees_the_platform_mentor_never_its_own_user_of_that_id(
    namesake, tangsel, admin_client_for, mentor
):
    RegionMentoring.objects.create(region=tangsel, mentor=namesake)
    admin = admin_client_for(tangsel)
    asked = admin.post(
        "/admin/dukungan/tanya/kirim/", {"subject": "Siapa mentor kami?", "body": "Halo."}
    )
    assert asked.status_code == 302
    connection.set_schema_to_public()
    thread = SupportThread.objects.get()
    assert thread.mentor_name == "Budi Mentor"
    mentor.post(f"/admin/kemitraan/utas/{thread.pk}/", {"body": "Saya Budi."})

    for path in ("/admin/dukungan/tanya/", f"/admin/dukungan/tanya/{thread.public_id}/"):
        page = admin.get(path).text
        assert "Budi Mentor" in page and "Kembar" not in page, path

    connection.set_tenant(tangsel)
    assignment = RegionMentoring.objects.get(region=tangsel)
    assert "Kembar" not in str(assignment)
