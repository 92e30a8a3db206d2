"""Helpers of e-Office's tests: officials of the demo directory (Kepala Diskominfo is the
demo admin; two Kepala Bidang and a staff member under him) and letters made through the
module's services, as a person would make them."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

ADMIN = "/admin/eoffice/"
HEAD = "DISKOMINFO.KEPALA"
APTIKA = "DISKOMINFO.APTIKA.KEPALA"
IKP = "DISKOMINFO.IKP.KEPALA"
STAFF = "DISKOMINFO.APTIKA.STAF"


def in_region(region):
    connection.set_tenant(region)
    return region


def position(code: str):
    from organisation import api as organisation

    return organisation.position_by_code(code)


def user(region, local: str):
    from accounts.models import User

    in_region(region)
    return User.objects.get(email=f"{local}@{region.slug}.test")


def head(region):
    return user(region, "admin")


def official(
    region, code: str, *, kind: str = "definitif", role: str = "Pengguna e-Office", since=None
):
    """A new staff member holding (or acting for) the position `code` (since `since`)."""
    from accounts.models import User
    from organisation import services as organisation

    in_region(region)
    person = User.objects.create_user(
        f"pejabat.{secrets.token_hex(3)}@{region.slug}.test",
        "Kata-Sandi-Staf-26",
        first_name="Pejabat",
        last_name=code.split(".")[-1].title(),
        is_staff=True,
    )
    person.groups.add(Group.objects.get(name=role))
    organisation.assign(
        actor=None,
        user=person,
        position=position(code),
        kind=kind,
        starts_at=since
        or (date(2025, 1, 2) if kind == "definitif" else timezone.now() - timedelta(days=1)),
    )
    return person


def pdf(title: str = "Surat uji") -> bytes:
    from modules.eoffice.pdf import sample_scan

    return sample_scan(title)


def classification(code: str = "000.5"):
    from modules.eoffice.models import Classification

    return Classification.objects.get(code=code)


def incoming(region, *, subject="Undangan rapat uji", secrecy="biasa", to=HEAD, **overrides):
    from modules.eoffice import services

    in_region(region)
    values = {
        "addressed_to": position(to),
        "sender": "Kementerian Uji",
        "number": f"005/{secrets.randbelow(999)}/UJI/2026",
        "letter_date": timezone.localdate(),
        "subject": subject,
        "classification": classification(),
        "confidentiality": secrecy,
        "scan": pdf(subject),
        **overrides,
    }
    return services.register_incoming(head(region), **values)


def instruction(text: str = "Untuk ditindaklanjuti"):
    from modules.eoffice.models import Instruction

    return Instruction.objects.get(text=text)


def dispose(region, letter, sender, from_code, to_codes, *, parent=None, days=3):
    from modules.eoffice import services

    in_region(region)
    return services.dispose(
        sender,
        letter,
        from_position=position(from_code),
        to_positions=[position(code) for code in to_codes],
        instruction=instruction(),
        note="Mohon ditindaklanjuti.",
        due_at=timezone.now() + timedelta(days=days),
        parent=parent,
    )


@pytest.fixture
def signing_seam(monkeypatch):
    """The real signing service; only the re-authentication is waved through."""
    from modules.eoffice import signing

    monkeypatch.setattr(signing, "reauthenticate", lambda user, **kw: True)
    return signing
