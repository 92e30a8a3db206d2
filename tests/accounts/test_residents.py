"""Residents: one account per region, verified by email, with their data in their hands."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.db import connection

from accounts.models import User
from audit.models import AuditEntry
from notifications.testing import deliver_pending

pytestmark = pytest.mark.django_db

PASSWORD = "Sampah-Menumpuk-77"


def _sign_up(client, email="warga@contoh.test", name="Dewi Lestari"):
    return client.post(
        "/akun/daftar/",
        {"full_name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def _verify(client) -> None:
    deliver_pending("tangsel")
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    client.get(link.removeprefix("http://tangsel.localhost"))


def _sign_in(client, email="warga@contoh.test", password=PASSWORD):
    return client.post("/akun/masuk/", {"username": email, "password": password})


def test_resident_signs_up_verifies_and_signs_in(site_client, tangsel):
    client = site_client(tangsel)

    signed_up = _sign_up(client)
    too_early = _sign_in(client)
    _verify(client)
    connection.set_schema_to_public()
    signed_in = _sign_in(client)
    home = client.get("/akun/")

    assert "Periksa email Anda" in signed_up.text
    assert "http://tangsel.localhost/akun/verifikasi/" in mail.outbox[-1].body
    assert "belum diverifikasi" in too_early.text
    assert signed_in.status_code == 302
    assert home.status_code == 200
    assert "Akun saya" in home.text and "warga@contoh.test" in home.text


def test_bad_sign_up_input_gets_clear_messages_and_keeps_what_was_typed(site_client, tangsel):
    response = site_client(tangsel).post(
        "/akun/daftar/",
        {"full_name": "Dewi", "email": "bukan-email", "password1": "abc", "password2": "abd"},
    )

    assert response.status_code == 200
    assert "alamat email yang valid" in response.text.lower() or "valid email" in response.text
    assert "Kedua kata sandi tidak sama" in response.text
    assert 'value="Dewi"' in response.text
    connection.set_tenant(tangsel)
    assert not User.objects.filter(first_name="Dewi").exists()


def test_signing_up_twice_with_one_address_is_refused(site_client, tangsel):
    client = site_client(tangsel)
    _sign_up(client)

    again = _sign_up(client)

    assert "sudah terdaftar" in again.text


def test_a_resident_of_one_region_cannot_sign_in_to_another(site_client, tangsel, balikpapan):
    tangsel_client = site_client(tangsel)
    _sign_up(tangsel_client)
    _verify(tangsel_client)

    other = _sign_in(site_client(balikpapan))

    assert other.status_code == 200
    assert "Email atau kata sandi salah" in other.text
    connection.set_tenant(balikpapan)
    assert not User.objects.filter(email="warga@contoh.test").exists()


def test_the_platform_site_has_no_resident_accounts(site_client):
    assert site_client(None).get("/akun/daftar/").status_code == 404


def test_resident_downloads_their_data_and_deletes_the_account(site_client, tangsel):
    client = site_client(tangsel)
    _sign_up(client)
    _verify(client)
    _sign_in(client)

    download = client.get("/akun/unduh-data/")
    data = json.loads(b"".join([download.content]))
    wrong_password = client.post("/akun/hapus/", {"password": "salah"})
    deleted = client.post("/akun/hapus/", {"password": PASSWORD})

    assert download["Content-Disposition"].startswith("attachment;")
    assert data["akun"]["email"] == "warga@contoh.test"
    assert data["akun"]["nama"] == "Dewi Lestari"
    assert "Kata sandi salah" in wrong_password.text
    assert "sudah dihapus" in deleted.text
    connection.set_tenant(tangsel)
    assert not User.objects.filter(email="warga@contoh.test").exists()
    names = set(AuditEntry.objects.values_list("actor_name", flat=True))
    assert "Dewi Lestari" not in names
    assert AuditEntry.objects.filter(action="accounts.delete_account").exists()
    assert client.get("/akun/").status_code == 302


def test_password_reset_link_uses_the_regions_own_domain(site_client, tangsel):
    client = site_client(tangsel)
    _sign_up(client)
    _verify(client)

    client.post("/akun/lupa-sandi/", {"email": "warga@contoh.test"})
    deliver_pending("tangsel")

    assert "http://tangsel.localhost/akun/lupa-sandi/" in mail.outbox[-1].body
