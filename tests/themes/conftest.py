"""Helpers of the themes suite: a throwaway media folder, images to upload, form data."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from themes.forms import BrandingForm
from themes.models import Branding

EDIT = "/admin/tampilan/"
PREVIEW = "/admin/tampilan/pratinjau/"


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a folder of this test. django-tenants' storage keeps the MEDIA_ROOT it
    first saw (its setting_changed handler misses MEDIA_ROOT), so it is told to forget."""
    settings.MEDIA_ROOT = str(tmp_path)
    _forget_media_root()
    yield tmp_path
    _forget_media_root()


def _forget_media_root():
    default_storage._setup()
    default_storage._wrapped.__dict__.pop("relative_media_root", None)


def png(name="logo.png", size=(900, 300), colour=(11, 79, 138)) -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def branding_of(region) -> Branding:
    connection.set_tenant(region)
    branding = Branding.objects.get()
    connection.set_schema_to_public()
    return branding


def form_data(branding: Branding, **changes) -> dict:
    """What the admin form posts for `branding` as saved, with `changes` typed over it."""
    data = {name: getattr(branding, name) for name in BrandingForm.Meta.fields}
    for name in ("logo", "favicon", "hero_image"):
        data.pop(name)
    data.update(changes)
    return data
