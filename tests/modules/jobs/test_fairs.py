"""Job fairs: Disnaker announces one with the verified companies taking part; residents see
the upcoming ones and each participant's open vacancies."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.modules.jobs.conftest import (
    ADMIN,
    RESIDENT,
    company,
    in_region,
    resident,
    today_in,
    vacancy,
    verifier,
)

pytestmark = pytest.mark.django_db


def fair_form(region, companies, **changes) -> dict:
    start = today_in(region) + timedelta(days=7)
    return {
        "title": "Bursa Kerja Tangsel 2026",
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=1)).isoformat(),
        "place": "Gedung Serbaguna Pemkot",
        "companies": [c.pk for c in companies],
        "published": "on",
        **changes,
    }


def test_disnaker_announces_a_fair_and_residents_see_its_companies(tangsel, signed_in):
    shop = company(tangsel, resident(tangsel), name="PT Peserta Bursa")
    company(tangsel, resident(tangsel), name="CV Belum Sah", verified=False)  # not offered
    vacancy(tangsel, shop, title="Pramuniaga Bursa")
    staff = signed_in(tangsel, verifier(tangsel))

    form = staff.get(f"{ADMIN}bursa/tambah/")
    saved = staff.post(f"{ADMIN}bursa/tambah/", fair_form(tangsel, [shop]), follow=True)
    from modules.jobs.models import JobFair

    in_region(tangsel)
    fair = JobFair.objects.get(title="Bursa Kerja Tangsel 2026")
    visitor = signed_in(tangsel, resident(tangsel))
    listing = visitor.get(f"{RESIDENT}bursa/")
    page = visitor.get(f"{RESIDENT}bursa/{fair.pk}/")

    assert "PT Peserta Bursa" in form.text and "CV Belum Sah" not in form.text
    assert "Bursa kerja Bursa Kerja Tangsel 2026 disimpan." in saved.text
    assert "Bursa Kerja Tangsel 2026" in listing.text
    assert "PT Peserta Bursa" in page.text and "Pramuniaga Bursa" in page.text
    assert "CV Belum Sah" not in page.text


def test_bad_dates_are_explained_and_past_or_hidden_fairs_are_not_listed(tangsel, signed_in):
    staff = signed_in(tangsel, verifier(tangsel))
    today = today_in(tangsel)

    upside_down = staff.post(
        f"{ADMIN}bursa/tambah/",
        fair_form(tangsel, [], ends_on=(today + timedelta(days=1)).isoformat()),
    )
    staff.post(
        f"{ADMIN}bursa/tambah/",
        fair_form(
            tangsel,
            [],
            title="Bursa Lalu",
            starts_on=(today - timedelta(days=9)).isoformat(),
            ends_on=(today - timedelta(days=8)).isoformat(),
        ),
    )
    staff.post(f"{ADMIN}bursa/tambah/", fair_form(tangsel, [], title="Bursa Rahasia", published=""))
    listing = signed_in(tangsel, resident(tangsel)).get(f"{RESIDENT}bursa/").text

    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in upside_down.text
    assert "Bursa Lalu" not in listing and "Bursa Rahasia" not in listing


def test_a_fair_of_region_a_is_404_through_region_bs_host(
    tangsel, balikpapan, signed_in, admin_client_for, site_client
):
    from modules.jobs import services
    from modules.jobs.models import JobFair

    in_region(tangsel)
    fair = services.save_fair(
        None,
        actor=verifier(tangsel),
        title="Bursa Tangsel",
        starts_on=today_in(tangsel),
        ends_on=today_in(tangsel),
        place="Aula",
    )
    in_region(balikpapan)
    assert not JobFair.objects.filter(pk=fair.pk).exists()

    answers = [
        site_client(balikpapan).get(f"{RESIDENT}bursa/{fair.pk}/").status_code,
        admin_client_for(balikpapan).get(f"{ADMIN}bursa/{fair.pk}/ubah/").status_code,
    ]

    assert answers == [404, 404]
    assert "Bursa Tangsel" not in site_client(balikpapan).get(f"{RESIDENT}bursa/").text
