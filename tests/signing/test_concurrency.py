"""Two workers making the region's CA at the same moment still make one."""

from __future__ import annotations

import threading

from django.db import connection, connections
from django_tenants.utils import schema_context
from signing import api
from signing.models import CertificateAuthority

from tenants.models import Region


def test_concurrent_ensure_region_ca_makes_one_ca(committed_db):
    region = Region.objects.get(slug="tangsel")
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def make() -> None:
        try:
            connection.set_tenant(region)
            barrier.wait()
            api.ensure_region_ca()
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        with schema_context(region.schema_name):
            count = CertificateAuthority.objects.count()
    finally:
        with schema_context(region.schema_name):
            CertificateAuthority.objects.all().delete()

    assert errors == []
    assert count == 1
