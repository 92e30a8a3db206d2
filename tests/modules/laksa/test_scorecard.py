"""The public scorecard per OPD ("nilai merah" made visible), and the numbers the manifest
gives billing and the adoption dashboard."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils.module_loading import import_string

from modules import registry
from tests.modules.laksa.conftest import RESIDENT, admin_of, file_report, in_region

pytestmark = pytest.mark.django_db
LONG_AGO = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def only_our_reports(tangsel):
    """The demo's reports out of the way: the numbers below are ours alone."""
    from modules.laksa import services
    from modules.laksa.models import Report

    in_region(tangsel)
    Report.objects.all().delete()
    admin = admin_of(tangsel)
    late = file_report(tangsel, "sampah", title="Sampah lama", now=LONG_AGO)
    on_time = file_report(tangsel, "sampah", title="Sampah baru")
    waiting = file_report(tangsel, "jalan-rusak", title="Jalan baru")
    services.answer_report(late, note="Diangkut.", status="proses", actor=admin)
    services.answer_report(on_time, note="Diangkut.", status="selesai", actor=admin)
    services.rate_report(on_time, rating=4)
    return late, on_time, waiting


def test_the_scorecard_marks_a_unit_that_answers_late_red(site_client, tangsel, only_our_reports):
    page = site_client(tangsel).get(f"{RESIDENT}kinerja/").text

    dlh = page[page.index("DLH") : page.index("</tr>", page.index("DLH"))]
    pupr = page[page.index("Dinas PUPR") : page.index("</tr>", page.index("Dinas PUPR"))]
    assert "Nilai merah" in dlh
    assert ">2<" in dlh and "50,0%" in dlh and "4,0" in dlh
    assert "Nilai merah" not in pupr and ">1<" in pupr and "0,0%" in pupr


def test_the_manifest_meters_and_statistics_count_this_regions_reports(
    tangsel, balikpapan, only_our_reports
):
    from modules.laksa.models import Report

    manifest = registry.get("laksa")
    connection.set_tenant(balikpapan)
    Report.objects.all().delete()
    file_report(balikpapan, "sampah")
    in_region(tangsel)
    numbers = {m.key: import_string(m.function)() for m in manifest.meters + manifest.statistics}
    connection.set_tenant(balikpapan)
    elsewhere = import_string(manifest.meters[0].function)()

    assert numbers["reports_this_month"] == 2  # the old one came in January
    assert numbers["received_30_days"] == 2
    assert numbers["done_percent"] == pytest.approx(33.3)
    assert numbers["late_percent"] == pytest.approx(33.3)
    assert numbers["median_response_hours"] > 0
    assert elsewhere == 1  # each region counts its own
