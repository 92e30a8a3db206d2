"""Every privileged action leaves an entry; region admins read, filter and export them."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test import RequestFactory

from accounts import services as account_services
from accounts.models import User
from audit.models import AuditEntry
from tenants.models import Region
from tenants.services import set_status

pytestmark = pytest.mark.django_db


def _request(region, user):
    request = RequestFactory().post(
        "/", HTTP_HOST=f"{region.slug}.localhost", REMOTE_ADDR="203.0.113.9"
    )
    request.region = region
    request.user = user
    return request


def _admin(region) -> User:
    connection.set_tenant(region)
    return User.objects.get(email=f"admin@{region.slug}.test")


def test_every_privileged_account_service_writes_an_entry(tangsel):
    admin = _admin(tangsel)
    request = _request(tangsel, admin)
    officer = User.objects.create_user(
        email="o@tangsel.test", password="x-Long-enough-1", is_staff=True
    )
    # The demo load's own entries (modules switched on, their seeds) are not this test's.
    earlier = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0

    account_services.invite_staff(
        admin, email="baru@tangsel.test", full_name="Baru", groups=[], request=request
    )
    account_services.set_staff_active(admin, officer, False, request)
    account_services.set_staff_active(admin, officer, True, request)

    entries = list(
        AuditEntry.objects.filter(id__gt=earlier)
        .order_by("id")
        .values_list("action", "actor_name", "ip_address")
    )
    assert entries == [
        ("accounts.invite", "admin@tangsel.test", "203.0.113.9"),
        ("accounts.deactivate", "admin@tangsel.test", "203.0.113.9"),
        ("accounts.reactivate", "admin@tangsel.test", "203.0.113.9"),
    ]


def test_platform_actions_are_audited_in_the_public_schema(tangsel):
    connection.set_schema_to_public()
    operator = User.objects.get(email="operator@sinergi.test")

    set_status(tangsel, Region.Status.SUSPENDED, actor=operator)

    entry = AuditEntry.objects.get(action="tenants.set_status")
    assert entry.actor_name == "Operator Sinergi"
    assert entry.details == {"from": "active", "to": "suspended"}
    connection.set_tenant(tangsel)
    assert not AuditEntry.objects.filter(action="tenants.set_status").exists()


def test_region_admin_filters_and_exports_the_log_of_their_region_only(
    admin_client_for, tangsel, balikpapan
):
    connection.set_tenant(tangsel)
    AuditEntry.objects.create(actor_name="Siti", action="laksa.answer", object_repr="Lampu mati")
    AuditEntry.objects.create(actor_name="Andi", action="eoffice.sign", object_repr="Surat 1")
    connection.set_tenant(balikpapan)
    AuditEntry.objects.create(actor_name="Rahmat", action="laksa.answer", object_repr="Banjir")
    client = admin_client_for(tangsel)

    listing = client.get("/admin/log-audit/", {"action": "laksa"})
    export = client.get("/admin/log-audit/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))

    assert listing.status_code == 200
    assert "Lampu mati" in listing.text
    assert "Surat 1" not in listing.text
    assert "Banjir" not in listing.text
    assert any("Lampu mati" in row for row in rows)
    assert not any("Banjir" in row for row in rows)


def test_audit_entries_cannot_be_edited_or_deleted_even_by_an_admin(admin_client_for, tangsel):
    connection.set_tenant(tangsel)
    entry = AuditEntry.objects.create(actor_name="Siti", action="laksa.answer")
    client = admin_client_for(tangsel)

    assert client.get(f"/admin/log-audit/edit/{entry.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/log-audit/delete/{entry.pk}/").status_code in (302, 403)
    connection.set_tenant(tangsel)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entry_of_one_region_is_not_found_through_another(admin_client_for, tangsel, balikpapan):
    connection.set_tenant(tangsel)
    entry = AuditEntry.objects.create(
        actor_name="Siti", action="laksa.answer", object_repr="Rahasia"
    )

    response = admin_client_for(balikpapan).get(f"/admin/log-audit/inspect/{entry.pk}/")

    assert response.status_code == 404
