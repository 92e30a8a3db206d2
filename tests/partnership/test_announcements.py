"""Announcements from Tangerang appear on every region admin's home until withdrawn."""

from __future__ import annotations

import pytest

from partnership.models import Announcement
from tests.harness.fixtures import sign_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(site_client, db):
    client = site_client(None)
    sign_in_staff(client, None, "koordinator@sinergi.test")
    return client


def test_an_announcement_shows_in_every_region_admin_until_withdrawn(
    coordinator, admin_client_for, tangsel, balikpapan
):
    response = coordinator.post(
        "/admin/kemitraan/pengumuman/",
        {"title": "Pelatihan e-Office 3 Desember", "body": "Daftar lewat mentor Anda."},
    )
    assert response.status_code == 302

    for region in (tangsel, balikpapan):
        home = admin_client_for(region).get("/admin/")
        assert "Pengumuman dari Kota Tangerang" in home.text
        assert "Pelatihan e-Office 3 Desember" in home.text

    announcement = Announcement.objects.get()
    coordinator.post(f"/admin/kemitraan/pengumuman/{announcement.pk}/tarik/")
    assert "Pelatihan e-Office 3 Desember" not in admin_client_for(tangsel).get("/admin/").text


def test_a_mentor_cannot_announce_and_an_empty_form_is_refused(coordinator, mentor):
    assert (
        mentor.post("/admin/kemitraan/pengumuman/", {"title": "x", "body": "y"})["Location"]
        == "/admin/"
    )
    empty = coordinator.post("/admin/kemitraan/pengumuman/", {"title": "", "body": ""})
    assert empty.status_code == 400
    assert not Announcement.objects.exists()
