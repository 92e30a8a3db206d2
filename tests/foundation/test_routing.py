"""Routing by host: every request reaches its own region, or a clear answer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.models import Region
from tenants.services import set_status

pytestmark = pytest.mark.django_db


def test_each_region_host_serves_its_own_home_page(site_client, tangsel, balikpapan):
    tangsel_page = site_client(tangsel).get("/")
    balikpapan_page = site_client(balikpapan).get("/")

    assert tangsel_page.status_code == 200
    assert "<h1>Kota Tangerang Selatan</h1>" in tangsel_page.text
    assert "Balikpapan" not in tangsel_page.text
    assert balikpapan_page.status_code == 200
    assert "<h1>Kota Balikpapan</h1>" in balikpapan_page.text
    assert "Tangerang Selatan" not in balikpapan_page.text


def test_platform_domain_serves_the_platform_site_with_its_partners(site_client):
    response = site_client(None).get("/")

    assert response.status_code == 200
    assert "<h1>Sinergi</h1>" in response.text
    for name in ("Kota Tangerang", "Kota Tangerang Selatan", "Kota Balikpapan"):
        assert name in response.text
    assert "//tangsel.localhost/" in response.text


def test_unknown_host_gets_the_platform_404_page(client):
    response = client.get("/", HTTP_HOST="nope.localhost")

    assert response.status_code == 404
    assert "Daerah tidak ditemukan" in response.text
    assert "Tangerang Selatan" not in response.text
    assert "Balikpapan" not in response.text


def test_host_outside_the_platform_domain_gets_404(client):
    response = client.get("/", HTTP_HOST="evil.example.com")

    assert response.status_code == 404
    assert "Daerah tidak ditemukan" in response.text


def test_suspended_region_shows_notice_to_residents_but_admin_sign_in_works(site_client, tangsel):
    set_status(tangsel, Region.Status.SUSPENDED)
    client = site_client(tangsel)

    home = client.get("/")
    login = client.get("/admin/login/")

    assert home.status_code == 503
    assert "untuk sementara dihentikan" in home.text
    assert home["Retry-After"]
    assert login.status_code == 200
    assert 'name="username"' in login.text


def test_archived_region_answers_410(site_client, tangsel):
    set_status(tangsel, Region.Status.ARCHIVED)

    response = site_client(tangsel).get("/")

    assert response.status_code == 410
    assert "sudah tidak aktif" in response.text


@pytest.mark.parametrize("status", [Region.Status.PENDING, Region.Status.FAILED])
def test_region_that_is_not_live_is_not_served(site_client, tangsel, status):
    set_status(tangsel, status)

    response = site_client(tangsel).get("/")

    assert response.status_code == 404
    assert "Daerah tidak ditemukan" in response.text


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.parametrize("host", ["10.42.0.17", "10.42.0.17:8000", "nope.localhost"])
def test_health_endpoints_answer_on_any_host(client, path, host):
    response = client.get(path, HTTP_HOST=host)

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_readyz_reports_a_stale_region_template(client):
    with connection.cursor() as cursor:
        cursor.execute("COMMENT ON SCHEMA region_template IS 'sinergi-template:stale'")

    response = client.get("/readyz", HTTP_HOST="10.42.0.17")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "region_template": "stale",
    }


def test_pages_with_the_same_id_show_each_regions_own_content(
    admin_client_for, tangsel, balikpapan
):
    from wagtail.models import Site

    ids = {}
    clients = {}
    for region in (tangsel, balikpapan):
        connection.set_tenant(region)
        ids[region.slug] = Site.objects.get(is_default_site=True).root_page_id
        clients[region.slug] = admin_client_for(region)
    connection.set_schema_to_public()
    assert ids["tangsel"] == ids["balikpapan"]

    page_id = ids["tangsel"]
    tangsel_edit = clients["tangsel"].get(f"/admin/pages/{page_id}/edit/")
    balikpapan_edit = clients["balikpapan"].get(f"/admin/pages/{page_id}/edit/")

    assert tangsel_edit.status_code == 200
    assert "Kota Tangerang Selatan" in tangsel_edit.text
    assert "Kota Balikpapan" not in tangsel_edit.text
    assert balikpapan_edit.status_code == 200
    assert "Kota Balikpapan" in balikpapan_edit.text
    assert "Kota Tangerang Selatan" not in balikpapan_edit.text


def test_a_session_from_one_region_does_not_sign_in_to_another(
    admin_client_for, tangsel, balikpapan
):
    client = admin_client_for(tangsel)

    same_host = client.get("/admin/")
    other_host = client.get("/admin/", HTTP_HOST="balikpapan.localhost")

    assert same_host.status_code == 200
    assert other_host.status_code == 302
    assert "/admin/login/" in other_host["Location"]


def test_host_lookup_is_cached_and_forgotten_when_the_region_changes(
    site_client, tangsel, settings
):
    settings.REGION_ROUTING_TTL = 300
    client = site_client(tangsel)
    client.get("/")  # fills the process's route cache

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    set_status(tangsel, Region.Status.SUSPENDED)
    suspended = client.get("/")

    assert not [q for q in queries.captured_queries if "tenants_" in q["sql"]]
    assert suspended.status_code == 503
