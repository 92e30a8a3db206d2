"""Anonymous pages come from the shared cache, per host, path and language, and a publish
or a module switch retires them at once."""

from __future__ import annotations

import pytest

from modules import registry
from tests.pages.test_region_site import publish_news

pytestmark = pytest.mark.django_db


def test_second_anonymous_visit_is_served_from_the_cache(site_client, tangsel):
    first = site_client(tangsel).get("/")
    second = site_client(tangsel).get("/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cached_pages_never_cross_regions(site_client, tangsel, balikpapan):
    site_client(tangsel).get("/")

    other = site_client(balikpapan).get("/")

    assert other["X-Page-Cache"] == "miss"
    assert "Kota Balikpapan" in other.text
    assert "Tangerang Selatan" not in other.text


def test_language_is_part_of_the_key(site_client, tangsel):
    site_client(tangsel).get("/")

    english = site_client(tangsel).get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert english["X-Page-Cache"] == "miss"


def test_publishing_news_retires_the_cached_home_page(site_client, tangsel):
    site_client(tangsel).get("/")

    publish_news(tangsel, "Festival Cisadane dibuka")
    after = site_client(tangsel).get("/")

    assert after["X-Page-Cache"] == "miss"
    assert "Festival Cisadane dibuka" in after.text


def test_signed_in_visitors_and_admin_pages_bypass_the_cache(admin_client_for, tangsel):
    client = admin_client_for(tangsel)

    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in client.get("/admin/")


@pytest.mark.skipif(not registry.all_manifests(), reason="needs a module")
def test_switching_a_module_retires_the_cached_home_page(site_client, tangsel):
    from modules.services import disable_module

    key = registry.all_manifests()[0].key
    site_client(tangsel).get("/")

    disable_module(tangsel, key)
    after = site_client(tangsel).get("/")

    assert after["X-Page-Cache"] == "miss"


def test_a_page_with_a_csrf_token_is_never_shared(tangsel):
    """A form's CSRF token is tied to the visitor's own cookie: a cached copy would make
    every other visitor's submission fail."""
    from django.db import connection
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.test import RequestFactory

    from pages.cache import AnonymousPageCacheMiddleware

    def form_page(request):
        return HttpResponse(f'<form method="post"><input value="{get_token(request)}"></form>')

    middleware = AnonymousPageCacheMiddleware(form_page)
    connection.set_tenant(tangsel)
    visitor = RequestFactory().get("/formulir/", HTTP_HOST="tangsel.localhost")
    visitor.COOKIES["csrftoken"] = "a" * 32

    middleware(visitor)
    someone_else = middleware(RequestFactory().get("/formulir/", HTTP_HOST="tangsel.localhost"))

    assert someone_else.get("X-Page-Cache") != "hit"
