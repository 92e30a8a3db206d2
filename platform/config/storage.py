"""Uploaded files on S3-compatible object storage, every region under its own prefix.

The key of a region's file is `<MEDIA_S3_PREFIX>/<schema>/<name>`, built from the schema of
the current connection exactly as the local TenantFileSystemStorage builds its folder
(MULTITENANT_RELATIVE_MEDIA_ROOT). The prefix is computed on every call, never cached, so a
process that serves several regions never writes one region's file under another's prefix,
and a name climbing out of it ("../other/x") is refused by the storage's safe_join.

The bucket stays private: objects get no ACL and every URL is a signed, expiring one.
"""

from __future__ import annotations

from django.conf import settings
from django_tenants.utils import parse_tenant_config_path
from storages.backends.s3 import S3Storage


class RegionMediaStorage(S3Storage):
    default_acl = None  # private: the bucket's own policy, which denies anonymous reads
    querystring_auth = True  # every URL signed
    file_overwrite = False  # two uploads named alike keep both files

    def get_default_settings(self):
        defaults = super().get_default_settings()
        # `location` is computed per request below; the fixed part is `location_root`.
        defaults["location_root"] = defaults.pop("location")
        return defaults

    @property
    def location(self) -> str:
        relative = getattr(settings, "MULTITENANT_RELATIVE_MEDIA_ROOT", "%s")
        root = "/".join(part.strip("/") for part in (self.location_root, relative) if part)
        return parse_tenant_config_path(root)
