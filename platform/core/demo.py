"""Demo data for `make run`: the lead city, two partners and a platform operator.

Idempotent: running it again changes nothing. Apps add their own demo data by giving their
AppConfig a `load_demo_data(region)` method; it runs inside each demo region's schema.
Data of the public schema that needs every region and module in place first (the
partnership console) comes from a `load_platform_demo_data(regions)` method, run last.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tenants.utils import schema_context

from tenants.models import Region
from tenants.services import RegionRequest, primary_hostname, provision_region

OPERATOR_EMAIL = "operator@sinergi.test"
# Platform staff of the lead city, each with their role (see accounts.roles).
PLATFORM_STAFF = (
    (OPERATOR_EMAIL, "Operator", "Sinergi", "Operator Platform"),
    ("koordinator@sinergi.test", "Rina", "Koordinator", "Koordinator Kemitraan"),
    ("mentor@sinergi.test", "Budi", "Mentor", "Mentor"),
)


@dataclass(frozen=True)
class DemoRegion:
    slug: str
    name: str
    province: str
    timezone: str
    is_lead_city: bool = False

    @property
    def admin_email(self) -> str:
        return f"admin@{self.slug}.test"


DEMO_REGIONS = (
    DemoRegion("tangerang", "Kota Tangerang", "Banten", Region.TimeZone.WIB, is_lead_city=True),
    DemoRegion("tangsel", "Kota Tangerang Selatan", "Banten", Region.TimeZone.WIB),
    DemoRegion("balikpapan", "Kota Balikpapan", "Kalimantan Timur", Region.TimeZone.WITA),
)


def load_demo(stdout=None) -> list[Region]:
    from accounts.models import User
    from pages.services import ensure_platform_site

    password = settings.SINERGI_DEMO_PASSWORD
    ensure_platform_site()
    for email, first, last, role in PLATFORM_STAFF:
        if not User.objects.filter(email=email).exists():
            person = User.objects.create_user(
                email=email,
                password=password,
                first_name=first,
                last_name=last,
                is_staff=True,
                is_superuser=email == OPERATOR_EMAIL,
                email_verified_at=timezone.now(),
            )
            person.groups.set(Group.objects.filter(name=role))
    regions = [_ensure_region(demo, password, stdout) for demo in DEMO_REGIONS]
    for region in regions:
        _load_region_demo(region)
    for config in apps.get_app_configs():
        loader = getattr(config, "load_platform_demo_data", None)
        if loader is not None:
            loader(regions)
    return regions


def _load_region_demo(region: Region) -> None:
    """Core apps' demo data, then every module's: switched on, with its own demo data."""
    from modules import gate, registry
    from modules.services import enable_module

    with schema_context(region.schema_name):
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo_data", None)
            if loader is not None:
                loader(region)
    for manifest in registry.in_dependency_order():
        if not gate.is_enabled(manifest.key, region.schema_name):
            enable_module(region, manifest.key)
        if manifest.demo_data:
            with schema_context(region.schema_name):
                import_string(manifest.demo_data)(region)


def _ensure_region(demo: DemoRegion, password: str, stdout) -> Region:
    existing = Region.objects.filter(slug=demo.slug, status=Region.Status.ACTIVE).first()
    if existing is not None:
        return existing
    region = provision_region(
        RegionRequest(
            slug=demo.slug,
            name=demo.name,
            kind=Region.Kind.KOTA,
            province=demo.province,
            timezone=demo.timezone,
            admin_email=demo.admin_email,
            admin_password=password,
            is_lead_city=demo.is_lead_city,
        )
    )
    if stdout is not None:
        stdout.write(f"  provisioned {region.name} at {primary_hostname(region)}\n")
    return region
