"""Every service of the directory writes an audit entry, in the same transaction."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from audit.models import AuditEntry
from organisation import services
from organisation.models import Area, Position, Unit
from tests.organisation.factories import staff

pytestmark = pytest.mark.django_db


def test_every_service_writes_an_audit_entry_naming_the_actor(tangsel):
    connection.set_tenant(tangsel)
    actor = staff("kepegawaian@tangsel.test")
    person = staff("ani@tangsel.test")
    seen: list[str] = []

    def audited(action: str, call):
        before = AuditEntry.objects.filter(action=action).count()
        result = call()
        entries = AuditEntry.objects.filter(action=action)
        assert entries.count() == before + 1, action
        assert entries.first().actor_id == actor.pk, action
        seen.append(action)
        return result

    a = dict(actor=actor)
    area = audited(
        "organisation.area_create",
        lambda: services.create_area(**a, kind="kecamatan", code="36.74.09", name="Setu"),
    )
    audited("organisation.area_update", lambda: services.update_area(area, **a, name="Setu Baru"))
    u = audited(
        "organisation.unit_create",
        lambda: services.create_unit(
            **a, code="BPBD", name="Badan Penanggulangan Bencana Daerah", kind="badan"
        ),
    )
    audited("organisation.unit_update", lambda: services.update_unit(u, **a, short_name="BPBD"))
    p = audited(
        "organisation.position_create",
        lambda: services.create_position(
            **a, unit=u, code="BPBD.KEPALA", title="Kepala Pelaksana", is_head=True
        ),
    )
    audited("organisation.position_update", lambda: services.update_position(p, **a, title="Kalak"))
    asg = audited(
        "organisation.assignment_create",
        lambda: services.assign(
            **a, user=person, position=p, kind="definitif", starts_at=date(2025, 1, 1)
        ),
    )
    audited(
        "organisation.assignment_update",
        lambda: services.update_assignment(asg, **a, decree="821/1"),
    )
    before_end = AuditEntry.objects.filter(action="organisation.assignment_update").count()
    services.end_assignment(asg, date(2025, 12, 31), actor=actor)
    assert AuditEntry.objects.filter(action="organisation.assignment_update").count() == (
        before_end + 1
    )
    audited(
        "organisation.mutasi",
        lambda: services.mutasi(
            person, Position.objects.get(code="DLH.KEPALA"), date(2026, 1, 1), actor
        ),
    )
    item = audited(
        "organisation.inbox_add",
        lambda: services.add_to_inbox(p, "Peringatan dini banjir", "/admin/x/", actor=actor),
    )
    audited("organisation.inbox_close", lambda: services.close_inbox_item(item, actor=actor))
    audited("organisation.assignment_delete", lambda: services.delete_assignment(asg, **a))
    audited(
        "organisation.position_delete",
        lambda: services.delete_position(
            services.create_position(**a, unit=u, code="BPBD.STAF", title="Staf"), **a
        ),
    )
    audited(
        "organisation.unit_delete",
        lambda: services.delete_unit(
            services.create_unit(**a, code="TMP", name="Sementara", kind="lainnya"), **a
        ),
    )
    audited(
        "organisation.area_delete",
        lambda: services.delete_area(Area.objects.get(code="36.74.09"), **a),
    )
    content = audited("organisation.export", lambda: services.export_csv("areas", **a))
    audited("organisation.import", lambda: services.import_csv({"areas": content}, **a))

    # Every action the services can write was seen here.
    source = Path(services.__file__).read_text()
    assert set(seen) == set(re.findall(r'"(organisation\.[a-z_]+)"', source))


def test_a_refused_change_leaves_no_audit_entry(tangsel):
    connection.set_tenant(tangsel)
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError):
        services.create_unit(actor=None, code="PUPR", name="Dinas PUPR kedua", kind="dinas")
    with pytest.raises(ValidationError):
        services.update_unit(Unit.objects.get(code="PUPR"), actor=None, code="bad code")

    assert AuditEntry.objects.count() == before
    assert Unit.objects.get(code="PUPR").name == "Dinas Pekerjaan Umum dan Penataan Ruang"
