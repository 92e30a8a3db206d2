"""Helpers of the onboarding suites: the join form's data, its mail, and cleaning up what
tests commit in the public schema."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection

from notifications.testing import deliver_pending


def join_data(**overrides) -> dict:
    data = {
        "region_name": "Kabupaten Pandeglang",
        "kind": "kabupaten",
        "province": "Banten",
        "slug": "pandeglang",
        "applicant_name": "Dewi Lestari",
        "applicant_position": "Kepala Diskominfo",
        "email": "diskominfo@pandeglangkab.go.id",
        "phone": "0812 3456 7890",
        "modules": ["prices"],
        "accept_terms": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def last_link_to(address: str) -> str:
    """The first link of the last mail to `address` (delivered here from the outbox)."""
    from notifications.testing import last_email_to, links_in

    deliver_pending("public")
    return links_in(last_email_to(address))[0]


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def platform(site_client, db):
    return site_client(None)


@pytest.fixture
def public_rows_cleanup():
    """Remove what a committing test left in the public schema: applications, mail and
    audit entries made after it started."""
    from audit.models import AuditEntry
    from notifications.models import Message
    from onboarding.models import Application

    connection.set_schema_to_public()
    last_audit = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    last_message = Message.objects.order_by("-id").values_list("id", flat=True).first() or 0
    yield
    connection.set_schema_to_public()
    Application.objects.all().delete()
    Message.objects.filter(id__gt=last_message).delete()
    AuditEntry.objects.filter(id__gt=last_audit).delete()
    mail.outbox.clear()


COORDINATOR = "koordinator@sinergi.test"


def verified_application(platform, **overrides):
    """Apply through the form and open the verification link, as the applicant would."""
    from onboarding.models import Application

    data = join_data(**overrides)
    platform.post("/bergabung/", data)
    platform.post(path_of(last_link_to(data["email"])))
    return Application.objects.get(slug=data["slug"], email=data["email"])


@pytest.fixture
def coordinator(site_client, db):
    from tests.harness.fixtures import sign_in_staff

    client = site_client(None)
    sign_in_staff(client, None, COORDINATOR)
    return client
