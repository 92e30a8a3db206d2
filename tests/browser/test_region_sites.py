"""A resident finds their region from the platform's directory, in a real browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_resident_goes_from_the_partner_directory_to_a_region_site(page, live_server_port):
    page.goto(f"http://localhost:{live_server_port}/")
    page.get_by_role("link", name="Kota Balikpapan").click()

    page.wait_for_url(f"http://balikpapan.localhost:{live_server_port}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kota Balikpapan"
    assert page.title() == "Kota Balikpapan"


def test_unknown_region_shows_the_platform_404_page(page, live_server_port):
    response = page.goto(f"http://nope.localhost:{live_server_port}/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Daerah tidak ditemukan"
    page.get_by_role("link", name="Lihat daftar daerah mitra").click()
    page.wait_for_url(f"http://localhost:{live_server_port}/")
