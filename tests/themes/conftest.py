"""Helpers of the themes suite: a throwaway media folder, images to upload, form data."""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from themes.forms import BrandingForm
from themes.models import Branding

EDIT = "/admin/tampilan/"
PREVIEW = "/admin/tampilan/pratinjau/"


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
