"""What the map pages need: the region's tile server (or none: a plain list instead), its
centre, and the points of the public reports. The server never fetches tiles itself."""

from __future__ import annotations

from django.urls import reverse

MAX_POINTS = 1000
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
    return [
        {
            "lat": float(report.latitude),
            "lng": float(report.longitude),
            "title": report.title,
            "status": report.get_status_display(),
            "category": report.category.name,
            "url": reverse("module-laksa:detail", args=[report.pk]),
        }
        for report in reports
        if report.has_point
    ]
