"""Provisioning: a region goes live from the template, or leaves nothing behind."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from tenants import services, template
from tenants.models import Domain, Region
from tenants.services import ProvisioningError, RegionRequest, provision_region

pytestmark = pytest.mark.fresh_region


def _request(slug="pandeglang", **overrides) -> RegionRequest:
    values = {
        "slug": slug,
        "name": "Kabupaten Pandeglang",
        "kind": Region.Kind.KABUPATEN,
        "province": "Banten",
        "timezone": Region.TimeZone.WIB,
        "admin_email": "admin@pandeglang.test",
        "admin_password": "rahasia-sekali-2026",
    }
    values.update(overrides)
    return RegionRequest(**values)


def test_provisioned_region_is_live_with_site_domain_and_admin(committed_db):
    region = provision_region(_request())

    region.refresh_from_db()
    assert region.status == Region.Status.ACTIVE
    assert region.activated_at is not None
    assert schema_exists("pandeglang")
    assert Domain.objects.get(tenant=region).domain == "pandeglang.localhost"
    home = Client(HTTP_HOST="pandeglang.localhost").get("/")
    assert home.status_code == 200
    assert "<h1>Kabupaten Pandeglang</h1>" in home.text
    with schema_context("pandeglang"):
        from accounts.models import User

        admin = User.objects.get(email="admin@pandeglang.test")
        assert admin.check_password("rahasia-sekali-2026")
        assert admin.is_superuser
    # The template itself stays empty: the new region's data went to its own schema only.
    with schema_context(template.TEMPLATE_SCHEMA):
        from accounts.models import User

        assert not User.objects.exists()


@pytest.mark.parametrize("failing_step", [step.__name__ for step in services.STEPS])
def test_failure_at_any_step_leaves_nothing_behind_and_can_be_retried(
    committed_db, monkeypatch, failing_step
):
    def broken(region, request):
        raise RuntimeError(f"disk penuh saat {failing_step}")

    steps = [broken if s.__name__ == failing_step else s for s in services.STEPS]
    monkeypatch.setattr(services, "STEPS", steps)

    with pytest.raises(ProvisioningError, match="disk penuh"):
        provision_region(_request())

    connection.set_schema_to_public()
    region = Region.objects.get(slug="pandeglang")
    assert region.status == Region.Status.FAILED
    assert region.failure_reason == f"disk penuh saat {failing_step}"
    assert not schema_exists("pandeglang")
    assert not Domain.objects.filter(domain="pandeglang.localhost").exists()
    assert Client(HTTP_HOST="pandeglang.localhost").get("/").status_code == 404

    monkeypatch.undo()
    retried = provision_region(_request())
    assert retried.pk == region.pk
    assert Region.objects.get(pk=region.pk).status == Region.Status.ACTIVE


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("tangsel", "sudah dipakai"),
        ("www", "dicadangkan"),
        ("admin", "dicadangkan"),
        ("Bad_Slug", "huruf kecil"),
        ("a", "huruf kecil"),
        ("ends-", "huruf kecil"),
        ("x" * 41, "huruf kecil"),
    ],
)
def test_bad_subdomains_are_refused_and_nothing_is_created(committed_db, slug, message):
    before = Region.objects.count()

    with pytest.raises(ValidationError, match=message):
        provision_region(_request(slug=slug))

    assert Region.objects.count() == before


def test_unknown_province_is_refused_with_a_message(committed_db):
    with pytest.raises(ValidationError, match="Provinsi tidak dikenal"):
        provision_region(_request(province="Atlantis"))

    assert not Region.objects.filter(slug="pandeglang").exists()


def test_there_are_38_provinces_each_in_an_indonesian_time_zone():
    from tenants.provinces import PROVINCES

    assert len(PROVINCES) == 38
    assert set(PROVINCES.values()) == set(Region.TimeZone.values)


def test_provisioning_refuses_a_stale_template_with_a_clear_reason(committed_db):
    with connection.cursor() as cursor:
        cursor.execute("COMMENT ON SCHEMA region_template IS 'sinergi-template:old'")
    try:
        with pytest.raises(ProvisioningError, match="refresh_region_template"):
            provision_region(_request())
        assert not schema_exists("pandeglang")
    finally:
        template.refresh_template()
    assert template.template_status() == "current"


def test_command_brings_a_region_live_and_prints_where(committed_db, capsys):
    call_command(
        "provision_region",
        "--slug=pandeglang",
        "--name=Kabupaten Pandeglang",
        "--kind=kabupaten",
        "--province=Banten",
        "--admin-email=admin@pandeglang.test",
    )

    out = capsys.readouterr().out
    assert "http://pandeglang.localhost/" in out
    assert "admin@pandeglang.test / " in out
    assert Region.objects.get(slug="pandeglang").status == Region.Status.ACTIVE
