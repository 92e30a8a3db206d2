"""Bringing a region live, and the other writes to regions.

Provisioning runs as a list of named steps. Schema DDL cannot run inside an atomic block
(creating tables there fails with "pending trigger events"), so each step commits as it
goes, and a failure at any step is undone by `_undo`: the schema is dropped, the domains
are deleted, and the Region is kept, marked failed with the reason, so it can be retried.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from audit import api as audit
from tenants import template
from tenants.models import Domain, Region
from tenants.provinces import PROVINCES
from tenants.validation import schema_name_for, validate_slug

log = logging.getLogger(__name__)


class ProvisioningError(Exception):
    """Provisioning failed; nothing of the region was left behind but its failed record."""


@dataclass
class RegionRequest:
    slug: str
    name: str
    kind: str
    province: str
    timezone: str
    admin_email: str
    admin_password: str | None = None
    modules: Sequence[str] = ()
    is_lead_city: bool = False
    # Filled in by the steps.
    admin_password_set: str = field(default="", init=False)


def provision_region(request: RegionRequest) -> Region:
    """Clone the template into a new region schema and make it a working site."""
    _validate(request)
    region = _claim_region(request)
    try:
        for step in STEPS:
            log.info(
                "provisioning step", extra={"region": region.schema_name, "step": step.__name__}
            )
            step(region, request)
    except Exception as exc:
        _undo(region, exc)
        raise ProvisioningError(str(exc)) from exc
    return region


def _validate(request: RegionRequest) -> None:
    validate_slug(request.slug)
    errors = {}
    if request.kind not in Region.Kind.values:
        errors["kind"] = _("Jenis daerah tidak dikenal: %(kind)s.") % {"kind": request.kind}
    if request.province not in PROVINCES:
        errors["province"] = _("Provinsi tidak dikenal: %(province)s.") % {
            "province": request.province
        }
    if request.timezone not in Region.TimeZone.values:
        errors["timezone"] = _("Zona waktu harus WIB, WITA atau WIT.")
    if not request.name.strip():
        errors["name"] = _("Nama daerah wajib diisi.")
    if request.modules:
        errors["modules"] = _("Modul belum tersedia: %(modules)s.") % {
            "modules": ", ".join(request.modules)
        }
    if errors:
        raise ValidationError(errors)


def _claim_region(request: RegionRequest) -> Region:
    """Create the Region row, or take back a failed attempt at the same slug."""
    connection.set_schema_to_public()
    existing = Region.objects.filter(slug=request.slug).first()
    if existing is not None and existing.status != Region.Status.FAILED:
        raise ValidationError(
            {"slug": _("Subdomain “%(slug)s” sudah dipakai.") % {"slug": request.slug}}
        )
    region = existing or Region(slug=request.slug, schema_name=schema_name_for(request.slug))
    region.name = request.name.strip()
    region.kind = request.kind
    region.province = request.province
    region.timezone = request.timezone
    region.is_lead_city = request.is_lead_city
    region.status = Region.Status.PROVISIONING
    region.failure_reason = ""
    region.save()
    return region


def clone_schema(region: Region, request: RegionRequest) -> None:
    status = template.template_status()
    if status != "current":
        raise ProvisioningError(
            _("Templat skema daerah %(status)s; jalankan refresh_region_template.")
            % {"status": status}
        )
    region.create_schema(check_if_exists=False, verbosity=0)


def create_site(region: Region, request: RegionRequest) -> None:
    from pages.services import create_region_site

    with schema_context(region.schema_name):
        create_region_site(region, primary_hostname(region))


def create_admin(region: Region, request: RegionRequest) -> None:
    from accounts.models import User
    from accounts.roles import REGION_ROLES, install_roles
    from accounts.services import use_region_time_zone

    password = request.admin_password or secrets.token_urlsafe(12)
    with schema_context(region.schema_name):
        admin = User.objects.create_superuser(
            email=request.admin_email, password=password, email_verified_at=timezone.now()
        )
        admin.groups.set(install_roles(REGION_ROLES))
        use_region_time_zone(admin)
    request.admin_password_set = password


def create_domain(region: Region, request: RegionRequest) -> None:
    Domain.objects.create(domain=primary_hostname(region), tenant=region, is_primary=True)


def go_live(region: Region, request: RegionRequest) -> None:
    with transaction.atomic():
        region.status = Region.Status.ACTIVE
        region.activated_at = timezone.now()
        region.save(update_fields=["status", "activated_at"])
        audit.record("tenants.provision", obj=region, details={"slug": region.slug})


STEPS: list[Callable[[Region, RegionRequest], None]] = [
    clone_schema,
    create_site,
    create_admin,
    create_domain,
    go_live,
]


def primary_hostname(region: Region) -> str:
    return f"{region.slug}.{settings.PLATFORM_DOMAIN}"


def _undo(region: Region, exc: Exception) -> None:
    log.exception("provisioning failed", extra={"region": region.schema_name})
    connection.set_schema_to_public()
    if schema_exists(region.schema_name):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{region.schema_name}" CASCADE')
    Domain.objects.filter(tenant=region).delete()
    region.status = Region.Status.FAILED
    region.failure_reason = str(exc) or exc.__class__.__name__
    region.activated_at = None
    region.save(update_fields=["status", "failure_reason", "activated_at"])


def set_status(region: Region, status: str, *, actor=None, request=None) -> Region:
    """Suspend, resume or archive a region (the operator console builds on this)."""
    if status not in Region.Status.values:
        raise ValidationError(_("Status tidak dikenal: %(status)s.") % {"status": status})
    connection.set_schema_to_public()
    previous = region.status
    with transaction.atomic():
        region.status = status
        region.save(update_fields=["status"])
        audit.record(
            "tenants.set_status",
            actor=actor,
            obj=region,
            request=request,
            details={"from": previous, "to": status},
        )
    return region
