"""Content Security Policy: resident pages forbid inline script and allow inline style only
with the response's own nonce (cached pages included); Wagtail's admin gets what it needs."""

from __future__ import annotations

import re

import pytest

NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def check_resident_page(response) -> None:
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not EVENT_HANDLER.search(html)
    header_nonces = set(NONCE.findall(" ".join(policy["style-src"])))
    page_nonces = set(re.findall(r'<style nonce="([^"]+)"', html))
    assert "<style>" not in html  # every inline style carries the nonce
    assert page_nonces <= header_nonces


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/cari/?q=pajak", "/laksa/", "/laksa/peta/", "/laksa/lapor/", "/akun/masuk/"]
)
def test_resident_pages_send_a_strict_policy_their_html_obeys(site_client, tangsel, path):
    response = site_client(tangsel).get(path)
    assert response.status_code == 200
    check_resident_page(response)


@pytest.mark.django_db
def test_the_theme_style_carries_the_nonce_of_its_header_also_when_served_from_the_cache(
    site_client, balikpapan
):
    first = site_client(balikpapan).get("/")
    again = site_client(balikpapan).get("/")
    assert again["X-Page-Cache"] == "hit"
    for response in (first, again):
        check_resident_page(response)
        (nonce,) = set(NONCE.findall(response["Content-Security-Policy"]))
        assert f'<style nonce="{nonce}">' in response.content.decode()
    # A page made afresh gets a nonce of its own.
    other = site_client(balikpapan).get("/laksa/")
    assert set(NONCE.findall(other["Content-Security-Policy"])).isdisjoint(
        NONCE.findall(first["Content-Security-Policy"])
    )


@pytest.mark.django_db
def test_the_platform_site_and_onboarding_are_strict_too(site_client):
    response = site_client(None).get("/")
    assert response.status_code == 200
    check_resident_page(response)


@pytest.mark.django_db
def test_wagtail_admin_gets_inline_scripts_but_nothing_from_other_origins(
    admin_client_for, tangsel
):
    response = admin_client_for(tangsel).get("/admin/pages/")
    assert response.status_code == 200
    policy = directives(response)
    # No nonce: browsers ignore 'unsafe-inline' beside one.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
