"""Region staff: invited by email, set a password once, use a second factor, deactivated
without losing their history."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Invitation, User
from audit.models import AuditEntry
from notifications.testing import deliver_pending

pytestmark = pytest.mark.django_db


def _invite(client, email="siti@dishub.tangsel.test", name="Siti Rahma", groups=()):
    return client.post(
        "/admin/staf/",
        {"full_name": name, "email": email, "groups": [g.pk for g in groups]},
    )


def _link_in_last_mail(region_schema="tangsel") -> str:
    deliver_pending(region_schema)
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def test_admin_invites_staff_who_sets_a_password_once(admin_client_for, site_client, tangsel):
    admin = admin_client_for(tangsel)
    connection.set_tenant(tangsel)
    role = Group.objects.create(name="Petugas OPD")

    response = _invite(admin, groups=[role])
    link = _link_in_last_mail()
    connection.set_schema_to_public()

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["siti@dishub.tangsel.test"]
    assert "Kota Tangerang Selatan" in mail.outbox[-1].subject
    assert link.startswith("http://tangsel.localhost/akun/undangan/")

    officer = site_client(tangsel)
    form = officer.get(link)
    accepted = officer.post(
        link, {"password1": "Lampu-Jalan-2026", "password2": "Lampu-Jalan-2026"}
    )
    reused = site_client(tangsel).get(link)

    assert "Siti Rahma" in form.text
    assert accepted.status_code == 302
    connection.set_tenant(tangsel)
    user = User.objects.get(email="siti@dishub.tangsel.test")
    assert user.is_staff and user.check_password("Lampu-Jalan-2026")
    assert list(user.groups.values_list("name", flat=True)) == ["Petugas OPD"]
    assert reused.status_code == 400
    assert "sudah dipakai" in reused.text


def test_invitation_link_expires(admin_client_for, site_client, tangsel):
    _invite(admin_client_for(tangsel))
    link = _link_in_last_mail()
    connection.set_tenant(tangsel)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = site_client(tangsel).get(link)

    assert response.status_code == 400
    assert "kedaluwarsa" in response.text


def test_invitation_link_of_one_region_is_unknown_in_another(
    admin_client_for, site_client, tangsel, balikpapan
):
    _invite(admin_client_for(tangsel))
    path = _link_in_last_mail().removeprefix("http://tangsel.localhost")

    response = site_client(balikpapan).get(path)

    assert response.status_code == 400
    assert "tidak dikenal" in response.text


def test_inviting_an_existing_address_is_refused_with_a_message(admin_client_for, tangsel):
    response = _invite(admin_client_for(tangsel), email="admin@tangsel.test")

    assert response.status_code == 200
    assert "sudah terdaftar" in response.text
    assert not mail.outbox


def test_staff_page_needs_the_manage_staff_permission(site_client, tangsel):
    from tests.harness.fixtures import sign_in_staff

    connection.set_tenant(tangsel)
    User.objects.create_user(email="staf@tangsel.test", password="x-Long-enough-1", is_staff=True)
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "staf@tangsel.test")

    assert client.get("/admin/staf/").status_code in (302, 403)


def test_deactivated_staff_cannot_sign_in_and_their_history_stays(
    admin_client_for, site_client, tangsel
):
    connection.set_tenant(tangsel)
    officer = User.objects.create_user(
        email="andi@pupr.tangsel.test",
        password="Jalan-Rusak-2026",
        is_staff=True,
        first_name="Andi",
    )
    AuditEntry.objects.create(actor_id=officer.pk, actor_name="Andi", action="laksa.answer")
    admin = admin_client_for(tangsel)

    response = admin.post(f"/admin/staf/{officer.pk}/aktif/0/")
    login = site_client(tangsel).post(
        "/admin/login/", {"username": "andi@pupr.tangsel.test", "password": "Jalan-Rusak-2026"}
    )

    assert response.status_code == 302
    connection.set_tenant(tangsel)
    officer.refresh_from_db()
    assert not officer.is_active
    assert AuditEntry.objects.filter(actor_id=officer.pk, action="laksa.answer").exists()
    assert AuditEntry.objects.filter(
        action="accounts.deactivate", object_id=str(officer.pk)
    ).exists()
    assert login.status_code == 200  # the form again, not a redirect into the admin


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_admin_must_set_up_a_second_factor_before_entering_the_admin(site_client, tangsel):
    client = site_client(tangsel)
    client.post(
        "/admin/login/", {"username": "admin@tangsel.test", "password": "sinergi-demo-2026"}
    )

    gate = client.get("/admin/")
    setup = client.get(gate["Location"])
    connection.set_tenant(tangsel)
    device = TOTPDevice.objects.get(user__email="admin@tangsel.test", confirmed=False)
    wrong = client.post(gate["Location"], {"token": "000000"})
    too_soon = client.post(gate["Location"], {"token": _code(device)})
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1)
    )
    right = client.post(gate["Location"], {"token": _code(device), "next": "/admin/"})
    inside = client.get("/admin/")

    assert gate.status_code == 302 and "/akun/2fa/atur/" in gate["Location"]
    assert "<svg" in setup.text
    assert "Kode tidak cocok" in wrong.text
    assert "Tunggu beberapa detik" in too_soon.text
    assert right.status_code == 302
    assert inside.status_code == 200


def test_staff_with_a_device_must_enter_a_code_on_each_sign_in(site_client, tangsel):
    connection.set_tenant(tangsel)
    admin = User.objects.get(email="admin@tangsel.test")
    device = TOTPDevice.objects.create(user=admin, name="ponsel", confirmed=True)
    client = site_client(tangsel)
    client.post(
        "/admin/login/", {"username": "admin@tangsel.test", "password": "sinergi-demo-2026"}
    )

    gate = client.get("/admin/pages/")
    verified = client.post(gate["Location"], {"token": _code(device)})

    assert "/akun/2fa/verifikasi/" in gate["Location"]
    assert verified.status_code == 302
    assert verified["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_region_admins_see_admin_times_in_their_regions_zone(balikpapan):
    from wagtail.users.models import UserProfile

    connection.set_tenant(balikpapan)
    admin = User.objects.get(email="admin@balikpapan.test")

    assert UserProfile.get_for_user(admin).current_time_zone == "Asia/Makassar"
