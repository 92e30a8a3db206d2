"""Files only some people may read: companies' documents, proofs of transfer, attachments.

A region's public media (MEDIA_ROOT/<schema>/, or <MEDIA_S3_PREFIX>/<schema>/ in the bucket)
has URLs; private files never do. They live in a root of their own, each region in its own
folder, and reach a reader only through a view that has checked the reader first and then
calls `stream_private_file`:

- on disk: `<PRIVATE_MEDIA_ROOT>/<schema>/<name>` (default: `private-media` beside
  MEDIA_ROOT), a folder no URL pattern serves;
- with MEDIA_S3_BUCKET: `<MEDIA_S3_PRIVATE_PREFIX>/<schema>/<name>` (default prefix
  `private`) in MEDIA_S3_PRIVATE_BUCKET, else in the media bucket; objects get no ACL.

The schema is read from the connection on every call, as RegionMediaStorage does, so one
process serving several regions never mixes their files, and a name climbing out of the
region's folder ("../other/x") is refused (SuspiciousOperation).

`private_storage()` is what a model's FileField takes (`storage=private_storage`); it is
settings-driven (STORAGES["private"], see settings/base.py) and follows a test's
`settings.STORAGES` override."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject, empty
from django_tenants.files.storage import TenantFileSystemStorage
from django_tenants.utils import schema_context

from config.storage import RegionMediaStorage

ALIAS = "private"


def private_root() -> str:
    """The folder holding every region's private folder; never inside a served root."""
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    root = Path(configured or Path(settings.MEDIA_ROOT).parent / "private-media").resolve()
    for served in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        served = Path(served).resolve()
        if root == served or served in root.parents:
            raise ImproperlyConfigured(
                f"PRIVATE_MEDIA_ROOT ({root}) must not lie inside {served}, which is served."
            )
    return str(root)


class NoUrlMixin:
    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no URL; stream them from a checked view.")


class PrivateFileSystemStorage(NoUrlMixin, TenantFileSystemStorage):
    """The current region's private folder on disk: `<private root>/<schema>/`."""

    @property  # read each time: tests point the root at a folder of their own
    def relative_media_root(self):
        return os.path.join(private_root(), "%s")


class PrivateS3Storage(NoUrlMixin, RegionMediaStorage):
    """The current region's private prefix in the bucket: `<private prefix>/<schema>/`."""


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages[ALIAS]


_private = _PrivateStorage()


@receiver(setting_changed)
def _forget_backend(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage():
    """The private storage (a FileField's `storage=`; call `.save/.open/.delete` on it)."""
    return _private


def stream_private_file(
    request, name: str, filename: str, content_type: str, *, schema=None, as_attachment=True
) -> FileResponse:
    """A private file as the answer to `request`, which the caller has already checked.

    `schema`: the region whose folder holds the file, when it is not the current one (the
    operator reading a region's proof of transfer from the platform host). Http404 when
    the file is missing."""
    with schema_context(schema or connection.schema_name):
        try:
            handle = _private.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def move_from_public_media(schema: str, name: str) -> bool:
    """Move a file saved by older code in the region's public media to its private folder,
    under the same name. Idempotent: True only when something was moved."""
    from django.core.files.storage import default_storage

    with schema_context(schema):
        if not name or not default_storage.exists(name):
            return False
        if not _private.exists(name):
            with default_storage.open(name, "rb") as handle:
                _private._save(name, handle)
        default_storage.delete(name)
    return True
