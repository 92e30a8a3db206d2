"""The console's demo data: the partners have their mentor, a ticked step or two, one
answered question, an announcement and a snapshot; loading it again changes nothing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from audit.models import AuditEntry
from notifications.models import Message
from partnership.models import (
    AdoptionFigure,
    Announcement,
    ProgrammeStep,
    RegionMentoring,
    SupportMessage,
    SupportThread,
)
from tests.harness.fixtures import sign_in_staff

pytestmark = pytest.mark.django_db
MODELS = (
    AdoptionFigure,
    Announcement,
    ProgrammeStep,
    RegionMentoring,
    SupportThread,
    SupportMessage,
)


def load(*regions) -> dict:
    connection.set_schema_to_public()
    apps.get_app_config("partnership").load_platform_demo_data(list(regions))
    connection.set_schema_to_public()
    counted = {model: model.objects.count() for model in MODELS}
    counted[AuditEntry] = AuditEntry.objects.count()
    counted[Message] = Message.objects.count()
    return counted


def test_the_demo_console_has_something_in_it_and_loads_once(
    tangerang, tangsel, balikpapan, site_client
):
    messages_before = Message.objects.count()
    first = load(tangerang, tangsel, balikpapan)
    assert load(tangerang, tangsel, balikpapan) == first

    mentors = dict(RegionMentoring.objects.values_list("region__slug", "mentor__email"))
    assert mentors == {"tangsel": "mentor@sinergi.test", "balikpapan": "mentor@sinergi.test"}
    thread = SupportThread.objects.get()
    assert (thread.region, thread.status) == (tangsel, SupportThread.Status.ANSWERED)
    assert thread.mentor_name and thread.response_hours is not None
    assert [m.side for m in thread.messages.all()] == ["region", "mentor"]
    assert ProgrammeStep.objects.filter(region=tangsel, step="mou_signed").exists()
    assert Announcement.objects.count() == 1
    assert set(AdoptionFigure.objects.values_list("region__slug", flat=True)) == {
        "tangerang",
        "tangsel",
        "balikpapan",
    }
    assert Message.objects.count() == messages_before  # the demo tells nobody

    client = site_client(None)
    sign_in_staff(client, None, "mentor@sinergi.test")
    assert thread.subject in client.get("/admin/kemitraan/utas/").text
    dashboard = client.get("/admin/kemitraan/adopsi/").text
    assert "Belum ada potret adopsi" not in dashboard
