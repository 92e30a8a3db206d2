"""Views every site shares."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import connection
from django.http import Http404
from django.urls import re_path
from django.views.static import serve


def serve_region_media(request, schema: str, path: str):
    """A region's uploaded files, and only on that region's own host.

    Production serves media from object storage; this serves them in development and tests.
    """
    if schema != connection.schema_name:
        raise Http404
    return serve(request, path, document_root=default_storage.location)


def media_urlpatterns(enabled: bool) -> list:
    if not enabled:
        return []
    return [re_path(r"^media/(?P<schema>[a-z0-9_]+)/(?P<path>.+)$", serve_region_media)]
