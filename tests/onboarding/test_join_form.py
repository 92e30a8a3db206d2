"""The "Bergabung" form on the platform site: what it asks, the live subdomain check, and
bad input answered with a clear message that changes nothing."""

from __future__ import annotations

import pytest
from django.core import mail

from notifications.models import Message
from onboarding.models import Application
from tests.onboarding.conftest import join_data

pytestmark = pytest.mark.django_db


def test_form_asks_for_everything_a_region_needs_and_serves_its_script_locally(platform):
    page = platform.get("/bergabung/")

    assert page.status_code == 200
    for label in (
        "Nama resmi pemerintah daerah",
        "Jenis daerah",
        "Provinsi",
        "Subdomain yang diinginkan",
        "Nama pemohon",
        "Jabatan pemohon",
        "Email dinas",
        "Nomor telepon",
        "Harga Bahan Pokok",
        "Saya menyetujui ketentuan Kemitraan Kota Cerdas",
    ):
        assert label in page.text, label
    assert 'src="/static/onboarding/join.js"' in page.text
    assert "https://" not in page.text.split("<body", 1)[0]  # nothing from a CDN
    assert ">Papua Pegunungan<" in page.text


def test_platform_home_links_to_the_form(platform):
    assert 'href="/bergabung/"' in platform.get("/").text


def test_valid_application_waits_for_its_email_to_be_verified(platform):
    response = platform.post("/bergabung/", join_data())

    assert response.status_code == 200
    assert "Periksa email Anda" in response.text
    application = Application.objects.get()
    assert application.status == Application.Status.UNVERIFIED
    assert application.slug == "pandeglang"
    assert application.phone == "+6281234567890"
    assert application.modules == ["prices"]
    assert application.base_url == "http://localhost"
    message = Message.objects.get(to="diskominfo@pandeglangkab.go.id")
    assert "/bergabung/verifikasi/" in message.body
    assert "7 hari" in message.body


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("pandeglang", "pandeglang.localhost tersedia"),
        ("tangsel", "sudah dipakai"),
        ("www", "dicadangkan"),
        ("admin", "dicadangkan"),
        ("api", "dicadangkan"),
        ("mail", "dicadangkan"),
        ("static", "dicadangkan"),
        ("media", "dicadangkan"),
        ("platform", "dicadangkan"),
        ("pool-1", "dicadangkan"),
        ("kota_bogor", "huruf kecil"),
        ("kota bogor", "huruf kecil"),
        ("ab", "huruf kecil"),
        ("x" * 41, "huruf kecil"),
        ("garut--kab", "dua tanda hubung"),
    ],
)
def test_subdomain_check_answers_as_the_applicant_types(platform, slug, message):
    answer = platform.get("/bergabung/cek-subdomain/", {"slug": slug}).json()

    assert answer["available"] is (slug == "pandeglang")
    assert message in answer["message"]


def test_subdomain_check_sees_a_pending_application(platform):
    platform.post("/bergabung/", join_data())

    answer = platform.get("/bergabung/cek-subdomain/", {"slug": "Pandeglang"}).json()

    assert answer == {
        "slug": "pandeglang",
        "available": False,
        "message": "Subdomain “pandeglang” sedang diajukan pendaftar lain.",
    }


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"slug": "tangsel"}, "sudah dipakai"),
        ({"slug": "www"}, "dicadangkan"),
        ({"slug": "media"}, "dicadangkan"),
        ({"slug": "kab_garut"}, "huruf kecil"),
        ({"slug": "garut!"}, "huruf kecil"),
        ({"slug": "g" * 41}, "paling banyak 40 karakter"),
        ({"region_name": "K" * 121}, "paling banyak 120 karakter"),
        ({"applicant_position": "J" * 151}, "paling banyak 150 karakter"),
        ({"email": "bukan-email"}, "alamat email yang valid"),
        ({"phone": "12345"}, "Nomor telepon tidak valid"),
        ({"province": "Atlantis"}, "Masukkan pilihan yang valid"),
        ({"kind": "negara"}, "Masukkan pilihan yang valid"),
        ({"modules": ["tidak-ada"]}, "Masukkan pilihan yang valid"),
        ({"accept_terms": None}, "Anda harus menyetujui ketentuan kemitraan"),
        ({"region_name": ""}, "harus diisi"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    platform, overrides, field_message
):
    response = platform.post("/bergabung/", join_data(**overrides))

    assert response.status_code == 400
    assert field_message in response.text
    assert 'class="error"' in response.text
    assert not Application.objects.exists()
    assert not Message.objects.exists()
    assert not mail.outbox


def test_what_was_typed_is_kept_when_the_form_comes_back(platform):
    response = platform.post("/bergabung/", join_data(slug="www"))

    assert 'value="Kabupaten Pandeglang"' in response.text
    assert 'value="diskominfo@pandeglangkab.go.id"' in response.text


def test_applying_twice_with_the_same_email_is_refused(platform):
    platform.post("/bergabung/", join_data())

    again = platform.post("/bergabung/", join_data(slug="pandeglang-kab"))

    assert again.status_code == 400
    assert "sudah dipakai untuk pendaftaran yang masih berjalan" in again.text
    assert Application.objects.count() == 1


def test_applying_for_a_subdomain_someone_else_is_applying_for_is_refused(platform):
    platform.post("/bergabung/", join_data())

    again = platform.post("/bergabung/", join_data(email="kominfo@pandeglang.go.id"))

    assert again.status_code == 400
    assert "sedang diajukan pendaftar lain" in again.text
    assert Application.objects.count() == 1


def test_form_and_check_do_not_exist_on_a_region_host(site_client, tangsel):
    region = site_client(tangsel)

    assert region.get("/bergabung/").status_code == 404
    assert region.post("/bergabung/", join_data()).status_code == 404
    assert region.get("/bergabung/cek-subdomain/", {"slug": "x"}).status_code == 404
    assert not Application.objects.exists()


def test_every_description_a_field_points_to_exists(platform):
    import re

    page = platform.get("/bergabung/").text

    described = {
        ident
        for value in re.findall(r'aria-describedby="([^"]+)"', page)
        for ident in value.split()
    }
    assert "cek-subdomain" in described
    for ident in described:
        assert f'id="{ident}"' in page, ident
