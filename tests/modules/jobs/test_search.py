"""Residents' search: Indonesian words found by their stem, filters that narrow, and the
region site's search."""

from __future__ import annotations

import pytest

from tests.modules.jobs.conftest import RESIDENT, company, in_region, resident, vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(tangsel):
    """Three open vacancies of different kinds in Tangsel."""
    from organisation.api import Area

    in_region(tangsel)
    serpong = Area.objects.get(name="Serpong", kind="kecamatan")
    pondok_aren = Area.objects.get(name="Pondok Aren", kind="kecamatan")
    shop = company(tangsel, resident(tangsel), name="Toko Makmur", sector="perdagangan")
    plant = company(tangsel, resident(tangsel), name="PT Pabrik Jaya", sector="industri")
    return {
        "sales": vacancy(
            tangsel,
            shop,
            title="Staf Penjualan",
            description="Melayani pembeli dan mencatat penjualan harian.",
            education="sma",
            job_type="full_time",
            salary_min=4_000_000,
            salary_max=4_800_000,
            area=serpong,
        ),
        "warehouse": vacancy(
            tangsel,
            plant,
            title="Kepala Pergudangan",
            description="Memimpin tim gudang bahan baku.",
            education="sarjana",
            job_type="contract",
            salary_min=8_000_000,
            salary_max=9_000_000,
            area=pondok_aren,
        ),
        "intern": vacancy(
            tangsel,
            plant,
            title="Magang Produksi",
            description="Belajar menjalankan mesin produksi.",
            education="smp",
            job_type="internship",
            salary_min=None,
            salary_max=None,
            salary_negotiable=True,
            disability_friendly=True,
            area=serpong,
        ),
    }


def titles(response) -> set[str]:
    return {
        t for t in ("Staf Penjualan", "Kepala Pergudangan", "Magang Produksi") if t in response.text
    }


def test_a_stemmed_indonesian_word_finds_the_vacancy(board, tangsel, site_client):
    client = site_client(tangsel)

    assert titles(client.get(RESIDENT, {"q": "menjual"})) == {"Staf Penjualan"}
    assert titles(client.get(RESIDENT, {"q": "gudang"})) == {"Kepala Pergudangan"}
    assert titles(client.get(RESIDENT, {"q": "pelayanan"})) == {"Staf Penjualan"}
    assert titles(client.get(RESIDENT, {"q": "Pabrik Jaya"})) == {
        "Kepala Pergudangan",
        "Magang Produksi",
    }
    assert "Tidak ada lowongan yang cocok" in client.get(RESIDENT, {"q": "nelayan"}).text


def test_filters_narrow_the_list(board, tangsel, site_client):
    client = site_client(tangsel)
    serpong = board["sales"].area_id

    assert titles(client.get(RESIDENT, {"sector": "industri"})) == {
        "Kepala Pergudangan",
        "Magang Produksi",
    }
    assert titles(client.get(RESIDENT, {"education": "sma"})) == {
        "Staf Penjualan",
        "Magang Produksi",
    }
    assert titles(client.get(RESIDENT, {"job_type": "internship"})) == {"Magang Produksi"}
    assert titles(client.get(RESIDENT, {"salary": "Rp 4.500.000"})) == {
        "Staf Penjualan",
        "Kepala Pergudangan",
    }
    assert titles(client.get(RESIDENT, {"area": serpong})) == {"Staf Penjualan", "Magang Produksi"}
    assert titles(client.get(RESIDENT, {"disability_friendly": "on"})) == {"Magang Produksi"}
    assert titles(client.get(RESIDENT, {"q": "produksi", "job_type": "contract"})) == set()


def test_a_bad_filter_is_ignored_with_a_note(board, tangsel, site_client):
    page = site_client(tangsel).get(RESIDENT, {"salary": "banyak", "q": "penjualan"})

    assert page.status_code == 200
    assert "Saringan ini diabaikan." in page.text
    assert titles(page) == {"Staf Penjualan"}


def test_the_list_shows_salaries_in_rupiah_and_reads_on_a_phone(board, tangsel, site_client):
    page = site_client(tangsel).get(RESIDENT)

    assert "Rp 4.000.000–Rp 4.800.000" in page.text
    assert "Dapat dinegosiasikan" in page.text
    assert '<meta name="viewport"' in page.text
    assert 'role="search"' in page.text


def test_the_site_search_finds_open_vacancies(board, tangsel, site_client):
    page = site_client(tangsel).get("/cari/", {"q": "penjualan"})

    assert "Lowongan: Staf Penjualan" in page.text
    assert f"/kerja/lowongan/{board['sales'].pk}/" in page.text
