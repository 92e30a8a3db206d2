"""The unit tree: everything under a unit, heads, the chain of command, moves."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from organisation import api, services
from organisation.models import Area, Position, Unit
from tests.organisation.factories import assign, position, staff, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(tangsel):
    connection.set_tenant(tangsel)
    return tangsel


def codes(units) -> list[str]:
    return [u.code for u in units]


def test_units_under_a_dinas_are_its_sections_at_every_depth(region):
    pupr = Unit.objects.get(code="PUPR")

    assert codes(api.units_under(pupr)) == ["PUPR.JALAN", "PUPR.JALAN.PEMELIHARAAN", "PUPR.SDA"]
    assert codes(api.units_under(pupr, include_self=True))[0] == "PUPR"
    assert codes(api.units_under(Unit.objects.get(code="PUPR.SDA"))) == []
    assert codes(api.ancestors_of(Unit.objects.get(code="PUPR.JALAN.PEMELIHARAAN"))) == [
        "PUPR",
        "PUPR.JALAN",
    ]


def test_moving_a_unit_takes_its_sub_units_along(region):
    sda = Unit.objects.get(code="PUPR.SDA")
    drainase = unit("PUPR.SDA.DRAINASE", "Seksi Drainase", Unit.Kind.SEKSI, parent=sda)
    dlh = Unit.objects.get(code="DLH")

    services.update_unit(sda, actor=None, parent=dlh)

    assert set(codes(api.units_under(dlh))) == {"DLH.SAMPAH", "PUPR.SDA", "PUPR.SDA.DRAINASE"}
    assert "PUPR.SDA" not in codes(api.units_under(Unit.objects.get(code="PUPR")))
    drainase.refresh_from_db()
    assert codes(api.ancestors_of(drainase)) == ["DLH", "PUPR.SDA"]
    assert drainase.depth == 3


def test_a_unit_cannot_move_under_itself(region):
    pupr = Unit.objects.get(code="PUPR")

    with pytest.raises(ValidationError, match="tidak boleh unit ini sendiri atau sub-unitnya"):
        services.update_unit(pupr, actor=None, parent=Unit.objects.get(code="PUPR.JALAN"))

    pupr.refresh_from_db()
    assert pupr.parent is None


def test_head_of_a_unit_is_whoever_holds_its_head_position(region):
    pupr, jalan = Unit.objects.get(code="PUPR"), Unit.objects.get(code="PUPR.JALAN")
    kadis, kabid = staff("kadis@tangsel.test"), staff("kabid@tangsel.test")

    assert api.head_of(pupr) is None  # vacant
    assign(kadis, Position.objects.get(code="PUPR.KEPALA"))
    assign(kabid, Position.objects.get(code="PUPR.JALAN.KEPALA"))

    assert api.head_of(pupr) == kadis
    assert api.head_of(jalan) == kabid
    assert api.head_position(jalan).code == "PUPR.JALAN.KEPALA"


def test_a_unit_has_one_active_head_position(region):
    with pytest.raises(ValidationError, match="sudah punya jabatan kepala"):
        position(Unit.objects.get(code="DLH"), "DLH.KEPALA2", "Kepala Dinas", is_head=True)


def test_chain_of_command_follows_the_tree_unless_reports_to_says_otherwise(region):
    staf = Position.objects.get(code="PUPR.JALAN.STAF")
    seksi = Position.objects.get(code="PUPR.JALAN.PEMELIHARAAN.KEPALA")

    assert codes(api.chain_of_command(staf)) == ["PUPR.JALAN.KEPALA", "PUPR.KEPALA"]
    assert codes(api.chain_of_command(seksi)) == ["PUPR.JALAN.KEPALA", "PUPR.KEPALA"]
    services.update_position(staf, actor=None, reports_to=seksi)
    staf.refresh_from_db()
    assert codes(api.chain_of_command(staf)) == [
        "PUPR.JALAN.PEMELIHARAAN.KEPALA",
        "PUPR.JALAN.KEPALA",
        "PUPR.KEPALA",
    ]


def test_reports_to_cannot_go_round_in_a_circle(region):
    kabid = Position.objects.get(code="PUPR.JALAN.KEPALA")
    staf = Position.objects.get(code="PUPR.JALAN.STAF")
    services.update_position(staf, actor=None, reports_to=kabid)

    with pytest.raises(ValidationError, match="membentuk lingkaran"):
        services.update_position(kabid, actor=None, reports_to=staf)


def test_staff_of_a_unit_includes_its_sections_unless_asked_not_to(region):
    verifikator = staff("verif@tangsel.test")
    kadis = staff("kadisnaker@tangsel.test")
    assign(verifikator, Position.objects.get(code="DISNAKER.PENEMPATAN.VERIFIKATOR"))
    assign(kadis, Position.objects.get(code="DISNAKER.KEPALA"))
    disnaker = Unit.objects.get(code="DISNAKER")

    assert set(api.staff_of_unit(disnaker)) == {verifikator, kadis}
    assert set(api.staff_of_unit(disnaker, include_sub_units=False)) == {kadis}
    assert verifikator not in api.staff_of_unit(Unit.objects.get(code="PUPR"))


def test_an_area_is_served_by_its_kelurahan_office(region):
    cilenggang = Area.objects.get(name="Cilenggang")

    assert api.office_for_area(cilenggang).code == "KEL.CILENGGANG"
    assert api.office_for_area(cilenggang.parent).code == "KEC.SERPONG"


def test_a_unit_with_active_positions_cannot_be_deactivated(region):
    with pytest.raises(ValidationError, match="Nonaktifkan dulu"):
        services.update_unit(Unit.objects.get(code="DLH.SAMPAH"), actor=None, active=False)


def test_a_position_with_open_work_cannot_be_deactivated(region):
    kabid = Position.objects.get(code="DLH.SAMPAH.KEPALA")
    api.add_to_inbox(kabid, "Laporan sampah menumpuk", "/admin/laksa/5/")

    with pytest.raises(ValidationError, match="masih punya pekerjaan terbuka"):
        services.update_position(kabid, actor=None, active=False)


def test_only_active_staff_can_be_given_a_position(region):
    from accounts.models import User

    resident = User.objects.create_user(email="warga@tangsel.test", password="x")

    with pytest.raises(ValidationError, match="bukan staf aktif"):
        assign(resident, Position.objects.get(code="DLH.KEPALA"), starts=date(2026, 1, 1))
