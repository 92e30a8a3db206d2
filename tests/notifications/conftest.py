"""Fixtures of the notification tests: people in a region, a local gateway."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection

from tests.notifications.local_gateway import running_gateway

_numbers = itertools.count(1)


def make_person(region, *, email=None, phone="", sms=False, whatsapp=False, **extra):
    """A resident of `region` (the connection is left in its schema)."""
    from accounts.models import User
    from notifications import services

    connection.set_tenant(region)
    email = email or f"warga{next(_numbers)}@{region.slug}.test"
    user = User.objects.create_user(email=email, password="rahasia-warga-1", **extra)
    if phone or sms or whatsapp:
        services.update_preferences(
            user, phone=phone, email_enabled=True, sms_enabled=sms, whatsapp_consent=whatsapp
        )
    return user


def set_gateway(channel: str, url: str, *, token: str = "", sender: str = "KOTA"):
    from notifications.models import Gateway

    Gateway.objects.update_or_create(
        channel=channel, defaults={"url": url, "token": token, "sender": sender}
    )


@pytest.fixture
def gateway():
    with running_gateway() as local:
        yield local
