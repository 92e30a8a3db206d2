"""The dashboard's map of partner regions: a marker per live region at its province, a
link to its drill-down, every province placed, the list beside it as the alternative, and
no inline script (the map is drawn by a static file reading the page's JSON)."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles import finders

from partnership import maps
from tenants.provinces import PROVINCE_CHOICES
from tests.harness.fixtures import sign_in_staff

pytestmark = pytest.mark.django_db


def test_every_province_has_a_place_on_the_map():
    assert {value for value, _label in PROVINCE_CHOICES} <= set(maps.PROVINCE_CENTRES)
    for lat, lng in maps.PROVINCE_CENTRES.values():
        assert -11.5 < lat < 6.5 and 94.5 < lng < 141.5  # inside Indonesia


def test_the_dashboard_carries_a_marker_per_partner_region(
    tangerang, tangsel, balikpapan, site_client
):
    client = site_client(None)
    sign_in_staff(client, None, "koordinator@sinergi.test")
    page = client.get("/admin/kemitraan/adopsi/").text

    data = re.search(r'<script id="peta-daerah-data" type="application/json">(.*?)</script>', page)
    points = {p["name"]: p for p in json.loads(data.group(1))}
    assert {"Kota Tangerang", "Kota Tangerang Selatan", "Kota Balikpapan"} <= set(points)
    balikpapan_point = points["Kota Balikpapan"]
    assert (balikpapan_point["province"], balikpapan_point["url"]) == (
        "Kalimantan Timur",
        f"/admin/kemitraan/adopsi/daerah/{balikpapan.pk}/",
    )
    assert abs(balikpapan_point["lat"] - -0.5) < 1 and abs(balikpapan_point["lng"] - 117.15) < 1
    # Two regions of Banten are not drawn on top of each other.
    banten = {(p["lat"], p["lng"]) for p in points.values() if p["province"] == "Banten"}
    assert len(banten) == 2

    assert "data-partnership-map" in page and "partnership/adoption_map.js" in page
    assert "<li><strong>Kalimantan Timur</strong>: Kota Balikpapan</li>" in page
    assert not re.search(
        r"<script(?![^>]*(src=|application/json))[^>]*>", page[page.index("peta") :]
    )
    for path in ("partnership/adoption_map.js", "laksa/leaflet/leaflet.js"):
        assert finders.find(path), path
