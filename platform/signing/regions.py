"""Where signing may happen: a claimed region's schema, never public, template or pool."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from signing.types import SigningUnavailable


def current_region():
    """The Region whose schema we are in; SigningUnavailable in any other schema."""
    from tenants.models import Region
    from tenants.pool import PREFIX as POOL_PREFIX

    schema = connection.schema_name
    template = settings.TENANT_BASE_SCHEMA
    if (
        schema == settings.PUBLIC_SCHEMA_NAME
        or schema == template
        or schema.startswith(f"{template}_")  # the template being rebuilt
        or schema.startswith(POOL_PREFIX)  # a warm-pool schema nobody has claimed
    ):
        raise SigningUnavailable(_("Tanda tangan elektronik hanya tersedia di dalam daerah."))
    region = Region.objects.filter(schema_name=schema).first()
    if region is None:
        raise SigningUnavailable(_("Tanda tangan elektronik hanya tersedia di dalam daerah."))
    return region


def public_base_url(region) -> str:
    from tenants.services import primary_hostname

    scheme = "https" if settings.SESSION_COOKIE_SECURE else "http"
    return f"{scheme}://{primary_hostname(region)}"
