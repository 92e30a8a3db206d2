"""A Plt./Plh. acts for the position only within the period, in the region's own time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from organisation import api
from organisation.models import Assignment, Position, Unit
from tests.organisation.factories import assign, staff

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def dishub(balikpapan):
    connection.set_tenant(balikpapan)
    return Position.objects.get(code="DISHUB.KEPALA")


@pytest.mark.parametrize(
    ("moment", "acting"),
    [
        (datetime(2026, 3, 9, 23, 59, tzinfo=WITA), False),
        (datetime(2026, 3, 10, 0, 0, tzinfo=WITA), True),
        # 23:30 in Jakarta is already 00:30 on the first day in Balikpapan.
        (datetime(2026, 3, 9, 23, 30, tzinfo=WIB), True),
        (datetime(2026, 3, 11, 12, 0, tzinfo=WITA), True),
        (datetime(2026, 3, 12, 23, 59, tzinfo=WITA), True),
        (datetime(2026, 3, 13, 0, 0, tzinfo=WITA), False),
        (datetime(2026, 3, 12, 23, 30, tzinfo=WIB), False),
    ],
)
def test_plh_acts_for_the_position_from_the_first_to_the_end_of_the_last_day(
    dishub, moment, acting
):
    kepala, plh = staff("kadis@balikpapan.test"), staff("sekdis@balikpapan.test")
    assign(kepala, dishub, starts=date(2025, 1, 1))
    assign(plh, dishub, kind=Assignment.Kind.PLH, starts=date(2026, 3, 10), ends=date(2026, 3, 12))
    item = api.add_to_inbox(dishub, "Laporan PJU padam di Jl. Jend. Sudirman", "/admin/laksa/3/")

    assert api.acts_for(plh, dishub, at=moment) is acting
    assert (item in api.inbox_for(plh, at=moment)) is acting
    assert (plh in api.holders_of(dishub, at=moment)) is acting
    assert api.acts_for(kepala, dishub, at=moment)


def test_the_plh_is_in_charge_of_the_unit_while_named_and_the_holder_again_after(dishub):
    kepala, plh = staff("kadis@balikpapan.test"), staff("sekdis@balikpapan.test")
    assign(kepala, dishub, starts=date(2025, 1, 1))
    assign(plh, dishub, kind=Assignment.Kind.PLH, starts=date(2026, 3, 10), ends=date(2026, 3, 12))
    unit = Unit.objects.get(code="DISHUB")

    assert api.head_of(unit, at=datetime(2026, 3, 9, 12, 0, tzinfo=WITA)) == kepala
    assert api.head_of(unit, at=datetime(2026, 3, 11, 12, 0, tzinfo=WITA)) == plh
    assert api.head_of(unit, at=datetime(2026, 3, 13, 0, 0, tzinfo=WITA)) == kepala


def test_plt_without_an_end_acts_from_its_start_on(dishub):
    plt = staff("plt@balikpapan.test")
    assign(plt, dishub, kind=Assignment.Kind.PLT, starts=datetime(2026, 4, 1, 8, 0))

    assert not api.acts_for(plt, dishub, at=datetime(2026, 4, 1, 7, 59, tzinfo=WITA))
    assert api.acts_for(plt, dishub, at=datetime(2026, 4, 1, 8, 0, tzinfo=WITA))
    assert api.acts_for(plt, dishub, at=datetime(2030, 1, 1, tzinfo=WITA))
    assert api.head_of(Unit.objects.get(code="DISHUB"), at=date(2026, 5, 1)) == plt


def test_a_deactivated_account_acts_for_nothing(dishub):
    plh = staff("sekdis@balikpapan.test")
    assign(plh, dishub, kind=Assignment.Kind.PLH, starts=date(2026, 3, 10), ends=date(2026, 3, 12))
    plh.is_active = False
    plh.save()

    assert not api.acts_for(plh, dishub, at=date(2026, 3, 11))
    assert list(api.holders_of(dishub, at=date(2026, 3, 11))) == []


def test_two_acting_officials_for_one_head_position_at_once_are_refused(dishub):
    from django.core.exceptions import ValidationError

    first, second = staff("a@balikpapan.test"), staff("b@balikpapan.test")
    assign(
        first, dishub, kind=Assignment.Kind.PLH, starts=date(2026, 3, 10), ends=date(2026, 3, 12)
    )

    with pytest.raises(ValidationError, match=r"Sudah ada Plt\./Plh\. \(a@balikpapan.test\)"):
        assign(second, dishub, kind=Assignment.Kind.PLT, starts=date(2026, 3, 12))
    # Right after the Plh. ends, a Plt. may start.
    assign(second, dishub, kind=Assignment.Kind.PLT, starts=date(2026, 3, 13))
