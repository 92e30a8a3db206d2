"""Open311 GeoReport v2 routes, each in JSON and XML; mounted at /open311/v2/ on the region's
host (platform/config/urls_region.py) and at /api/laksa/open311/v2/ (api_urls.py)."""

from django.urls import path

from modules.laksa import open311

ENDPOINTS = (
    ("discovery", open311.discovery, "discovery"),
    ("services", open311.services_list, "services"),
    ("services/<slug:service_code>", open311.service_definition, "service"),
    ("requests", open311.requests_endpoint, "requests"),
    ("requests/<int:request_id>", open311.request_detail, "request"),
    ("tokens/<slug:token>", open311.token_detail, "token"),
)

urlpatterns = [
    path(
        f"{route}.{fmt}",
        view,
        {"fmt": fmt},
        name=name if fmt == "json" else f"{name}-{fmt}",
    )
    for route, view, name in ENDPOINTS
    for fmt in ("json", "xml")
]
