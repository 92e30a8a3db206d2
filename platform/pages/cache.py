"""Anonymous pages served from the shared cache, before sessions, auth and Wagtail run.

Keys carry the schema (the tenant-aware key function), the host, the path with its query
and the language. Each region has a version number in the cache; publishing a page,
changing the branding or switching a module bumps it, which retires every cached page of
that region at once (the old entries expire on their own).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from django_tenants.utils import schema_context

VERSION_KEY = "pagecache:version"
SKIP_PREFIXES = ("/admin/", "/akun/", "/media/", "/static/", "/i18n/", "/api/", "/cari/")
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")


def invalidate_region(schema_name: str | None = None) -> None:
    """Retire every cached page of a region (the current one by default)."""
    with schema_context(schema_name or connection.schema_name):
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)


def _page_key(request) -> str:
    language = translation.get_language_from_request(request)
    raw = f"{request.get_host()}|{request.get_full_path()}|{language}"
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def _eligible(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIP_PREFIXES)
    )


def _storable(request, response) -> bool:
    """A page is shared only if nothing in it belongs to this visitor: no cookie set, and no
    CSRF token in a form (its token is tied to this visitor's CSRF cookie)."""
    return (
        not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        and "private" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY, 1)
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            response = cached[1]
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            cache.set(key, (version, response), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
