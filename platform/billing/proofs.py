"""Proofs of transfer: files kept under the region's own media folder (the storage puts
the schema name first), never served from a public URL: the views stream them to the
operator and to the region's own admins only."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

ALLOWED = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
MAX_BYTES = 5 * 1024 * 1024


def save(region, uploaded) -> str:
    suffix = PurePosixPath(uploaded.name or "").suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(_("Bukti transfer harus berkas PDF, JPG atau PNG."))
    if uploaded.size > MAX_BYTES:
        raise ValidationError(_("Bukti transfer paling besar 5 MB."))
    with schema_context(region.schema_name):
        return default_storage.save(f"billing/bukti/{uuid.uuid4().hex}{suffix}", uploaded)


def open_proof(payment):
    """(file, content type) of a payment's proof, read from its region's folder."""
    with schema_context(payment.invoice.region.schema_name):
        handle = default_storage.open(payment.proof, "rb")
    return handle, ALLOWED.get(PurePosixPath(payment.proof).suffix, "application/octet-stream")


def path_of(payment) -> str:
    with schema_context(payment.invoice.region.schema_name):
        return default_storage.path(payment.proof)
