"""The region admin's list of region holidays: its own region only, every change audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from accounts.models import User
from audit.models import AuditEntry
from tests.harness.fixtures import sign_in_staff
from workdays import services
from workdays.models import RegionHoliday

pytestmark = pytest.mark.django_db

LIST = "/admin/libur-daerah/"


def admin_client(site_client, region):
    client = site_client(region)
    sign_in_staff(client, region, f"admin@{region.slug}.test")
    return client


def add_holiday(region, day=date(2026, 11, 25), name="Hari Jadi Kota Tangerang Selatan"):
    connection.set_tenant(region)
    actor = User.objects.get(email=f"admin@{region.slug}.test")
    holiday = services.add_holiday(day=day, name=name, actor=actor)
    connection.set_schema_to_public()
    return holiday


def test_region_admin_adds_a_holiday_and_it_is_audited(site_client, tangsel):
    client = admin_client(site_client, tangsel)

    response = client.post(
        f"{LIST}new/",
        {"date": "2026-11-25", "name": "Hari Jadi Kota Tangerang Selatan", "notes": "SK 123"},
    )

    assert response.status_code == 302
    listing = client.get(LIST)
    assert "Hari Jadi Kota Tangerang Selatan" in listing.text
    connection.set_tenant(tangsel)
    holiday = RegionHoliday.objects.get(date=date(2026, 11, 25))
    assert holiday.added_by_name == "admin@tangsel.test"
    entry = AuditEntry.objects.get(action="workdays.add_holiday")
    assert entry.object_id == str(holiday.pk)
    assert entry.actor_name == "admin@tangsel.test"
    assert entry.details["date"] == "2026-11-25"


def test_editing_and_removing_a_holiday_are_audited(site_client, tangsel):
    holiday = add_holiday(tangsel)
    client = admin_client(site_client, tangsel)

    edited = client.post(
        f"{LIST}edit/{holiday.pk}/",
        {"date": "2026-11-26", "name": "Hari Jadi Tangsel", "notes": ""},
    )
    removed = client.post(f"{LIST}delete/{holiday.pk}/")

    assert edited.status_code == 302
    assert removed.status_code == 302
    connection.set_tenant(tangsel)
    assert not RegionHoliday.objects.exists()
    change = AuditEntry.objects.get(action="workdays.change_holiday")
    assert change.details["before"]["date"] == "2026-11-25"
    assert change.details["date"] == "2026-11-26"
    removal = AuditEntry.objects.get(action="workdays.remove_holiday")
    assert removal.details["name"] == "Hari Jadi Tangsel"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-11-28", "akhir pekan"),
        ("2026-12-24", "Cuti Bersama Hari Raya Natal"),
        ("2026-11-25", "sudah tercatat sebagai libur daerah"),
    ],
)
def test_a_date_that_is_already_off_is_refused_with_a_clear_message(
    site_client, tangsel, day, message
):
    add_holiday(tangsel)
    client = admin_client(site_client, tangsel)

    response = client.post(f"{LIST}new/", {"date": day, "name": "Libur lain", "notes": "x"})

    assert response.status_code == 200
    assert message in response.text
    assert 'value="Libur lain"' in response.text  # what was typed is kept
    connection.set_tenant(tangsel)
    assert RegionHoliday.objects.count() == 1
    assert AuditEntry.objects.filter(action="workdays.add_holiday").count() == 1


def test_another_regions_holidays_are_absent_and_out_of_reach(site_client, tangsel, balikpapan):
    holiday = add_holiday(tangsel)
    client = admin_client(site_client, balikpapan)

    listing = client.get(LIST)
    edit = client.get(f"{LIST}edit/{holiday.pk}/")
    edit_post = client.post(
        f"{LIST}edit/{holiday.pk}/", {"date": "2026-11-26", "name": "Diubah", "notes": ""}
    )
    delete = client.post(f"{LIST}delete/{holiday.pk}/")

    assert listing.status_code == 200
    assert "Hari Jadi Kota Tangerang Selatan" not in listing.text
    assert edit.status_code == 404
    assert edit_post.status_code == 404
    assert delete.status_code == 404
    connection.set_tenant(tangsel)
    assert RegionHoliday.objects.get(pk=holiday.pk).name == "Hari Jadi Kota Tangerang Selatan"


def test_the_list_shows_the_national_holidays_for_reference(site_client, tangsel):
    response = admin_client(site_client, tangsel).get(LIST)

    assert response.status_code == 200
    assert "Libur nasional dan cuti bersama" in response.text
    assert "Cuti Bersama Hari Raya Natal" in response.text


def test_staff_without_the_permission_neither_see_nor_open_the_list(site_client, tangsel):
    connection.set_tenant(tangsel)
    editor = User.objects.create_user("editor@tangsel.test", "x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = site_client(tangsel)
    client.force_login(editor)
    connection.set_schema_to_public()
    superuser = admin_client(site_client, tangsel)

    assert LIST in superuser.get("/admin/").text
    home = client.get("/admin/")
    assert home.status_code == 200
    assert LIST not in home.text
    refused_list = client.get(LIST)
    refused_add = client.post(f"{LIST}new/", {"date": "2026-11-25", "name": "Libur"})
    assert (refused_list.status_code, refused_list["Location"]) == (302, "/admin/")
    assert (refused_add.status_code, refused_add["Location"]) == (302, "/admin/")
    connection.set_tenant(tangsel)
    assert not RegionHoliday.objects.exists()
