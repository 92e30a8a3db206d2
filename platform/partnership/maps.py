"""The map of partner regions on the adoption dashboard: one marker per live region at its
province's centre (the capital's coordinates; regions sharing a province are spread a
little around it). The list of regions by province stays beside it as the accessible
alternative, and the page works without JavaScript or tiles."""

from __future__ import annotations

import math

from django.conf import settings
from django.urls import reverse

# Tiles the browser fetches (never the server); "" = markers on a plain background.
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ATTRIBUTION = "© OpenStreetMap"

# (latitude, longitude) of each province's capital.
PROVINCE_CENTRES = {
    "Aceh": (5.55, 95.32),
    "Sumatera Utara": (3.59, 98.67),
    "Sumatera Barat": (-0.95, 100.35),
    "Riau": (0.51, 101.45),
    "Kepulauan Riau": (0.92, 104.45),
    "Jambi": (-1.61, 103.61),
    "Sumatera Selatan": (-2.99, 104.76),
    "Kepulauan Bangka Belitung": (-2.13, 106.11),
    "Bengkulu": (-3.80, 102.27),
    "Lampung": (-5.43, 105.26),
    "DKI Jakarta": (-6.20, 106.85),
    "Jawa Barat": (-6.91, 107.61),
    "Banten": (-6.12, 106.15),
    "Jawa Tengah": (-6.97, 110.42),
    "DI Yogyakarta": (-7.80, 110.36),
    "Jawa Timur": (-7.25, 112.75),
    "Kalimantan Barat": (-0.03, 109.33),
    "Kalimantan Tengah": (-2.21, 113.92),
    "Bali": (-8.65, 115.22),
    "Nusa Tenggara Barat": (-8.58, 116.12),
    "Nusa Tenggara Timur": (-10.18, 123.61),
    "Kalimantan Selatan": (-3.44, 114.83),
    "Kalimantan Timur": (-0.50, 117.15),
    "Kalimantan Utara": (2.84, 117.37),
    "Sulawesi Utara": (1.47, 124.84),
    "Gorontalo": (0.54, 123.06),
    "Sulawesi Tengah": (-0.90, 119.87),
    "Sulawesi Barat": (-2.68, 118.89),
    "Sulawesi Selatan": (-5.15, 119.43),
    "Sulawesi Tenggara": (-3.97, 122.51),
    "Maluku": (-3.70, 128.18),
    "Maluku Utara": (0.79, 127.38),
    "Papua": (-2.53, 140.72),
    "Papua Barat": (-0.86, 134.06),
    "Papua Barat Daya": (-0.88, 131.25),
    "Papua Tengah": (-3.36, 135.50),
    "Papua Pegunungan": (-4.10, 138.94),
    "Papua Selatan": (-8.49, 140.40),
}
SPREAD = 0.25  # degrees between regions of one province


def tiles() -> str:
    return getattr(settings, "PARTNERSHIP_MAP_TILES", OSM_TILES)


def markers(provinces: list[tuple[str, list]]) -> list[dict]:
    """Points for the map from `selectors.regions_by_province()`; regions of a province
    without known coordinates are left to the list."""
    points = []
    for _label, regions in provinces:
        for index, region in enumerate(regions):
            centre = PROVINCE_CENTRES.get(region.province)
            if centre is None:
                continue
            lat, lng = _around(centre, index)
            points.append(
                {
                    "name": region.name,
                    "province": region.get_province_display(),
                    "lat": lat,
                    "lng": lng,
                    "url": reverse("partnership_console:adoption_region", args=[region.pk]),
                }
            )
    return points


def _around(centre: tuple[float, float], index: int) -> tuple[float, float]:
    """The first region at the centre, the next ones on a small circle around it."""
    if index == 0:
        return centre
    angle = index * 2.4  # radians: successive points do not line up
    radius = SPREAD * (1 + index // 6)
    return (
        round(centre[0] + radius * math.sin(angle), 4),
        round(centre[1] + radius * math.cos(angle), 4),
    )
