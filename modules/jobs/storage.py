"""Where Siap Kerja keeps files that only some people may read (companies' documents).

The region's public media folder (MEDIA_ROOT/<schema>/) is served as it is at
/media/<schema>/; these files are not: they live in the region's own folder under a
private root (setting PRIVATE_MEDIA_ROOT, else `private-media` beside MEDIA_ROOT) and are
read only through the module's checked views."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django_tenants.files.storage import TenantFileSystemStorage


def private_root() -> str:
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    return str(configured or Path(settings.MEDIA_ROOT).parent / "private-media")


class PrivateRegionStorage(TenantFileSystemStorage):
    """The current region's private folder: `<private root>/<schema>/`."""

    @property  # read each time: tests point the root at a folder of their own
    def relative_media_root(self):
        return os.path.join(private_root(), "%s")

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a checked view.")


def private_storage() -> PrivateRegionStorage:
    return PrivateRegionStorage()
