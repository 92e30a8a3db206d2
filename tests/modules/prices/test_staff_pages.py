"""The module's admin pages: who may use them, and every write audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from audit.models import AuditEntry
from tests.harness.fixtures import sign_in_staff
from tests.modules.prices.conftest import ADMIN, in_region

pytestmark = pytest.mark.django_db


def test_market_and_commodity_changes_through_the_admin_are_audited(admin_client_for, tangsel):
    from accounts.models import User
    from modules.prices.models import Commodity, Market

    client = admin_client_for(tangsel)

    added = client.post(f"{ADMIN}pasar/tambah/", {"name": "Pasar Bintaro", "address": "Sektor 2"})
    in_region(tangsel)
    market = Market.objects.get(name="Pasar Bintaro")
    connection.set_schema_to_public()
    edited = client.post(
        f"{ADMIN}pasar/{market.pk}/ubah/", {"name": "Pasar Bintaro Sektor 2", "address": ""}
    )
    new = client.post(
        f"{ADMIN}komoditas/tambah/", {"name": "Jagung Pipilan", "unit": "kg", "order": 130}
    )
    in_region(tangsel)
    jagung = Commodity.objects.get(name="Jagung Pipilan")
    connection.set_schema_to_public()
    renamed = client.post(
        f"{ADMIN}komoditas/{jagung.pk}/ubah/",
        {"name": "Jagung Pipilan Kering", "unit": "kg", "order": 130, "active": "on"},
    )

    assert [r.status_code for r in (added, edited, new, renamed)] == [302] * 4
    in_region(tangsel)
    market.refresh_from_db()
    assert (market.name, market.active) == ("Pasar Bintaro Sektor 2", False)
    actions = ["prices.add_market", "prices.change_market"]
    actions += ["prices.add_commodity", "prices.change_commodity"]
    entries = {e.action: e for e in AuditEntry.objects.filter(action__in=actions)}
    assert len(entries) == 4
    assert entries["prices.add_market"].object_id == str(market.pk)
    assert entries["prices.change_market"].details["before"]["name"] == "Pasar Bintaro"
    assert entries["prices.change_market"].details["active"] is False
    assert entries["prices.add_commodity"].details["name"] == "Jagung Pipilan"
    assert entries["prices.change_commodity"].details["name"] == "Jagung Pipilan Kering"
    admin = User.objects.get(email="admin@tangsel.test")
    assert {e.actor_id for e in entries.values()} == {admin.pk}


def test_a_duplicate_market_name_is_refused_and_what_was_typed_is_kept(admin_client_for, tangsel):
    client = admin_client_for(tangsel)

    response = client.post(f"{ADMIN}pasar/tambah/", {"name": "Pasar Ciputat", "address": "X 1"})

    assert response.status_code == 200
    assert "Pasar dengan nama ini sudah ada." in response.text
    assert 'value="X 1"' in response.text
    in_region(tangsel)
    assert not AuditEntry.objects.filter(action="prices.add_market").exists()


def test_an_inactive_market_leaves_the_resident_page_and_the_entry_form(
    admin_client_for, site_client, tangsel
):
    from modules.prices.models import Market

    in_region(tangsel)
    market = Market.objects.get(name="Pasar Serpong")
    connection.set_schema_to_public()
    client = admin_client_for(tangsel)

    client.post(f"{ADMIN}pasar/{market.pk}/ubah/", {"name": "Pasar Serpong", "address": ""})

    assert "Pasar Serpong" not in site_client(tangsel).get("/harga/").text
    assert site_client(tangsel).get(f"/harga/pasar/{market.pk}/").status_code == 404
    assert client.get(f"{ADMIN}pasar/{market.pk}/harga/").status_code == 404
    assert "Pasar Serpong" in client.get(ADMIN).text  # staff can switch it back on


def test_the_officer_role_opens_the_pages_and_other_staff_do_not(
    officer_client, site_client, tangsel
):
    from accounts.models import User

    in_region(tangsel)
    editor = User.objects.create_user("editor@tangsel.test", "x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    connection.set_schema_to_public()
    other = site_client(tangsel)
    sign_in_staff(other, tangsel, editor.email)
    officer = officer_client(tangsel)

    assert ADMIN in officer.get("/admin/").text
    assert officer.get(ADMIN).status_code == 200
    assert officer.get(f"{ADMIN}pasar/tambah/").status_code == 200
    assert ADMIN not in other.get("/admin/").text
    refused = [other.get(ADMIN), other.post(f"{ADMIN}pasar/tambah/", {"name": "Pasar Liar"})]
    assert [(r.status_code, r["Location"]) for r in refused] == [(302, "/admin/")] * 2
    in_region(tangsel)
    from modules.prices.models import Market

    assert not Market.objects.filter(name="Pasar Liar").exists()
