"""Rules for a region's subdomain (its slug, which also names its schema)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
RESERVED_SLUGS = frozenset(
    {
        "www",
        "admin",
        "api",
        "mail",
        "smtp",
        "static",
        "media",
        "platform",
        "public",
        "sinergi",
        "app",
        "apps",
        "status",
        "help",
        "docs",
        "support",
        "ftp",
        "test",
        "localhost",
        "region-template",
        "pg",
        "information-schema",
    }
)
# Schema names the platform uses itself: the warm pool (pool_<n>) and the template's build.
RESERVED_PREFIXES = ("pg-", "pool-", "region-template")


def validate_slug(slug: str) -> None:
    if not SLUG_PATTERN.match(slug or ""):
        raise ValidationError(
            _(
                "Subdomain harus 3–40 karakter: huruf kecil, angka dan tanda hubung, "
                "diawali huruf dan tidak diakhiri tanda hubung."
            ),
            code="invalid",
        )
    if "--" in slug:
        raise ValidationError(_("Subdomain tidak boleh memuat dua tanda hubung berturut-turut."))
    if slug in RESERVED_SLUGS or slug.startswith(RESERVED_PREFIXES):
        raise ValidationError(
            _("Subdomain “%(slug)s” dicadangkan.") % {"slug": slug}, code="reserved"
        )


def schema_name_for(slug: str) -> str:
    return slug.replace("-", "_")
