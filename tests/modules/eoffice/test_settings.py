"""The archivist edits classification codes (retention years, final disposition) and letter
templates; every change is audited, nobody else may, and nothing crosses regions."""

from __future__ import annotations

import pytest

from tests.harness.fixtures import sign_in_staff
from tests.modules.eoffice.conftest import ADMIN, in_region

pytestmark = pytest.mark.django_db

SETTINGS = f"{ADMIN}pengaturan/"
CLASSIFICATION = {
    "code": "800.1.2",
    "name": "Pengadaan pegawai",
    "active_years": "3",
    "inactive_years": "7",
    "final_disposition": "permanen",
}


def test_the_archivist_adds_and_edits_a_classification_code_audited(tangsel, admin_client_for):
    from audit.models import AuditEntry
    from modules.eoffice.models import Classification

    client = admin_client_for(tangsel)

    created = client.post(f"{SETTINGS}klasifikasi/baru/", CLASSIFICATION)
    in_region(tangsel)
    code = Classification.objects.get(code="800.1.2")
    edited = client.post(
        f"{SETTINGS}klasifikasi/{code.pk}/",
        {**CLASSIFICATION, "inactive_years": "10", "final_disposition": "musnah"},
    )
    duplicate = client.post(f"{SETTINGS}klasifikasi/baru/", CLASSIFICATION)
    negative = client.post(
        f"{SETTINGS}klasifikasi/{code.pk}/", {**CLASSIFICATION, "active_years": "-1"}
    )

    in_region(tangsel)
    code.refresh_from_db()
    assert created.status_code == edited.status_code == 302
    assert (code.active_years, code.inactive_years, code.retention_years) == (3, 10, 13)
    assert code.final_disposition == "musnah"
    assert (
        duplicate.status_code == 200 and Classification.objects.filter(code="800.1.2").count() == 1
    )
    assert negative.status_code == 200 and code.active_years == 3
    entries = AuditEntry.objects.filter(
        action="eoffice.classification_save", object_id=str(code.pk)
    )
    assert entries.count() == 2
    assert sorted(entries.latest("at").details["changed"]) == [
        "final_disposition",
        "inactive_years",
    ]
    assert "800.1.2" in client.get(SETTINGS).text


def test_the_archivist_edits_a_template_that_drafters_then_use(tangsel, admin_client_for):
    from audit.models import AuditEntry
    from modules.eoffice.forms import DraftForm
    from modules.eoffice.models import Template

    client = admin_client_for(tangsel)
    in_region(tangsel)
    memo = Template.objects.get(name="Nota dinas")

    response = client.post(
        f"{SETTINGS}templat/{memo.pk}/",
        {"name": "Nota dinas", "kind": "nota", "body": "Dengan hormat, kami laporkan ..."},
    )
    added = client.post(
        f"{SETTINGS}templat/baru/",
        {"name": "Surat edaran", "kind": "keluar", "body": "Dalam rangka ..."},
    )
    empty = client.post(f"{SETTINGS}templat/baru/", {"name": "Kosong", "kind": "keluar"})

    in_region(tangsel)
    memo.refresh_from_db()
    assert response.status_code == added.status_code == 302
    assert memo.body == "Dengan hormat, kami laporkan ..."
    assert empty.status_code == 200 and not Template.objects.filter(name="Kosong").exists()
    assert AuditEntry.objects.filter(action="eoffice.template_save").count() == 2
    choices = [str(t) for t in DraftForm().fields["template"].queryset]
    assert "Surat edaran" in choices


def test_only_archive_managers_edit_settings_and_only_in_their_region(
    tangsel, balikpapan, site_client, admin_client_for
):
    from modules.eoffice.models import Classification

    admin = admin_client_for(tangsel)
    admin.post(f"{SETTINGS}klasifikasi/baru/", CLASSIFICATION)
    in_region(tangsel)
    code = Classification.objects.get(code="800.1.2")
    staff = site_client(tangsel)
    sign_in_staff(staff, tangsel, "staf.aptika@tangsel.test")

    forbidden = staff.post(f"{SETTINGS}klasifikasi/{code.pk}/", {**CLASSIFICATION, "name": "X"})
    elsewhere = admin_client_for(balikpapan).get(f"{SETTINGS}klasifikasi/{code.pk}/")

    in_region(tangsel)
    code.refresh_from_db()
    assert forbidden.status_code == 302 and forbidden.url == "/admin/"
    assert code.name == "Pengadaan pegawai"
    assert elsewhere.status_code == 404
