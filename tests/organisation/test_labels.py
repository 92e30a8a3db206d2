"""position_label: what a person is, as written in audit entries and under signatures."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from audit import api as audit
from organisation import api
from organisation.models import Assignment, Position
from tests.organisation.factories import assign, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(tangsel):
    connection.set_tenant(tangsel)
    return tangsel


def test_section_head_is_named_with_the_office(region):
    ani = staff("ani@tangsel.test")
    assign(ani, Position.objects.get(code="PUPR.JALAN.KEPALA"))

    assert api.position_label(ani) == "Kepala Bidang Jalan, Dinas PUPR"


def test_acting_head_of_a_dinas(region):
    ani = staff("ani@tangsel.test")
    assign(ani, Position.objects.get(code="PUPR.KEPALA"), kind=Assignment.Kind.PLT)

    assert api.position_label(ani) == "Plt. Kepala Dinas PUPR"


def test_own_position_first_then_what_the_person_acts_for(region):
    ani = staff("ani@tangsel.test")
    assign(ani, Position.objects.get(code="PUPR.KEPALA"), kind=Assignment.Kind.PLH)
    assign(ani, Position.objects.get(code="PUPR.JALAN.KEPALA"))

    assert api.position_label(ani) == "Kepala Bidang Jalan, Dinas PUPR; Plh. Kepala Dinas PUPR"


def test_staff_of_a_section_and_the_demo_admin(region):
    from accounts.models import User

    budi = staff("budi@tangsel.test")
    assign(budi, Position.objects.get(code="PUPR.JALAN.STAF"))

    assert api.position_label(budi) == "Staf Bidang Jalan, Dinas PUPR"
    admin = User.objects.get(email="admin@tangsel.test")
    assert api.position_label(admin) == "Kepala Dinas Komunikasi dan Informatika"


def test_no_position_and_ended_positions_give_no_label(region):
    ani = staff("ani@tangsel.test")
    assert api.position_label(ani) == ""
    assign(
        ani,
        Position.objects.get(code="DLH.KEPALA"),
        starts=date(2024, 1, 1),
        ends=date(2024, 12, 31),
    )
    assert api.position_label(ani) == ""


def test_audit_entries_keep_the_actors_position_at_the_time(region):
    ani = staff("ani@tangsel.test")
    assignment = assign(ani, Position.objects.get(code="PUPR.JALAN.KEPALA"))

    entry = audit.record("laksa.answer", actor=ani)
    api.end_assignment(assignment, date(2025, 6, 30), actor=None)

    entry.refresh_from_db()
    assert entry.actor_position == "Kepala Bidang Jalan, Dinas PUPR"
    assert api.position_label(ani) == ""
