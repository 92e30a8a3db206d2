"""Before signing, the signer proves it is them: password plus a TOTP code or a signing PIN."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from signing import api
from signing.models import SigningCredential

from audit.models import AuditEntry
from tests.harness.fixtures import sign_in_staff
from tests.signing.helpers import admin_of

pytestmark = pytest.mark.django_db

PASSWORD = "sinergi-demo-2026"


def code_of(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def failures_of(user) -> int:
    return AuditEntry.objects.filter(action="signing.reauth_failed", object_id=str(user.pk)).count()


def test_password_and_a_totp_code_reauthenticate(tangsel):
    connection.set_tenant(tangsel)
    signer = admin_of(tangsel)
    device = TOTPDevice.objects.create(user=signer, name="ponsel", confirmed=True)

    assert api.reauthenticate(signer, password=PASSWORD, otp=code_of(device))
    assert failures_of(signer) == 0


def test_password_and_the_signing_pin_reauthenticate(tangsel):
    connection.set_tenant(tangsel)
    signer = admin_of(tangsel)

    api.set_signing_pin(signer, "482913")

    assert api.reauthenticate(signer, password=PASSWORD, pin="482913")
    assert "482913" not in SigningCredential.objects.get(user=signer).pin_hash


@pytest.mark.parametrize(
    "answers",
    [
        {"password": "salah-sandi", "pin": "482913"},
        {"password": PASSWORD, "pin": "000000"},
        {"password": PASSWORD, "otp": "000000"},
        {"password": PASSWORD},
        {"pin": "482913"},
    ],
)
def test_a_wrong_or_missing_answer_is_refused_and_audited(tangsel, answers):
    connection.set_tenant(tangsel)
    signer = admin_of(tangsel)
    api.set_signing_pin(signer, "482913")

    assert not api.reauthenticate(signer, **answers)
    assert failures_of(signer) == 1


def test_five_wrong_answers_lock_signing_for_a_while(tangsel):
    connection.set_tenant(tangsel)
    signer = admin_of(tangsel)
    api.set_signing_pin(signer, "482913")

    for _attempt in range(5):
        api.reauthenticate(signer, password=PASSWORD, pin="111111")

    assert not api.reauthenticate(signer, password=PASSWORD, pin="482913")
    assert AuditEntry.objects.filter(action="signing.reauth_locked").count() == 1


def test_an_inactive_person_cannot_reauthenticate(tangsel):
    connection.set_tenant(tangsel)
    signer = admin_of(tangsel)
    api.set_signing_pin(signer, "482913")
    signer.is_active = False
    signer.save()

    assert not api.reauthenticate(signer, password=PASSWORD, pin="482913")


def test_a_pin_must_be_six_digits(tangsel):
    connection.set_tenant(tangsel)

    with pytest.raises(ValidationError, match="6 angka"):
        api.set_signing_pin(admin_of(tangsel), "12ab")


def test_staff_set_their_pin_in_akun_saya(site_client, tangsel):
    client = site_client(tangsel)
    sign_in_staff(client, tangsel, "admin@tangsel.test")

    home = client.get("/akun/")
    wrong = client.post(
        "/akun/pin-tanda-tangan/", {"password": "salah", "pin1": "246810", "pin2": "246810"}
    )
    mismatch = client.post(
        "/akun/pin-tanda-tangan/", {"password": PASSWORD, "pin1": "246810", "pin2": "246811"}
    )
    saved = client.post(
        "/akun/pin-tanda-tangan/", {"password": PASSWORD, "pin1": "246810", "pin2": "246810"}
    )
    connection.set_tenant(tangsel)

    assert "Buat PIN tanda tangan" in home.text
    assert "Kata sandi salah." in wrong.text
    assert "Kedua PIN tidak sama." in mismatch.text
    assert saved.status_code == 302
    assert api.reauthenticate(admin_of(tangsel), password=PASSWORD, pin="246810")
    assert AuditEntry.objects.filter(action="signing.pin_set").count() == 1
