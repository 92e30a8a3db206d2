"""Open311 GeoReport v2 (JSON, read-only): what the public pages show, in the spec's shape,
with the spec's errors, and nothing of a reporter or of a rahasia report."""

from __future__ import annotations

import json

import pytest

from tests.modules.laksa.conftest import (
    REPORTER_EMAIL,
    REPORTER_NAME,
    admin_of,
    file_report,
    in_region,
)

pytestmark = pytest.mark.django_db
API = "/api/laksa/open311/v2/"


def _verified(region, **kwargs):
    from modules.laksa import services

    report = file_report(region, **kwargs)
    services.verify_report(report, actor=admin_of(region))
    return report


def test_discovery_and_services_describe_the_regions_categories(site_client, tangsel):
    client = site_client(tangsel)

    discovery = client.get(f"{API}discovery.json").json()
    services = client.get(f"{API}services.json").json()
    definition = client.get(f"{API}services/jalan-rusak.json").json()
    unknown = client.get(f"{API}services/tidak-ada.json")

    assert discovery["endpoints"][0]["url"] == "http://tangsel.localhost/api/laksa/open311/v2"
    jalan = next(s for s in services if s["service_code"] == "jalan-rusak")
    assert jalan == {
        "service_code": "jalan-rusak",
        "service_name": "Jalan Rusak",
        "description": "Jalan berlubang, retak atau amblas.",
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": "Dinas PUPR",
    }
    assert definition == {"service_code": "jalan-rusak", "attributes": []}
    assert unknown.status_code == 404
    assert unknown.json() == [
        {"code": 404, "description": "service_code tidak dikenal: tidak-ada."}
    ]


def test_requests_are_the_public_reports_without_their_reporters(site_client, tangsel):
    public = _verified(tangsel, title="Lubang publik", latitude="-6.29", longitude="106.71")
    anonim = _verified(tangsel, title="Lubang anonim", privacy="anonim")
    secret = _verified(tangsel, title="Lubang rahasia", privacy="rahasia")
    unverified = file_report(tangsel, title="Lubang belum diverifikasi")
    client = site_client(tangsel)

    listing = client.get(f"{API}requests.json", {"service_code": "jalan-rusak"})
    one = client.get(f"{API}requests/{public.pk}.json").json()
    hidden = [client.get(f"{API}requests/{r.pk}.json") for r in (secret, unverified)]
    text = listing.content.decode()

    ids = {r["service_request_id"] for r in listing.json()}
    assert {str(public.pk), str(anonim.pk)} <= ids
    assert not {str(secret.pk), str(unverified.pk)} & ids
    assert REPORTER_NAME not in text and REPORTER_EMAIL not in text
    assert public.tracking_code not in text
    assert one[0]["status"] == "open"
    assert (one[0]["lat"], one[0]["long"], one[0]["agency_responsible"]) == (
        -6.29,
        106.71,
        "Dinas PUPR",
    )
    assert [r.status_code for r in hidden] == [404, 404]
    assert hidden[0].json()[0]["code"] == 404


def test_requests_filters_and_their_errors(site_client, tangsel):
    from modules.laksa import services

    done = _verified(tangsel, title="Sudah selesai")
    services.answer_report(done, note="Beres.", status="selesai", actor=admin_of(tangsel))
    waiting = _verified(tangsel, title="Masih menunggu")
    client = site_client(tangsel)

    closed = client.get(f"{API}requests.json", {"status": "closed"}).json()
    by_id = client.get(f"{API}requests.json", {"service_request_id": f"{done.pk},{waiting.pk}"})
    bad_date = client.get(f"{API}requests.json", {"start_date": "kemarin"})
    bad_status = client.get(f"{API}requests.json", {"status": "lupa"})
    other_place = client.get(f"{API}services.json", {"jurisdiction_id": "balikpapan.localhost"})
    here = client.get(f"{API}services.json", {"jurisdiction_id": "tangsel.localhost"})

    assert str(done.pk) in {r["service_request_id"] for r in closed}
    assert str(waiting.pk) not in {r["service_request_id"] for r in closed}
    assert next(r for r in closed if r["service_request_id"] == str(done.pk))["status_notes"] == (
        "Beres."
    )
    assert {r["service_request_id"] for r in by_id.json()} == {str(done.pk), str(waiting.pk)}
    assert (bad_date.status_code, bad_status.status_code) == (400, 400)
    assert "start_date" in json.loads(bad_date.content)[0]["description"]
    assert (other_place.status_code, here.status_code) == (404, 200)


def test_a_request_of_one_region_is_unknown_through_anothers(site_client, tangsel, balikpapan):
    from django.db import connection

    in_region(tangsel)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('laksa_report', 'id'), 800000)")
    report = _verified(tangsel, title="Hanya di Tangsel")

    there = site_client(balikpapan).get(f"{API}requests/{report.pk}.json")
    listing = site_client(balikpapan).get(f"{API}requests.json").content.decode()

    assert there.status_code == 404
    assert "Hanya di Tangsel" not in listing
