"""e-Office feeds the partnership: a letter signed through the real signing service ticks
the programme's "first letter signed" step, and the dashboard's letters-signed figure
equals the count taken straight from each region's own letters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from partnership import programme, selectors, snapshot
from partnership.models import ProgrammeStep
from tenants.models import Region
from tests.harness.fixtures import sign_in_staff
from tests.modules.eoffice.conftest import HEAD, classification, head, in_region, position

pytestmark = pytest.mark.django_db


def sign_a_letter(region, monkeypatch):
    from modules.eoffice import services, signing
    from modules.eoffice.models import Letter

    in_region(region)
    signing.ensure_region_ca()
    monkeypatch.setattr(signing, "reauthenticate", lambda user, **kw: True)
    letter = Letter.objects.create(
        kind="keluar",
        status="siap_tte",
        subject="Surat bertanda tangan uji",
        body="Isi uji.",
        classification=classification("500.1"),
        origin_position=position(HEAD),
        signatory_position=position(HEAD),
    )
    services.sign_letter(head(region), letter, pin="123456")
    connection.set_schema_to_public()


def signed_directly() -> int:
    from modules import gate
    from modules.eoffice.models import Letter

    since = timezone.now() - timedelta(days=30)
    total = 0
    for region in Region.objects.filter(status__in=Region.LIVE_STATUSES):
        with schema_context(region.schema_name):
            if gate.is_enabled("eoffice", region.schema_name):
                total += Letter.objects.filter(
                    status="ditandatangani", signed_at__gte=since
                ).count()
    return total


def test_a_signed_letter_ticks_the_step_and_counts_on_the_dashboard(
    tangsel, balikpapan, site_client, monkeypatch
):
    connection.set_schema_to_public()
    ProgrammeStep.objects.filter(step="first_letter_signed").delete()
    assert "first_letter_signed" not in programme.tick_automatic(tangsel)

    sign_a_letter(tangsel, monkeypatch)
    snapshot.take_snapshot()

    ticked = set(ProgrammeStep.objects.filter(region=tangsel).values_list("step", flat=True))
    assert "first_letter_signed" in ticked
    assert not ProgrammeStep.objects.filter(region=balikpapan, step="first_letter_signed").exists()

    expected = signed_directly()
    assert expected >= 1
    pooled = {(p.module, p.key): p for p in selectors.pooled(timezone.localdate())}
    assert pooled["eoffice", "signed_30_days"].shown == expected

    client = site_client(None)
    sign_in_staff(client, None, "koordinator@sinergi.test")
    page = client.get("/admin/kemitraan/adopsi/").text
    assert f'data-statistic="eoffice.signed_30_days">{expected} naskah' in page


def test_the_disposition_median_pools_from_durations(tangsel):
    from modules.eoffice.manifest import MANIFEST

    measure = next(m for m in MANIFEST.statistics if m.key == "median_disposition_hours")
    connection.set_tenant(tangsel)
    assert snapshot.figure_of(measure).kind == "durations"
