"""Two sign-ups racing for one subdomain: both pass the check, the database lets one in."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from onboarding import services
from onboarding.models import Application
from tests.onboarding.conftest import join_data


@pytest.mark.parametrize("shared", ["slug", "email"])
def test_two_concurrent_sign_ups_for_one_subdomain_or_email_exactly_one_wins(
    committed_db, public_rows_cleanup, monkeypatch, shared
):
    both_checked = threading.Barrier(2, timeout=30)
    original_check = services._check_free

    def check_then_wait(join):
        original_check(join)
        both_checked.wait()  # each saw the subdomain free; now both insert

    monkeypatch.setattr(services, "_check_free", check_then_wait)
    first = join_data(email="a@pandeglangkab.go.id", slug="pandeglang")
    second = join_data(email="b@pandeglangkab.go.id", slug="pandeglang")
    if shared == "email":
        second.update(email=first["email"], slug="pandeglang-kab")
    responses = {}

    def sign_up(name, data):
        try:
            responses[name] = Client(HTTP_HOST=settings.PLATFORM_DOMAIN).post("/bergabung/", data)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=sign_up, args=(name, data))
        for name, data in (("first", first), ("second", second))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    connection.set_schema_to_public()
    codes = sorted(r.status_code for r in responses.values())
    assert codes == [200, 400]
    loser = next(r for r in responses.values() if r.status_code == 400)
    expected = "baru saja diajukan" if shared == "slug" else "sudah dipakai untuk pendaftaran"
    assert expected in loser.text
    assert Application.objects.count() == 1
