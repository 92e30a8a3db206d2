"""Helpers of LAKSA's tests: reports, officers and photos in the demo regions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from tests.harness.fixtures import sign_in_staff

RESIDENT = "/laksa/"
ADMIN = "/admin/laksa/"
REPORTER_NAME = "Rahmat Hidayat"
REPORTER_EMAIL = "rahmat.hidayat@example.test"


def in_region(region):
    connection.set_tenant(region)
    return region


def category(code: str):
    from modules.laksa.models import Category

    return Category.objects.get(code=code)


def file_report(region, code: str = "jalan-rusak", **overrides):
    """A report filed through the service, in `region` (left as the current schema)."""
    from modules.laksa import services

    in_region(region)
    values = {
        "kind": "pengaduan",
        "category": category(code),
        "title": "Jalan berlubang di Jl. Uji",
        "description": "Lubang sedalam 20 cm di lajur kiri.",
        "privacy": "publik",
        "address": "Jl. Uji No. 5",
        "reporter_name": REPORTER_NAME,
        "reporter_email": REPORTER_EMAIL,
        **overrides,
    }
    return services.submit_report(**values)


def admin_of(region):
    from accounts.models import User

    in_region(region)
    return User.objects.get(email=f"admin@{region.slug}.test")


def make_staff(region, email: str, *, role: str, position_code: str | None = None):
    """A staff member with one of LAKSA's roles, optionally holding a position (definitif)."""
    from accounts.models import User
    from organisation import services as organisation
    from organisation.models import Position

    in_region(region)
    user = User.objects.create_user(
        email, "Laksa-Uji-2026", first_name="Petugas", last_name=role, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    if position_code:
        organisation.assign(
            actor=None,
            user=user,
            position=Position.objects.get(code=position_code),
            kind="definitif",
            starts_at=date(2025, 1, 2),
        )
    return user


@pytest.fixture
def staff_client(site_client):
    """`staff_client(region, email, role=..., position_code=...)`: a signed-in staff client."""

    def make(region, email: str, **kwargs):
        user = make_staff(region, email, **kwargs)
        client = site_client(region)
        sign_in_staff(client, region, user.email)
        return client, user

    return make


def jpeg_with_gps(size=(2400, 1800)) -> bytes:
    """A JPEG as a phone makes it: GPS position, camera make and model in its EXIF."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "UjiPhone"  # Make
    exif[0x0110] = "Model Rahasia 12"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (6.0, 17.0, 19.0)
    gps[3] = "E"
    gps[4] = (106.0, 43.0, 4.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def upload(data: bytes | None = None, name: str = "IMG_20261122_rumah_saya.jpg"):
    return SimpleUploadedFile(name, data or jpeg_with_gps(), content_type="image/jpeg")
