"""Working days: weekends, national holidays, cuti bersama and a region's own holidays, in
the region's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import translation
from django_tenants.utils import schema_context

from accounts.models import User
from workdays import api, services
from workdays.national import Kind

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")

# SKB 3 Menteri No. 1497/2025, 2/2025, 5/2025: hari libur nasional and cuti bersama 2026.
NATIONAL_2026 = {
    date(2026, 1, 1), date(2026, 1, 16), date(2026, 2, 17), date(2026, 3, 19),
    date(2026, 3, 21), date(2026, 3, 22), date(2026, 4, 3), date(2026, 4, 5),
    date(2026, 5, 1), date(2026, 5, 14), date(2026, 5, 27), date(2026, 5, 31),
    date(2026, 6, 1), date(2026, 6, 16), date(2026, 8, 17), date(2026, 8, 25),
    date(2026, 12, 25),
}  # fmt: skip
CUTI_BERSAMA_2026 = {
    date(2026, 2, 16), date(2026, 3, 18), date(2026, 3, 20), date(2026, 3, 23),
    date(2026, 3, 24), date(2026, 5, 15), date(2026, 5, 28), date(2026, 12, 24),
}  # fmt: skip


def add_region_holiday(region, day: date, name: str):
    connection.set_tenant(region)
    actor = User.objects.get(email=f"admin@{region.slug}.test")
    return services.add_holiday(day=day, name=name, actor=actor)


def test_weekends_are_not_working_days(tangsel):
    connection.set_tenant(tangsel)

    assert api.is_working_day(date(2026, 1, 9))  # Friday
    assert not api.is_working_day(date(2026, 1, 10))  # Saturday
    assert not api.is_working_day(date(2026, 1, 11))  # Sunday
    assert api.next_working_day(date(2026, 1, 9)) == date(2026, 1, 12)
    assert api.holiday_name(date(2026, 1, 10)) is None


def test_national_holidays_and_cuti_bersama_are_not_working_days(tangsel):
    connection.set_tenant(tangsel)

    assert not api.is_working_day(date(2026, 8, 17))
    assert api.holiday_name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert not api.is_working_day(date(2026, 12, 24))
    assert api.holiday_name(date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"
    assert api.is_working_day(date(2026, 12, 23))


def test_the_2026_calendar_matches_the_skb_3_menteri(tangsel):
    connection.set_tenant(tangsel)

    holidays = api.holidays_in(2026)

    assert {h.date for h in holidays if h.kind == Kind.NATIONAL} == NATIONAL_2026
    assert {h.date for h in holidays if h.kind == Kind.COLLECTIVE_LEAVE} == CUTI_BERSAMA_2026
    assert [h.date for h in holidays] == sorted(h.date for h in holidays)


def test_lebaran_2026_closes_offices_from_18_to_24_march(tangsel):
    connection.set_tenant(tangsel)
    names = {day: api.holiday_name(date(2026, 3, day)) for day in range(18, 25)}

    assert names == {
        18: "Cuti Bersama Hari Suci Nyepi",
        19: "Hari Suci Nyepi",
        20: "Cuti Bersama Hari Raya Idul Fitri",
        21: "Hari Raya Idul Fitri",
        22: "Hari kedua dari Hari Raya Idul Fitri",
        23: "Cuti Bersama Hari Raya Idul Fitri",
        24: "Cuti Bersama Hari Raya Idul Fitri",
    }
    assert api.is_working_day(date(2026, 3, 17))
    assert api.next_working_day(date(2026, 3, 17)) == date(2026, 3, 25)
    # A complaint on Tuesday 17 March, verified within 3 working days: 25, 26, 27 March.
    filed = datetime(2026, 3, 17, 10, 0, tzinfo=WIB)
    assert api.add_working_days(filed, 3) == datetime(2026, 3, 27, 23, 59, 59, 999999, WIB)
    assert api.working_days_between(date(2026, 3, 16), date(2026, 3, 27)) == 4


def test_a_region_holiday_is_not_a_working_day_in_that_region_only(tangsel, balikpapan):
    add_region_holiday(tangsel, date(2026, 11, 25), "Hari Jadi Kota Tangerang Selatan")

    connection.set_tenant(tangsel)  # Monday 23 November + 2 working days, Wednesday off
    assert not api.is_working_day(date(2026, 11, 25))
    assert api.holiday_name(date(2026, 11, 25)) == "Hari Jadi Kota Tangerang Selatan"
    tangsel_deadline = api.add_working_days(datetime(2026, 11, 23, 9, tzinfo=WIB), 2)
    assert any(h.name == "Hari Jadi Kota Tangerang Selatan" for h in api.holidays_in(2026))

    connection.set_tenant(balikpapan)
    assert api.is_working_day(date(2026, 11, 25))
    assert api.holiday_name(date(2026, 11, 25)) is None
    balikpapan_deadline = api.add_working_days(datetime(2026, 11, 23, 9, tzinfo=WITA), 2)
    assert all(h.kind != Kind.REGION for h in api.holidays_in(2026))

    assert tangsel_deadline == datetime(2026, 11, 26, 23, 59, 59, 999999, WIB)
    assert balikpapan_deadline == datetime(2026, 11, 25, 23, 59, 59, 999999, WITA)


def test_near_midnight_in_wita_the_local_day_decides_the_deadline(balikpapan):
    connection.set_tenant(balikpapan)
    friday_night = datetime(2026, 1, 9, 23, 30, tzinfo=WITA)
    saturday_early = datetime(2026, 1, 10, 0, 30, tzinfo=WITA)
    assert friday_night.astimezone(UTC).date() == saturday_early.astimezone(UTC).date()

    # Friday counts from Friday: Mon, Tue, Wed. Saturday counts from Monday: Tue, Wed, Thu.
    assert api.add_working_days(friday_night, 3) == datetime(2026, 1, 14, 23, 59, 59, 999999, WITA)
    assert api.add_working_days(saturday_early, 3) == datetime(
        2026, 1, 15, 23, 59, 59, 999999, WITA
    )


def test_the_same_utc_moment_gives_wib_and_wita_regions_different_deadlines(tangsel, balikpapan):
    moment = datetime(2026, 1, 9, 16, 30, tzinfo=UTC)  # Fri 23:30 WIB, Sat 00:30 WITA

    connection.set_tenant(tangsel)
    in_tangsel = api.add_working_days(moment, 3)
    in_tangsel_read_as_wita = api.add_working_days(moment, 3, zone="Asia/Makassar")
    connection.set_tenant(balikpapan)
    in_balikpapan = api.add_working_days(moment, 3)

    assert in_tangsel == datetime(2026, 1, 14, 23, 59, 59, 999999, WIB)
    assert in_balikpapan == datetime(2026, 1, 15, 23, 59, 59, 999999, WITA)
    assert in_tangsel_read_as_wita == in_balikpapan


def test_a_task_in_a_region_schema_uses_the_regions_time_zone(balikpapan):
    moment = datetime(2026, 1, 9, 16, 30, tzinfo=UTC)

    with schema_context(balikpapan.schema_name):
        deadline = api.add_working_days(moment, 3)

    assert deadline == datetime(2026, 1, 15, 23, 59, 59, 999999, WITA)


def test_a_calendar_keeps_its_regions_holidays_after_the_schema_changes(tangsel, balikpapan):
    add_region_holiday(tangsel, date(2026, 11, 25), "Hari Jadi Kota Tangerang Selatan")
    connection.set_tenant(tangsel)
    tangsel_calendar = api.work_calendar()

    connection.set_tenant(balikpapan)
    balikpapan_calendar = api.work_calendar()

    assert not tangsel_calendar.is_working_day(date(2026, 11, 25))
    assert balikpapan_calendar.is_working_day(date(2026, 11, 25))
    assert connection.schema_name == balikpapan.schema_name


def test_working_days_between_measures_lateness_against_a_deadline(tangsel):
    connection.set_tenant(tangsel)
    saturday = datetime(2026, 1, 10, 8, 0, tzinfo=WIB)
    deadline = api.add_working_days(saturday, 3)  # end of Thursday 15 January

    assert api.working_days_between(saturday, deadline) == 3
    assert api.working_days_between(deadline, datetime(2026, 1, 15, 16, tzinfo=WIB)) == 0
    # Friday 16 January is Isra Mikraj; Monday 19 is the first day late.
    assert api.working_days_between(deadline, datetime(2026, 1, 16, 9, tzinfo=WIB)) == 0
    assert api.working_days_between(deadline, datetime(2026, 1, 19, 9, tzinfo=WIB)) == 1
    assert api.working_days_between(deadline, saturday) == 0


def test_zero_days_is_the_end_of_the_receipt_day(tangsel):
    connection.set_tenant(tangsel)

    assert api.add_working_days(datetime(2026, 1, 9, 8, tzinfo=WIB), 0) == datetime(
        2026, 1, 9, 23, 59, 59, 999999, WIB
    )
    assert api.add_working_days(date(2026, 1, 10), 0) == datetime(
        2026, 1, 12, 23, 59, 59, 999999, WIB
    )


def test_bad_input_is_refused(tangsel):
    connection.set_tenant(tangsel)

    with pytest.raises(ValueError, match="aware"):
        api.add_working_days(datetime(2026, 1, 9, 8), 3)
    with pytest.raises(ValueError, match="negative"):
        api.add_working_days(date(2026, 1, 9), -1)


def test_the_platform_schema_counts_national_holidays_in_jakarta_time(db):
    connection.set_schema_to_public()
    moment = datetime(2026, 1, 9, 16, 30, tzinfo=UTC)  # Friday 23:30 WIB

    assert not api.is_working_day(date(2026, 8, 17))
    assert api.add_working_days(moment, 3) == datetime(2026, 1, 14, 23, 59, 59, 999999, WIB)


def test_holiday_names_follow_the_active_language(tangsel):
    connection.set_tenant(tangsel)

    with translation.override("en"):
        english = api.holiday_name(date(2026, 8, 17))
    indonesian = api.holiday_name(date(2026, 8, 17))

    assert english == "Independence Day"
    assert indonesian == "Hari Kemerdekaan Republik Indonesia"
