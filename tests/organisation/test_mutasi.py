"""Work belongs to the position: after a mutasi it stays there and passes to the successor."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from organisation import api
from organisation.models import Assignment, InboxItem, Position
from tests.organisation.factories import assign, staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
BEFORE_MOVE = datetime(2026, 3, 1, 23, 59, tzinfo=WIB)
AFTER_MOVE = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)


@pytest.fixture
def pupr(tangsel):
    connection.set_tenant(tangsel)
    return {
        "jalan": Position.objects.get(code="PUPR.JALAN.KEPALA"),
        "sda": Position.objects.get(code="PUPR.SDA.KEPALA"),
    }


def test_open_work_stays_with_the_position_and_reaches_the_successor(pupr):
    jalan, sda = pupr["jalan"], pupr["sda"]
    ani, budi = staff("ani@tangsel.test"), staff("budi@tangsel.test")
    admin = staff("kepegawaian@tangsel.test")
    assign(ani, jalan, starts=date(2025, 1, 1))
    letter = api.add_to_inbox(
        jalan, "Surat: perbaikan Jl. Raya Serpong", "/admin/eoffice/1/", due_at=date(2026, 3, 20)
    )
    report = api.add_to_inbox(jalan, "Laporan jalan rusak #12", "/admin/laksa/12/")
    assert list(api.inbox_for(ani, at=BEFORE_MOVE)) == [letter, report]

    api.mutasi(ani, sda, date(2026, 3, 2), actor=admin)

    assert list(api.inbox_for(ani, at=BEFORE_MOVE)) == [letter, report]
    assert list(api.inbox_for(ani, at=AFTER_MOVE)) == []
    assert list(api.positions_of(ani, at=AFTER_MOVE)) == [sda]
    assert list(api.holders_of(jalan, at=AFTER_MOVE)) == []
    # Nobody holds the position for now, but its work is still there, open.
    assert set(InboxItem.objects.filter(position=jalan, status="open")) == {letter, report}

    assign(budi, jalan, starts=date(2026, 3, 2))

    assert list(api.inbox_for(budi, at=AFTER_MOVE)) == [letter, report]
    assert list(api.inbox_for(ani, at=AFTER_MOVE)) == []
    assert api.acts_for(budi, jalan, at=AFTER_MOVE)
    assert not api.acts_for(ani, jalan, at=AFTER_MOVE)


def test_mutasi_ends_the_old_assignment_exactly_when_the_new_one_starts(pupr):
    ani = staff("ani@tangsel.test")
    old = assign(ani, pupr["jalan"], starts=date(2025, 1, 1))

    new = api.mutasi(
        ani, pupr["sda"], datetime(2026, 3, 2, 8, 30), actor=None, decree="800/12/2026"
    )

    old.refresh_from_db()
    assert old.ends_at == new.starts_at == datetime(2026, 3, 2, 8, 30, tzinfo=WIB)
    assert new.kind == Assignment.Kind.DEFINITIF
    assert new.decree == "800/12/2026"


def test_mutasi_keeps_the_persons_acting_roles(pupr):
    ani = staff("ani@tangsel.test")
    assign(ani, pupr["jalan"], starts=date(2025, 1, 1))
    head = Position.objects.get(code="PUPR.KEPALA")
    assign(ani, head, kind=Assignment.Kind.PLT, starts=date(2026, 1, 1))

    api.mutasi(ani, pupr["sda"], date(2026, 3, 2), actor=None)

    assert set(api.positions_of(ani, at=AFTER_MOVE)) == {pupr["sda"], head}


def test_closed_work_leaves_the_inbox_of_everyone_acting_for_the_position(pupr):
    ani, citra = staff("ani@tangsel.test"), staff("citra@tangsel.test")
    assign(ani, pupr["jalan"], starts=date(2025, 1, 1))
    assign(
        citra,
        pupr["jalan"],
        kind=Assignment.Kind.PLH,
        starts=date(2026, 3, 1),
        ends=date(2026, 3, 5),
    )
    item = api.add_to_inbox(pupr["jalan"], "Disposisi: cek drainase", "/admin/eoffice/7/")
    moment = datetime(2026, 3, 3, 10, 0, tzinfo=WIB)
    assert list(api.inbox_for(citra, at=moment)) == [item]

    assert api.close_inbox_item(item, actor=citra) == 1

    assert list(api.inbox_for(ani, at=moment)) == []
    assert list(api.inbox_for(citra, at=moment)) == []
    item.refresh_from_db()
    assert (item.status, item.closed_by) == (InboxItem.Status.DONE, citra)


def test_adding_the_same_source_twice_keeps_one_open_item(pupr):
    source = Position.objects.get(code="DLH.KEPALA")  # any model instance works as a source
    first = api.add_to_inbox(pupr["jalan"], "Laporan #1", "/r/1/", source=source)
    again = api.add_to_inbox(pupr["jalan"], "Laporan #1", "/r/1/", source=source)

    assert again == first
    assert InboxItem.objects.filter(position=pupr["jalan"]).count() == 1
    assert api.close_inbox_item(source=source) == 1
    assert api.add_to_inbox(pupr["jalan"], "Laporan #1", "/r/1/", source=source) != first


def test_mutasi_into_a_head_position_held_by_someone_else_is_refused(pupr):
    ani, budi = staff("ani@tangsel.test"), staff("budi@tangsel.test")
    assign(ani, pupr["jalan"], starts=date(2025, 1, 1))
    assign(budi, pupr["sda"], starts=date(2025, 1, 1))

    with pytest.raises(ValidationError) as refused:
        api.mutasi(budi, pupr["jalan"], date(2026, 3, 2), actor=None)

    assert "dipegang ani@tangsel.test secara definitif" in str(refused.value)
    assert list(api.positions_of(budi, at=AFTER_MOVE)) == [pupr["sda"]]


def test_mutasi_to_the_position_already_held_is_refused(pupr):
    ani = staff("ani@tangsel.test")
    assign(ani, pupr["jalan"], starts=date(2025, 1, 1))

    with pytest.raises(ValidationError, match="sudah memegang jabatan ini"):
        api.mutasi(ani, pupr["jalan"], date(2026, 3, 2), actor=None)
