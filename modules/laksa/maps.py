"""What the map pages need: the region's tile server (or none: a plain list instead), its
centre, and the points of the public reports. The server never fetches tiles itself."""

from __future__ import annotations

from django.urls import reverse

MAX_POINTS = 1000
# Under the map (and instead of it without tiles) the newest reports are listed; the whole
# list is /laksa/, paginated. Rendering 1000 list items took most of the page's second.
MAX_LISTED = 100
NO_TILES = {"", "-", "tidak ada", "none"}


def map_settings(settings: dict) -> dict:
    tiles = (settings.get("tile_url") or "").strip()
    return {
        "tiles": "" if tiles.lower() in NO_TILES else tiles,
        "attribution": settings.get("tile_attribution", ""),
        "latitude": str(settings["map_latitude"]),
        "longitude": str(settings["map_longitude"]),
    }


def points(reports) -> list[dict]:
    """Public reports as map points (nothing of the reporter)."""
    detail = reverse("module-laksa:detail", args=[0]).removesuffix("0/")
    return [
        {
            "lat": float(report.latitude),
            "lng": float(report.longitude),
            "title": report.title,
            "status": report.get_status_display(),
            "category": report.category.name,
            "url": f"{detail}{report.pk}/",
        }
        for report in reports
        if report.has_point
    ]
