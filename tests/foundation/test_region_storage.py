"""Cache keys and media files carry the region's schema; nothing is shared by accident."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django_tenants.utils import schema_context

pytestmark = pytest.mark.django_db


def test_cache_entries_are_per_region(tangsel, balikpapan):
    with schema_context(tangsel.schema_name):
        cache.set("greeting", "dari Tangsel")
        key = cache.make_key("greeting")
    with schema_context(balikpapan.schema_name):
        seen_by_balikpapan = cache.get("greeting")
        cache.set("greeting", "dari Balikpapan")
    with schema_context(tangsel.schema_name):
        seen_by_tangsel = cache.get("greeting")

    assert key.startswith("tangsel:")
    assert seen_by_balikpapan is None
    assert seen_by_tangsel == "dari Tangsel"


def test_every_cache_alias_uses_the_tenant_aware_key_function(settings):
    for alias, config in settings.CACHES.items():
        assert config["KEY_FUNCTION"] == "django_tenants.cache.make_key", alias


def test_wagtail_site_cache_does_not_leak_urls_between_regions(site_client, tangsel, balikpapan):
    from wagtail.models import Site

    site_client(tangsel).get("/")  # fills Wagtail's site root cache for tangsel
    with schema_context(balikpapan.schema_name):
        roots = Site.get_site_root_paths()

    assert [root.root_url for root in roots] == ["http://balikpapan.localhost"]


def test_media_files_are_stored_and_served_per_region(site_client, tangsel, balikpapan, media_root):
    with schema_context(tangsel.schema_name):
        name = default_storage.save("laporan/foto.txt", ContentFile(b"lampu jalan mati"))
        url = default_storage.url(name)
    with schema_context(balikpapan.schema_name):
        visible_in_balikpapan = default_storage.exists(name)

    own = site_client(tangsel).get(url)
    other = site_client(balikpapan).get(url)

    assert (media_root / "tangsel" / name).read_bytes() == b"lampu jalan mati"
    assert url == f"/media/tangsel/{name}"
    assert not visible_in_balikpapan
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == b"lampu jalan mati"
    assert other.status_code == 404
    connection.set_schema_to_public()
