"""Open311 GeoReport v2, mounted by the framework at /api/laksa/ (namespace module-laksa-api);
the same routes answer at /open311/v2/ on the region's host (namespace module-laksa-open311)."""

from django.urls import include, path

urlpatterns = [path("open311/v2/", include("modules.laksa.open311_urls"))]
