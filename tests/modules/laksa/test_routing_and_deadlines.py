"""A report reaches the unit its category names, and its deadlines are counted in the
region's working days (weekends, Lebaran's cuti bersama, the region's own time zone)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.modules.laksa.conftest import file_report, in_region, make_staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")


def _open_items(report):
    from organisation.models import InboxItem

    return InboxItem.objects.filter(source_id=str(report.pk), status="open").select_related(
        "position"
    )


def test_seeded_categories_route_to_the_units_of_the_directory(tangsel):
    from modules.laksa.models import Category

    in_region(tangsel)
    routed = dict(Category.objects.values_list("code", "unit__code"))

    assert routed == {
        "penerangan-jalan-umum": "DISHUB",
        "jalan-rusak": "PUPR",
        "sampah": "DLH",
        "banjir-drainase": "PUPR",
        "kemacetan": "DISHUB",
        "pelayanan-publik": "INSPEKTORAT",
        "lainnya": "DISKOMINFO",
    }


def test_seeding_again_adds_nothing_and_keeps_staffs_routing(tangsel):
    from modules.laksa import services
    from modules.laksa.models import Category

    in_region(tangsel)
    sampah = Category.objects.get(code="sampah")
    services.change_category(sampah, name="Sampah Liar", unit=None, actor=None)

    assert services.seed_categories(tangsel) == 0
    sampah.refresh_from_db()
    assert (sampah.name, sampah.unit) == ("Sampah Liar", None)
    assert Category.objects.count() == 7


def test_a_unit_missing_from_the_directory_leaves_its_category_unrouted(tangsel):
    from modules.laksa import services
    from modules.laksa.models import Category, Report
    from organisation.models import Unit

    in_region(tangsel)
    Report.objects.filter(category__code="sampah").delete()  # the demo's
    Category.objects.filter(code="sampah").delete()
    Unit.objects.filter(code="DLH").update(active=False)

    services.seed_categories(tangsel)

    assert Category.objects.get(code="sampah").unit is None


def test_a_report_lands_in_the_inbox_of_its_units_head_who_is_told(tangsel):
    from notifications.models import Notice

    head = make_staff(tangsel, "kadis.pupr@tangsel.test", role="Petugas OPD LAKSA",
                      position_code="PUPR.KEPALA")  # fmt: skip
    report = file_report(tangsel, "jalan-rusak")
    other = file_report(tangsel, "sampah", title="Sampah di taman")

    items = list(_open_items(report))
    assert [item.position.code for item in items] == ["PUPR.KEPALA"]
    assert items[0].due_at == report.respond_due_at
    assert report.unit.code == "PUPR"
    assert [i.position.code for i in _open_items(other)] == ["DLH.KEPALA"]
    notice = Notice.objects.get(user=head, topic="laksa.new")
    assert report.tracking_code in notice.subject
    assert notice.url == f"/admin/laksa/laporan/{report.pk}/"
    assert not Notice.objects.filter(user=head, subject__contains=other.tracking_code).exists()


def test_reclassifying_moves_the_report_to_the_new_units_head(tangsel):
    from modules.laksa import services
    from tests.modules.laksa.conftest import admin_of, category

    report = file_report(tangsel, "lainnya")
    assert [i.position.code for i in _open_items(report)] == ["DISKOMINFO.KEPALA"]

    services.reclassify(report, category("banjir-drainase"), actor=admin_of(tangsel))

    report.refresh_from_db()
    assert report.unit.code == "PUPR"
    assert [i.position.code for i in _open_items(report)] == ["PUPR.KEPALA"]


def test_deadlines_skip_the_weekend(tangsel):
    report = file_report(tangsel, now=datetime(2026, 11, 20, 16, 0, tzinfo=WIB))  # Friday

    assert report.verify_due_at.astimezone(WIB) == datetime(
        2026, 11, 25, 23, 59, 59, 999999, tzinfo=WIB
    )  # Wednesday: Mon, Tue, Wed
    assert report.respond_due_at.astimezone(WIB).date().isoformat() == "2026-11-27"  # Friday


def test_deadlines_skip_lebaran_and_its_cuti_bersama(tangsel):
    # Tuesday 17 March 2026; 18 cuti bersama, 19 Nyepi, 20 cuti bersama, 21-22 Idul Fitri
    # (a weekend), 23-24 cuti bersama: the first working day after is Wednesday 25 March.
    report = file_report(tangsel, now=datetime(2026, 3, 17, 9, 0, tzinfo=WIB))

    assert report.verify_due_at.astimezone(WIB).date().isoformat() == "2026-03-27"
    assert report.respond_due_at.astimezone(WIB).date().isoformat() == "2026-03-31"


def test_deadlines_follow_the_regions_own_clock_near_midnight_in_wita(balikpapan):
    # 23:30 WITA on Friday is still Friday in Balikpapan (but 22:30 in Jakarta) ...
    friday_night = file_report(balikpapan, now=datetime(2026, 11, 20, 23, 30, tzinfo=WITA))
    # ... and 00:30 WITA on Saturday is already the weekend (23:30 Friday in Jakarta).
    saturday = file_report(balikpapan, now=datetime(2026, 11, 21, 0, 30, tzinfo=WITA))

    assert friday_night.verify_due_at.astimezone(WITA) == datetime(
        2026, 11, 25, 23, 59, 59, 999999, tzinfo=WITA
    )
    assert saturday.verify_due_at.astimezone(WITA).date().isoformat() == "2026-11-26"


def test_a_category_may_have_its_own_deadlines(tangsel):
    from modules.laksa import services
    from tests.modules.laksa.conftest import category

    in_region(tangsel)
    services.change_category(category("sampah"), verify_days=1, respond_days=2, actor=None)
    report = file_report(tangsel, "sampah", now=datetime(2026, 11, 23, 8, 0, tzinfo=WIB))

    assert report.verify_due_at.astimezone(WIB).date().isoformat() == "2026-11-24"
    assert report.respond_due_at.astimezone(WIB).date().isoformat() == "2026-11-25"


def test_a_report_without_any_location_is_refused_in_plain_words(tangsel):
    from django.core.exceptions import ValidationError

    from modules.laksa.models import Report

    with pytest.raises(ValidationError) as refused:
        file_report(tangsel, address="", title="Tanpa lokasi")

    assert "Tulis alamat atau patokan lokasi" in " ".join(refused.value.messages)
    assert not Report.objects.filter(title="Tanpa lokasi").exists()
