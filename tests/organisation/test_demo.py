"""Demo directory: present in every demo region, and loading it again changes nothing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from organisation import api
from organisation.models import Area, Assignment, Position, Unit

pytestmark = pytest.mark.django_db


def test_demo_directory_has_the_laksa_opds_and_loading_again_changes_nothing(balikpapan):
    connection.set_tenant(balikpapan)
    counts = [m.objects.count() for m in (Unit, Position, Assignment, Area)]

    apps.get_app_config("organisation").load_demo_data(balikpapan)

    assert [m.objects.count() for m in (Unit, Position, Assignment, Area)] == counts
    for code in ("DISHUB", "PUPR", "DLH", "INSPEKTORAT", "DISKOMINFO", "DISNAKER"):
        unit = Unit.objects.get(code=code)
        assert api.head_position(unit) is not None
    kecamatan = Unit.objects.filter(kind=Unit.Kind.KECAMATAN)
    assert sorted(u.name for u in kecamatan) == [
        "Kecamatan Balikpapan Kota",
        "Kecamatan Balikpapan Selatan",
    ]
    for office in kecamatan:
        assert api.units_under(office).filter(kind=Unit.Kind.KELURAHAN).count() == 2
