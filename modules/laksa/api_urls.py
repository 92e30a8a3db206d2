"""Open311 GeoReport v2, mounted by the framework at /api/laksa/ (namespace module-laksa-api)."""

from django.urls import path

from modules.laksa import open311

urlpatterns = [
    path("open311/v2/discovery.json", open311.discovery, name="discovery"),
    path("open311/v2/services.json", open311.services, name="services"),
    path(
        "open311/v2/services/<slug:service_code>.json",
        open311.service_definition,
        name="service",
    ),
    path("open311/v2/requests.json", open311.requests_list, name="requests"),
    path("open311/v2/requests/<int:request_id>.json", open311.request_detail, name="request"),
]
