"""Open311 GeoReport v2 writes, on the region's host at /open311/v2/: the region admin issues
a key, a client posts a report with it, follows the token to the request's id once the
report is verified, and reads it back, in JSON and in XML; bad keys, unknown service codes
and missing locations get the spec's errors."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection

from tests.modules.laksa.conftest import REPORTER_EMAIL, admin_of, in_region

pytestmark = pytest.mark.django_db
API = "/open311/v2/"


def _issue_key(admin_client, name: str = "Konektor SP4N-LAPOR!") -> str:
    page = admin_client.post("/admin/laksa/kunci-api/", {"name": name})
    assert page.status_code == 200
    return re.search(r"<code data-api-key>([^<]+)</code>", page.text).group(1)


def _read(response, fmt: str):
    """The body as plain Python: JSON as is; XML as a list of {tag: text} per item (or a
    {tag: text} for a single root like discovery)."""
    if fmt == "json":
        return response.json()
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own server's answer)
    if root.tag in ("service_requests", "services", "errors"):
        return [{child.tag: child.text for child in item} for item in root]
    return root


def _code_of_error(response, fmt: str) -> int:
    body = _read(response, fmt)
    assert len(body) == 1 and set(body[0]) == {"code", "description"}
    assert body[0]["description"]
    return int(body[0]["code"])


def _post(client, fmt: str, **fields):
    return client.post(f"{API}requests.{fmt}", fields)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_client_walks_the_whole_georeport_flow(site_client, admin_client_for, tangsel, fmt):
    from modules.laksa import services
    from modules.laksa.models import ApiKey, Report

    key = _issue_key(admin_client_for(tangsel))
    client = site_client(tangsel)

    discovery = client.get(f"{API}discovery.{fmt}")
    services_list = _read(client.get(f"{API}services.{fmt}"), fmt)
    definition = client.get(f"{API}services/jalan-rusak.{fmt}")
    posted = _post(
        client,
        fmt,
        api_key=key,
        jurisdiction_id="tangsel.localhost",
        service_code="jalan-rusak",
        lat="-6.2901",
        long="106.7102",
        description="Lubang besar di depan sekolah\nSudah dua minggu.",
        first_name="Rahmat",
        last_name="Hidayat",
        email=REPORTER_EMAIL,
    )
    token = _read(posted, fmt)[0]["token"]
    before_verification = _read(client.get(f"{API}tokens/{token}.{fmt}"), fmt)
    in_region(tangsel)
    report = Report.objects.get(open311_token=token)
    services.verify_report(report, actor=admin_of(tangsel))
    after_verification = _read(client.get(f"{API}tokens/{token}.{fmt}"), fmt)
    request_id = after_verification[0]["service_request_id"]
    one = client.get(f"{API}requests/{request_id}.{fmt}")
    listing = client.get(f"{API}requests.{fmt}", {"service_code": "jalan-rusak"})

    if fmt == "json":
        endpoint = discovery.json()["endpoints"][0]
        assert endpoint["url"] == "http://tangsel.localhost/open311/v2"
        assert set(endpoint["formats"]) == {"application/json", "text/xml"}
        assert definition.json() == {"service_code": "jalan-rusak", "attributes": []}
    else:
        root = _read(discovery, fmt)
        assert root.tag == "discovery"
        assert root.find("endpoints/endpoint/url").text == "http://tangsel.localhost/open311/v2"
        assert {f.text for f in root.findall("endpoints/endpoint/formats/format")} == {
            "application/json",
            "text/xml",
        }
        definition_root = _read(definition, fmt)
        assert definition_root.tag == "service_definition"
        assert definition_root.find("service_code").text == "jalan-rusak"
    assert "jalan-rusak" in {s["service_code"] for s in services_list}
    assert posted.status_code == 201
    assert before_verification == [{"service_request_id": None, "token": token}]
    assert request_id == str(report.pk)
    request = _read(one, fmt)[0]
    assert (request["service_code"], request["status"]) == ("jalan-rusak", "open")
    assert request["description"] == "Lubang besar di depan sekolah\nSudah dua minggu."
    assert float(request["lat"]) == -6.2901
    assert (report.title, report.privacy) == ("Lubang besar di depan sekolah", "anonim")
    assert report.api_key == ApiKey.objects.get()
    assert request_id in {r["service_request_id"] for r in _read(listing, fmt)}
    # What the client sent of its resident stays with the staff.
    for text in (one.content.decode(), listing.content.decode()):
        assert "Rahmat" not in text and REPORTER_EMAIL not in text and token not in text


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_keys_unknown_services_and_missing_locations_get_the_specs_errors(
    site_client, admin_client_for, tangsel, fmt
):
    from modules.laksa.models import ApiKey, Report

    admin = admin_client_for(tangsel)
    key = _issue_key(admin)
    revoked = _issue_key(admin, "Aplikasi lama")
    in_region(tangsel)
    old = ApiKey.objects.get(name="Aplikasi lama")
    revoke = admin.post(f"/admin/laksa/kunci-api/{old.pk}/cabut/")
    client = site_client(tangsel)
    good = {"service_code": "sampah", "address_string": "Jl. Merpati 3", "description": "Bau."}
    before = Report.objects.count()

    answers = {
        "no key": _post(client, fmt, **good),
        "wrong key": _post(client, fmt, api_key="lk_tebakan", **good),
        "revoked key": _post(client, fmt, api_key=revoked, **good),
        "unknown service": _post(client, fmt, api_key=key, **{**good, "service_code": "ufo"}),
        "no location": _post(client, fmt, api_key=key, service_code="sampah", description="x"),
        "bad point": _post(client, fmt, api_key=key, **{**good, "lat": "utara", "long": "1"}),
        "other place": _post(client, fmt, api_key=key, jurisdiction_id="balikpapan.localhost"),
        "unknown token": client.get(f"{API}tokens/tidakada.{fmt}"),
    }

    assert revoke.status_code == 302
    assert {name: _code_of_error(r, fmt) for name, r in answers.items()} == {
        "no key": 403,
        "wrong key": 403,
        "revoked key": 403,
        "unknown service": 404,
        "no location": 400,
        "bad point": 400,
        "other place": 404,
        "unknown token": 404,
    }
    assert {name: r.status_code for name, r in answers.items()} == {
        name: _code_of_error(r, fmt) for name, r in answers.items()
    }
    in_region(tangsel)
    assert Report.objects.count() == before


def test_keys_are_stored_hashed_issued_by_the_region_admin_only_and_audited(
    staff_client, admin_client_for, tangsel
):
    from audit.models import AuditEntry
    from modules.laksa.models import ApiKey

    raw = _issue_key(admin_client_for(tangsel))
    verifier, _user = staff_client(tangsel, "verifikator@tangsel.test", role="Verifikator LAKSA")
    refused = verifier.post("/admin/laksa/kunci-api/", {"name": "Coba-coba"})

    in_region(tangsel)
    key = ApiKey.objects.get()
    stored = " ".join(str(v) for v in ApiKey.objects.values_list().get())
    assert raw not in stored and key.prefix in raw
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's refusal
    assert ApiKey.objects.count() == 1
    assert AuditEntry.objects.filter(action="laksa.issue_api_key").count() == 1
    assert raw not in str(AuditEntry.objects.get(action="laksa.issue_api_key").details)


def test_a_key_and_a_token_of_one_region_mean_nothing_on_anothers_host(
    site_client, admin_client_for, tangsel, balikpapan
):
    from django.test import Client

    key = _issue_key(admin_client_for(tangsel))
    # A machine client has no CSRF cookie: its key is its credential.
    machine = Client(enforce_csrf_checks=True, HTTP_HOST=site_client(tangsel).defaults["HTTP_HOST"])
    posted = _post(
        machine,
        "json",
        api_key=key,
        service_code="jalan-rusak",
        address_string="Jl. Uji 1",
        description="Hanya untuk Tangsel.",
    )
    token = posted.json()[0]["token"]
    other = site_client(balikpapan)

    through_b = other.post(
        f"{API}requests.json",
        {"api_key": key, "service_code": "jalan-rusak", "address_string": "x", "description": "y"},
    )
    token_through_b = other.get(f"{API}tokens/{token}.json")

    assert posted.status_code == 201
    assert through_b.status_code == 403
    assert token_through_b.status_code == 404
    assert site_client(tangsel).get(f"{API}tokens/{token}.json").status_code == 200


def test_the_api_answers_404_at_both_addresses_while_laksa_is_off(site_client, tangsel):
    from modules import gate
    from modules.models import ModuleActivation

    ModuleActivation.objects.filter(region=tangsel, module_key="laksa").update(enabled=False)
    gate.forget_on_change()
    client = site_client(tangsel)

    answers = [
        client.get(f"{API}services.json").status_code,
        client.get("/api/laksa/open311/v2/services.xml").status_code,
    ]

    gate.forget_on_change()
    assert answers == [404, 404]


def test_a_key_is_limited_per_hour_with_the_specs_error(site_client, admin_client_for, tangsel):
    from modules.services import module_settings, update_settings

    key = _issue_key(admin_client_for(tangsel))
    connection.set_schema_to_public()
    update_settings(tangsel, "laksa", {**module_settings("laksa", "tangsel"),
                                       "api_submissions_per_hour": 1})  # fmt: skip
    client = site_client(tangsel)
    fields = {"api_key": key, "service_code": "sampah", "address_string": "Jl. Uji 2",
              "description": "Sampah menumpuk."}  # fmt: skip

    first, second = _post(client, "json", **fields), _post(client, "xml", **fields)

    assert first.status_code == 201
    assert second.status_code == 429 and _code_of_error(second, "xml") == 429
