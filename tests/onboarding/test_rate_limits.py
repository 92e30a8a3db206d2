"""The join form and the live subdomain check answer a flood from one address with a clear
message (429) that keeps what was typed; other addresses are not affected."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from onboarding.models import Application
from tests.onboarding.conftest import join_data

pytestmark = pytest.mark.django_db

LIMITED = override_settings(ONBOARDING_RATE_LIMITS={"join": (2, 3600), "subdomain_check": (3, 60)})


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def _from(address: str) -> Client:
    return Client(HTTP_HOST="localhost", REMOTE_ADDR=address)


@LIMITED
def test_join_form_refuses_a_flood_from_one_address_and_keeps_what_was_typed():
    flooder = _from("203.0.113.7")
    for n in range(2):
        flooder.post("/bergabung/", join_data(slug=f"daerah-{n}", email=f"a{n}@contoh.go.id"))
    assert Application.objects.count() == 2

    page = flooder.post("/bergabung/", join_data(slug="daerah-tiga", email="a3@contoh.go.id"))
    assert page.status_code == 429
    assert "Terlalu banyak permintaan dari alamat Anda" in page.text
    assert 'value="daerah-tiga"' in page.text and "a3@contoh.go.id" in page.text
    assert Application.objects.count() == 2

    other = _from("198.51.100.4").post("/bergabung/", join_data(slug="daerah-lain"))
    assert other.status_code == 200
    assert Application.objects.filter(slug="daerah-lain").exists()


@LIMITED
def test_subdomain_check_refuses_a_flood_from_one_address():
    checker = _from("203.0.113.8")
    answers = [checker.get("/bergabung/cek-subdomain/", {"slug": f"kota-{n}"}) for n in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0].json()["available"] is True
    assert answers[3].json() == {
        "slug": "kota-3",
        "available": False,
        "message": answers[3].json()["message"],
    }
    assert "Terlalu banyak permintaan" in answers[3].json()["message"]
    assert (
        _from("198.51.100.5").get("/bergabung/cek-subdomain/", {"slug": "kota-9"}).status_code
        == 200
    )


@LIMITED
def test_counts_live_in_the_shared_cache_under_the_platform_schema():
    """Every process sees one count; the key names its schema, so no region's host shares it."""
    _from("203.0.113.9").get("/bergabung/cek-subdomain/", {"slug": "kota-a"})
    keys = _keys_with("onboarding.rate")
    assert len(keys) == 1 and keys[0].startswith("public:")
    assert "203.0.113.9" not in keys[0]  # the address itself is not stored


def _keys_with(part: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cache_key FROM public.sinergi_cache WHERE cache_key LIKE %s", [f"%{part}%"]
        )
        return [row[0] for row in cursor.fetchall()]
