"""Nothing of Siap Kerja in region A is reachable through region B's host: not by its pages,
not by guessing ids, not through search or invitation links."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.modules.jobs.conftest import (
    ADMIN,
    RESIDENT,
    employer_world,
    in_region,
    seeker,
)

pytestmark = pytest.mark.django_db


def exists_in(region, model: str, pk: int) -> bool:
    from modules.jobs import models

    in_region(region)
    found = getattr(models, model).objects.filter(pk=pk).exists()
    connection.set_schema_to_public()
    return found


@pytest.fixture
def tangsel_world(tangsel, balikpapan):
    from modules.jobs import services

    world = employer_world(tangsel)
    in_region(tangsel)
    _invitation, token = services.invite_member(
        world["company_a"], "rekan@alfa.test", actor=world["owner_a"]
    )
    world["token"] = token
    # The ids must not exist in region B, or B would rightly show its own object.
    for model, key in (
        ("Company", "company_a"),
        ("Vacancy", "vacancy_a"),
        ("Application", "application"),
    ):
        assert not exists_in(balikpapan, model, world[key].pk)
    return world


def test_ids_of_region_a_answer_404_through_region_bs_host(
    tangsel_world, tangsel, balikpapan, admin_client_for, signed_in
):
    w = tangsel_world
    company, vacancy, application = w["company_a"].pk, w["vacancy_a"].pk, w["application"].pk
    # People of region B: its admin (Disnaker powers), an employer and a seeker of B.
    admin = admin_client_for(balikpapan)
    person = signed_in(balikpapan, seeker(balikpapan, "Warga B"))

    gets = [
        f"{RESIDENT}lowongan/{vacancy}/",
        f"{RESIDENT}lowongan/{vacancy}/lamar/",
        f"{RESIDENT}lamaran/{application}/",
        f"{RESIDENT}perusahaan/{company}/",
        f"{RESIDENT}perusahaan/{company}/ubah/",
        f"{RESIDENT}perusahaan/{company}/lowongan-baru/",
        f"{RESIDENT}kelola/lowongan/{vacancy}/",
        f"{RESIDENT}kelola/lowongan/{vacancy}/ubah/",
        f"{RESIDENT}kelola/pelamar/{application}/",
        f"{RESIDENT}kelola/pelamar/{application}/cv/",
        f"{RESIDENT}undangan/{w['token']}/",
        f"{ADMIN}perusahaan/{company}/",
        f"{ADMIN}lowongan/{vacancy}/",
    ]
    posts = [
        (f"{RESIDENT}lowongan/{vacancy}/lamar/", {"cover_note": "x"}),
        (f"{RESIDENT}kelola/lowongan/{vacancy}/tarik/", {}),
        (f"{RESIDENT}kelola/lowongan/{vacancy}/terisi/", {}),
        (f"{RESIDENT}kelola/pelamar/{application}/", {"stage": "hired"}),
        (f"{RESIDENT}undangan/{w['token']}/", {}),
        (f"{ADMIN}perusahaan/{company}/", {"action": "suspend", "reason": "x"}),
        (f"{ADMIN}lowongan/{vacancy}/", {"action": "approve"}),
    ]

    def status(client, url, data=None):
        # Residents are sent to the sign-in page by the admin before any module code runs.
        if client is person and url.startswith(ADMIN):
            return 404
        return (client.get(url) if data is None else client.post(url, data)).status_code

    answers = {url: (status(person, url), status(admin, url)) for url in gets}
    answers |= {
        f"POST {url}": (status(person, url, data), status(admin, url, data)) for url, data in posts
    }

    assert {url: a for url, a in answers.items() if a != (404, 404)} == {}
    in_region(balikpapan)
    from modules.jobs.models import Application, Company, Vacancy

    assert not Application.objects.filter(vacancy_id=vacancy).exists()
    in_region(tangsel)
    assert Vacancy.objects.get(pk=vacancy).status == "published"
    assert Company.objects.get(pk=company).status == "verified"
    assert Application.objects.get(pk=application).stage == "received"


def test_region_bs_lists_search_and_admin_show_nothing_of_region_a(
    tangsel_world, balikpapan, admin_client_for, site_client
):
    anonymous, admin = site_client(balikpapan), admin_client_for(balikpapan)

    texts = [
        anonymous.get(RESIDENT).text,
        anonymous.get(RESIDENT, {"q": "kasir"}).text,
        anonymous.get("/cari/", {"q": "kasir"}).text,
        admin.get(ADMIN).text,
        admin.get(f"{ADMIN}perusahaan/").text,
        admin.get(f"{ADMIN}lowongan/").text,
        admin.get(f"{ADMIN}statistik/").text,
    ]

    assert all("Kasir Toko" not in t and "PT Alfa Niaga" not in t for t in texts)


def test_the_cached_vacancy_list_of_region_a_is_not_served_to_region_b(
    tangsel_world, tangsel, balikpapan, site_client
):
    """Anonymous pages are cached; the key carries the region, so B never gets A's list."""
    first = site_client(tangsel).get(RESIDENT)
    again = site_client(tangsel).get(RESIDENT)
    other = site_client(balikpapan).get(RESIDENT)

    assert "Kasir Toko" in first.text and again.get("X-Page-Cache") == "hit"
    assert "Kasir Toko" not in other.text and other.get("X-Page-Cache") != "hit"
