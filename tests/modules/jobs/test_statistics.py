"""Disnaker's statistics and their CSV export, the manifest's meters and statistics, demo
data, and the module switched off and on."""

from __future__ import annotations

import csv
import io

import pytest

from modules import gate
from modules.services import disable_module, enable_module
from tests.modules.jobs.conftest import (
    ADMIN,
    RESIDENT,
    apply,
    company,
    employer_world,
    in_region,
    resident,
    seeker,
    vacancy,
    verifier,
)

pytestmark = pytest.mark.django_db


def hire(region, application, actor):
    from modules.jobs import services

    in_region(region)
    return services.move_application(application, "hired", actor=actor)


@pytest.fixture
def placements(tangsel):
    """In Tangsel: two shops (trade) with a placement of an SMA graduate and an SMP
    applicant still waiting, and a plant (industry) with a placement of a graduate."""
    world = employer_world(tangsel)
    hire(tangsel, world["application"], world["owner_a"])
    graduate = seeker(tangsel, "Fajar", education="sarjana")
    plant = company(tangsel, resident(tangsel), name="PT Industri Uji", sector="industri")
    engineer = vacancy(tangsel, plant, title="Insinyur Proses", education="sarjana", openings=1)
    hire(tangsel, apply(tangsel, graduate, engineer), plant.members.first().user)
    apply(tangsel, seeker(tangsel, "Gita", education="smp"), world["vacancy_b"])
    return world


def row(text: str, label: str) -> str:
    start = text.index(label)
    return text[start : text.index("</tr>", start)]


def cells(html_row: str) -> list[str]:
    import re

    return re.findall(r"<td>(\d+)</td>", html_row)


def test_placements_appear_by_sector_and_education(placements, tangsel, signed_in):
    staff = signed_in(tangsel, verifier(tangsel))

    page = staff.get(f"{ADMIN}statistik/").text

    # Columns: vacancies, openings, applications, placements. (The demo region has no
    # trade or industry companies and no graduate applicants.)
    trade = cells(row(page, "Perdagangan besar dan eceran"))
    industry = cells(row(page, "Industri pengolahan"))
    graduates = cells(row(page, "Sarjana (D4/S1)"))
    assert trade == ["2", "4", "2", "1"]
    assert industry == ["1", "1", "1", "1"]
    assert graduates == ["1", "1", "1", "1"]
    assert cells(row(page, "SMP/sederajat"))[2:] == ["1", "0"]
    assert "sampai pelamar diterima bekerja: 0,0 hari" in page


def test_the_csv_export_has_the_same_figures(placements, tangsel, signed_in):
    staff = signed_in(tangsel, verifier(tangsel))

    response = staff.get(f"{ADMIN}statistik/unduh/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert rows[0][:6] == ["dimensi", "kategori", "lowongan", "formasi", "lamaran", "penempatan"]
    by_label = {(r[0], r[1]): r for r in rows[1:]}
    assert by_label[("sektor", "Perdagangan besar dan eceran")][2:6] == ["2", "4", "2", "1"]
    assert by_label[("pendidikan", "Sarjana (D4/S1)")][2:6] == ["1", "1", "1", "1"]
    assert by_label[("jumlah", "Jumlah")][5] == "2"
    time_to_fill = ("waktu pengisian", "median hari dari lowongan tayang sampai diterima bekerja")
    assert by_label[time_to_fill][5] == "0.0"  # both hired on the day they went live


def test_a_period_without_activity_shows_zeros_and_a_bad_period_is_explained(
    placements, tangsel, signed_in
):
    staff = signed_in(tangsel, verifier(tangsel))

    old = staff.get(f"{ADMIN}statistik/", {"start": "2020-01-01", "end": "2020-12-31"}).text
    wrong = staff.get(f"{ADMIN}statistik/", {"start": "2026-05-01", "end": "2026-01-01"}).text

    assert cells(row(old, "Industri pengolahan")) == ["0", "0", "0", "0"]
    assert "Tanggal awal harus sebelum tanggal akhir." in wrong


def test_statistics_need_the_permission(tangsel, signed_in):
    plain_staff = resident(tangsel, "Staf")
    in_region(tangsel)
    plain_staff.is_staff = True
    plain_staff.save()
    from django.contrib.auth.models import Permission

    plain_staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = signed_in(tangsel, plain_staff)

    refused = [client.get(f"{ADMIN}statistik/"), client.get(f"{ADMIN}statistik/unduh/")]

    # Wagtail answers a refused permission with a redirect to the admin's home page.
    assert [(r.status_code, r["Location"]) for r in refused] == [(302, "/admin/")] * 2


def test_meters_and_statistics_of_the_manifest_count_this_region(placements, tangsel):
    from django.utils.module_loading import import_string

    from modules import registry

    manifest = registry.get("jobs")
    in_region(tangsel)
    values = {m.key: import_string(m.function)() for m in manifest.meters + manifest.statistics}

    assert values["applications_this_month"] >= 3
    assert values["placements_last_30_days"] == 2
    assert values["vacancies_published_this_month"] >= 3
    assert values["open_vacancies"] >= 3 and values["verified_companies"] >= 3


def test_demo_data_is_idempotent_and_public(tangsel, site_client):
    from modules.jobs import demo
    from modules.jobs.models import Application, Company, Vacancy

    in_region(tangsel)
    demo.load(tangsel)
    counts = (Company.objects.count(), Vacancy.objects.count(), Application.objects.count())
    demo.load(tangsel)

    assert (Company.objects.count(), Vacancy.objects.count(), Application.objects.count()) == (
        counts
    )
    assert Company.objects.filter(status="verified", name="PT Serpong Logistik Nusantara").exists()
    page = site_client(tangsel).get(f"{RESIDENT}lowongan/")
    assert page.status_code == 404  # the list is at /kerja/ itself
    listing = site_client(tangsel).get(RESIDENT).text
    assert "Staf Gudang" in listing and "PT Serpong Logistik Nusantara" in listing


def test_switched_off_the_module_is_gone_and_its_data_stays(tangsel, site_client):
    world = employer_world(tangsel)
    url = f"{RESIDENT}lowongan/{world['vacancy_a'].pk}/"

    disable_module(tangsel, "jobs")
    gate.forget_on_change()
    off = site_client(tangsel).get(url).status_code
    enable_module(tangsel, "jobs")
    gate.forget_on_change()
    on = site_client(tangsel).get(url).status_code

    assert (off, on) == (404, 200)
