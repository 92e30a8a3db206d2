"""The adoption dashboard: the snapshot pools each region's statistics correctly (counts
summed, percentages from summed parts, medians from pooled durations), the console shows
and exports them, and no resident's personal data reaches the public schema."""

from __future__ import annotations

import csv
import io
import statistics
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import serializers
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from modules.manifest import Figure, Measure
from partnership import figures, selectors, snapshot
from partnership.models import AdoptionFigure
from tenants.models import Region
from tests.harness.fixtures import sign_in_staff
from tests.modules.laksa.conftest import REPORTER_EMAIL, REPORTER_NAME, admin_of, file_report

pytestmark = pytest.mark.django_db


def reports(region, hours_ago_answered: list[tuple[int, str | None]]):
    """Reports filed `hours` ago; each answered now with the status given (None: not yet)."""
    from modules.laksa import services
    from modules.laksa.models import Report

    connection.set_tenant(region)
    Report.objects.all().delete()
    admin = admin_of(region)
    for hours, status in hours_ago_answered:
        report = file_report(region, "sampah", now=timezone.now() - timedelta(hours=hours))
        if status:
            services.answer_report(report, note="Ditangani.", status=status, actor=admin)


@pytest.fixture
def laksa_data(tangsel, balikpapan, tangerang):
    # Tangsel: 1 report, answered late (400 h > 5 working days): 100 % late.
    reports(tangsel, [(400, "selesai")])
    # Balikpapan: 3 reports, answered quickly or not yet: 0 % late.
    reports(balikpapan, [(3, "selesai"), (30, "proses"), (1, None)])
    reports(tangerang, [])
    connection.set_schema_to_public()


def direct():
    """The figures computed straight from each region's own data."""
    from modules import gate
    from modules.jobs import selectors as jobs
    from modules.laksa import selectors as laksa

    received = done = late = vacancies = 0
    hours: list[float] = []
    for region in Region.objects.filter(status__in=Region.LIVE_STATUSES):
        with schema_context(region.schema_name):
            if gate.is_enabled("laksa", region.schema_name):
                for score in laksa.scorecard():
                    received, done, late = (
                        received + score.received,
                        done + score.done,
                        late + score.late,
                    )
                hours += laksa._response_hours_last_365_days()
            if gate.is_enabled("jobs", region.schema_name):
                vacancies += jobs.open_vacancy_count()
    return received, done, late, hours, vacancies


def test_pooled_figures_equal_those_computed_from_the_regions_own_data(laksa_data):
    snapshot.take_snapshot()
    received, done, late, hours, vacancies = direct()
    pooled = {(p.module, p.key): p for p in selectors.pooled(timezone.localdate())}

    assert received == 4 and late == 1
    late_figure = pooled["laksa", "late_percent"]
    assert (late_figure.value, late_figure.denominator) == (late, received)
    assert late_figure.shown == 25.0  # not the regions' average (50 %)
    assert pooled["laksa", "done_percent"].shown == figures.percent(done, received)
    assert pooled["laksa", "received_30_days"].shown == 4  # all within 30 days: summed
    median = pooled["laksa", "median_response_hours"]
    assert median.histogram == figures.histogram(hours)
    low, high = figures.bucket_of(statistics.median(hours))
    assert low <= median.shown <= high
    assert pooled["jobs", "open_vacancies"].shown == vacancies


def test_the_snapshot_is_idempotent_and_follows_switched_off_modules(laksa_data, tangsel):
    from modules import services as module_services

    first = snapshot.take_snapshot()
    again = snapshot.take_snapshot()
    assert first == again == AdoptionFigure.objects.count()

    module_services.disable_module(tangsel, "jobs", actor=None)
    connection.set_schema_to_public()
    snapshot.take_snapshot()
    assert not AdoptionFigure.objects.filter(region=tangsel, module="jobs").exists()


def test_one_failing_statistic_does_not_stop_the_others(laksa_data, monkeypatch):
    real = snapshot.figure_of

    def flaky(measure: Measure) -> Figure:
        if measure.key == "open_vacancies":
            raise RuntimeError("rusak")
        return real(measure)

    monkeypatch.setattr(snapshot, "figure_of", flaky)
    assert snapshot.take_snapshot() > 0
    assert not AdoptionFigure.objects.filter(key="open_vacancies").exists()
    assert AdoptionFigure.objects.filter(key="late_percent").count() == 3


def test_no_resident_personal_data_reaches_the_public_schema(laksa_data, admin_client_for, tangsel):
    from modules.laksa.models import Report

    admin_client_for(tangsel).post(
        "/admin/dukungan/tanya/kirim/",
        {"subject": "Laporan warga", "body": "Bagaimana menutup laporan ganda?"},
    )
    snapshot.take_snapshot()
    connection.set_tenant(tangsel)
    secrets = {
        REPORTER_EMAIL,
        REPORTER_NAME,
        *Report.objects.values_list("tracking_code", flat=True),
    }
    connection.set_schema_to_public()

    dumped = "".join(
        serializers.serialize("json", model.objects.all())
        for model in apps.get_app_config("partnership").get_models()
    )
    assert "late_percent" in dumped and "Laporan warga" in dumped
    for secret in secrets:
        assert secret not in dumped


def test_the_console_shows_the_dashboard_a_drill_down_and_a_csv(laksa_data, site_client, tangsel):
    snapshot.take_snapshot()
    client = site_client(None)
    sign_in_staff(client, None, "koordinator@sinergi.test")

    page = client.get("/admin/kemitraan/adopsi/")
    assert page.status_code == 200
    assert 'data-statistic="laksa.late_percent">25,0 %' in page.text
    assert "<svg" in page.text and "Kota Balikpapan" in page.text
    assert "Kalimantan Timur" in page.text

    detail = client.get(f"/admin/kemitraan/adopsi/daerah/{tangsel.pk}/")
    assert 'data-statistic="laksa.late_percent">100,0 %' in detail.text

    exported = client.get("/admin/kemitraan/adopsi/csv/")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    late = [r for r in rows if r[0:2] != ["tanggal", "daerah"] and r[5] == "late_percent"]
    assert {(r[1], r[8], r[9]) for r in late} >= {
        ("Kota Tangerang Selatan", "1", "1"),
        ("Kota Balikpapan", "0", "3"),
    }


def test_a_mentor_without_the_permission_or_a_region_host_gets_no_dashboard(
    site_client, tangsel, admin_client_for
):
    assert admin_client_for(tangsel).get("/admin/kemitraan/adopsi/").status_code == 404
    client = site_client(None)
    sign_in_staff(client, None, "operator@sinergi.test")
    assert client.get("/admin/kemitraan/adopsi/").status_code == 200


def test_the_daily_schedule_queues_the_pass_in_batches(laksa_data, monkeypatch):
    from django_q.models import Schedule

    queued = []
    monkeypatch.setattr("core.tasks.enqueue", lambda func, *args: queued.append((func, args)))
    monkeypatch.setattr(snapshot, "BATCH", 2)

    assert Schedule.objects.get(name=snapshot.SCHEDULE).func == "core.tasks.run_in_schema"
    assert snapshot.queue_snapshot() == 2  # three live regions, two per batch
    for func, args in queued:
        func(*args)
    assert AdoptionFigure.objects.values("region").distinct().count() == 3
