"""Proofs of transfer: private files in the region's own private folder
(core.private_files), with no URL: the views stream them to the operator and to the
region's own admins only."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from core.private_files import private_storage, stream_private_file

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
        return private_storage().save(f"billing/bukti/{uuid.uuid4().hex}{suffix}", uploaded)


def stream(request, payment):
    """The payment's proof, read from its region's private folder (the caller has checked)."""
    suffix = PurePosixPath(payment.proof).suffix
    return stream_private_file(
        request,
        payment.proof,
        f"bukti-transfer-{payment.pk}{suffix}",
        ALLOWED.get(suffix, "application/octet-stream"),
        schema=payment.invoice.region.schema_name,
        as_attachment=False,
    )


def path_of(payment) -> str:
    """Where the proof lies on disk (local storage only)."""
    with schema_context(payment.invoice.region.schema_name):
        return private_storage().path(payment.proof)
