"""The warm pool: ready schemas make a new region's schema a rename; they are refilled in
the background and drained when the template changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, override_settings
from django_q.conf import Conf
from django_q.models import OrmQ
from django_tenants.utils import schema_context, schema_exists

from tenants import pool, services, template
from tenants.models import ProvisioningJob, Region
from tenants.services import RegionRequest, provision_region

pytestmark = pytest.mark.fresh_region


@pytest.fixture
def empty_pool(committed_db, django_db_setup, monkeypatch):
    """No pool schema before or after; tasks go to a queue nobody works on."""
    monkeypatch.setattr(Conf, "CLUSTER_NAME", f"pool-{django_db_setup}")
    pool.drain_all()
    yield
    connection.set_schema_to_public()
    pool.drain_all()


def _request(slug="serang") -> RegionRequest:
    return RegionRequest(
        slug=slug,
        name="Kabupaten Serang",
        kind="kabupaten",
        province="Banten",
        timezone="Asia/Jakarta",
        admin_email=f"admin@{slug}.test",
        admin_password="Serang-Rahasia-2026",
    )


def _queued_refills() -> int:
    return sum(
        1
        for item in OrmQ.objects.filter(key=Conf.CLUSTER_NAME)
        if tuple(item.task["args"][1:2]) == (pool.REFILL_TASK,)
    )


def test_refill_clones_ready_schemas_labelled_with_the_template_and_is_idempotent(empty_pool):
    assert pool.refill(2) == 2
    assert pool.refill(2) == 0

    schemas = pool.pool_schemas()
    assert len(schemas) == 2
    assert set(schemas.values()) == {template.migrations_fingerprint()}
    assert pool.health() == {"ready": 2, "stale": 0, "size": 0}
    with schema_context(next(iter(schemas))):
        from accounts.models import User

        assert not User.objects.exists()  # as empty as the template


@override_settings(REGION_POOL_SIZE=2)
def test_a_new_region_takes_a_ready_schema_by_rename_and_a_refill_is_queued(empty_pool):
    pool.refill()
    before = set(pool.pool_schemas())

    region = provision_region(_request())

    left = set(pool.pool_schemas())
    assert len(left) == 1 and left < before
    assert ProvisioningJob.objects.get(region=region).from_pool
    assert Region.objects.get(pk=region.pk).status == Region.Status.ACTIVE
    assert "<h1>Kabupaten Serang</h1>" in Client(HTTP_HOST="serang.localhost").get("/").text
    with schema_context("serang"):
        from accounts.models import User

        assert User.objects.get().check_password("Serang-Rahasia-2026")
        # Sequences survived the rename: new rows still get ids.
        extra = User.objects.create_user(email="staf@serang.test")
        assert extra.pk > 1
    assert _queued_refills() == 1
    assert pool.refill() == 1


def test_without_a_ready_schema_the_template_is_cloned(empty_pool):
    region = provision_region(_request())

    assert not ProvisioningJob.objects.get(region=region).from_pool
    assert schema_exists("serang")
    assert _queued_refills() == 0


def test_a_template_refresh_drains_stale_pool_schemas_and_the_refill_uses_the_new_one(
    empty_pool, monkeypatch
):
    pool.refill(2)
    old = set(pool.pool_schemas())
    monkeypatch.setattr(template, "migrations_fingerprint", lambda: "migrasi-baru")

    assert not pool.claim("serang")  # stale before any refresh: never handed out
    try:
        template.refresh_template()
        assert pool.pool_schemas() == {}
        assert not any(schema_exists(name) for name in old)
        assert pool.refill(1) == 1
        assert set(pool.pool_schemas().values()) == {"migrasi-baru"}
    finally:
        monkeypatch.undo()
        pool.drain_all()
        # Built from the same migrations as before: only its label was the test's.
        with connection.cursor() as cursor:
            cursor.execute(
                "COMMENT ON SCHEMA region_template IS %s",
                ["sinergi-template:" + template.migrations_fingerprint()],
            )
    assert template.template_status() == "current"


def test_a_failure_after_a_pool_claim_drops_the_claimed_schema(empty_pool, monkeypatch):
    pool.refill(1)

    def broken(region, request):
        raise RuntimeError("situs gagal")

    broken.__name__ = "create_site"
    monkeypatch.setattr(
        services, "STEPS", [broken if s.__name__ == "create_site" else s for s in services.STEPS]
    )
    with pytest.raises(services.ProvisioningError):
        provision_region(_request())

    assert not schema_exists("serang")
    assert pool.pool_schemas() == {}
