"""The Organisasi admin: region isolation, who sees it, and writes through the services."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from accounts.models import User
from audit.models import AuditEntry
from organisation.models import Assignment, Position, Unit
from tests.harness.fixtures import sign_in_staff
from tests.organisation.factories import assign, staff, unit

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def admin_client(site_client, region, email=None):
    client = site_client(region)
    sign_in_staff(client, region, email or f"admin@{region.slug}.test")
    connection.set_tenant(region)
    return client


def test_a_unit_of_one_region_is_absent_from_another_regions_admin(
    site_client, tangsel, balikpapan
):
    connection.set_tenant(tangsel)
    made = unit("BAPPEDA", "Badan Perencanaan Pembangunan Daerah Tangsel", Unit.Kind.BADAN)
    connection.set_tenant(balikpapan)
    assert not Unit.objects.filter(pk=made.pk).exists()
    tangsel_admin = admin_client(site_client, tangsel)
    balikpapan_admin = admin_client(site_client, balikpapan)
    connection.set_schema_to_public()

    own_list = tangsel_admin.get("/admin/organisation/unit/")
    other_list = balikpapan_admin.get("/admin/organisation/unit/")
    other_edit = balikpapan_admin.get(f"/admin/organisation/unit/edit/{made.pk}/")
    other_export = balikpapan_admin.get("/admin/organisation/csv/export/units/")

    assert own_list.status_code == 200
    assert "Badan Perencanaan Pembangunan Daerah Tangsel" in own_list.text
    assert other_list.status_code == 200
    assert "Dinas Perhubungan" in other_list.text
    assert "Tangsel" not in other_list.text
    assert other_edit.status_code == 404
    assert other_export.status_code == 200
    assert "BAPPEDA" not in other_export.content.decode("utf-8-sig")


def test_staff_without_the_apps_permissions_do_not_see_the_menu(site_client, tangsel):
    connection.set_tenant(tangsel)
    clerk = staff("clerk@tangsel.test")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = admin_client(site_client, tangsel, "clerk@tangsel.test")
    connection.set_schema_to_public()

    home = client.get("/admin/")
    units = client.get("/admin/organisation/unit/")
    mutasi = client.get("/admin/organisation/mutasi/")

    assert home.status_code == 200
    assert "/admin/organisation/" not in home.text
    assert units.status_code in (302, 403)
    assert mutasi.status_code in (302, 403)


def test_staff_see_only_the_items_they_have_permissions_for(site_client, tangsel):
    connection.set_tenant(tangsel)
    clerk = staff("clerk@tangsel.test")
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_unit", "change_unit"])
    )
    client = admin_client(site_client, tangsel, "clerk@tangsel.test")
    connection.set_schema_to_public()

    home = client.get("/admin/")

    assert "Organisasi" in home.text
    assert "/admin/organisation/unit/" in home.text
    assert "/admin/organisation/mutasi/" not in home.text
    assert client.get("/admin/organisation/unit/").status_code == 200
    assert client.get("/admin/organisation/mutasi/").status_code in (302, 403)


def test_superuser_sees_every_item_and_the_tree(site_client, tangsel):
    client = admin_client(site_client, tangsel)
    connection.set_schema_to_public()

    home = client.get("/admin/")
    units = client.get("/admin/organisation/unit/")

    for url in ("unit", "position", "assignment", "mutasi", "area", "csv"):
        assert f"/admin/organisation/{url}/" in home.text
    assert (
        units.text.index("Dinas Pekerjaan Umum dan Penataan Ruang")
        < units.text.index("Bidang Jalan")
        < units.text.index("Seksi Pemeliharaan Jalan")
    )


def test_creating_a_unit_in_the_admin_goes_through_the_service(site_client, tangsel):
    client = admin_client(site_client, tangsel)
    pupr = Unit.objects.get(code="PUPR")
    connection.set_schema_to_public()

    created = client.post(
        "/admin/organisation/unit/new/",
        {
            "name": "Bidang Bina Konstruksi",
            "code": "PUPR.BINKON",
            "kind": "bidang",
            "parent": pupr.pk,
            "active": "on",
        },
    )
    duplicate = client.post(
        "/admin/organisation/unit/new/",
        {"name": "Bidang Lain", "code": "PUPR.BINKON", "kind": "bidang", "active": "on"},
    )

    assert created.status_code == 302
    assert duplicate.status_code == 200
    assert "Kode “PUPR.BINKON” sudah dipakai oleh “Bidang Bina Konstruksi”." in duplicate.text
    assert 'value="Bidang Lain"' in duplicate.text  # the input is kept
    connection.set_tenant(tangsel)
    made = Unit.objects.get(code="PUPR.BINKON")
    assert made.parent == pupr
    entry = AuditEntry.objects.get(action="organisation.unit_create", object_id=str(made.pk))
    assert entry.actor_id == User.objects.get(email="admin@tangsel.test").pk
    assert entry.actor_position == "Kepala Dinas Komunikasi dan Informatika"


def test_naming_a_plh_in_the_admin_uses_whole_days_of_the_region(site_client, tangsel):
    client = admin_client(site_client, tangsel)
    plh = staff("sekdis@tangsel.test")
    position = Position.objects.get(code="DLH.KEPALA")
    connection.set_schema_to_public()

    response = client.post(
        "/admin/organisation/assignment/new/",
        {
            "user": plh.pk,
            "position": position.pk,
            "kind": "plh",
            "start_date": "2026-03-10",
            "end_date": "2026-03-12",
            "decree": "",
        },
    )

    assert response.status_code == 302
    connection.set_tenant(tangsel)
    made = Assignment.objects.get(user=plh)
    assert made.starts_at == datetime(2026, 3, 10, tzinfo=WIB)
    assert made.ends_at == datetime(2026, 3, 13, tzinfo=WIB)


def test_mutasi_form_moves_the_person_and_is_audited(site_client, tangsel):
    client = admin_client(site_client, tangsel)
    ani = staff("ani@tangsel.test")
    assign(ani, Position.objects.get(code="PUPR.JALAN.KEPALA"))
    sda = Position.objects.get(code="PUPR.SDA.KEPALA")
    connection.set_schema_to_public()

    form = client.get("/admin/organisation/mutasi/")
    response = client.post(
        "/admin/organisation/mutasi/",
        {"person": ani.pk, "to_position": sda.pk, "effective": "2026-03-02", "decree": "800/1"},
    )

    assert form.status_code == 200
    assert '<label class="w-field__label" for="id_person"' in form.text
    assert response.status_code == 302
    connection.set_tenant(tangsel)
    current = Assignment.objects.get(user=ani, ends_at=None)
    assert current.position == sda
    entry = AuditEntry.objects.get(action="organisation.mutasi")
    assert entry.details["to"] == "Kepala Bidang Sumber Daya Air, Dinas PUPR"
    assert entry.details["from"] == ["Kepala Bidang Jalan, Dinas PUPR"]


def test_import_page_lists_bad_rows_and_keeps_nothing(site_client, tangsel):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = admin_client(site_client, tangsel)
    units_before = Unit.objects.count()
    connection.set_schema_to_public()
    bad = "kode,nama,singkatan,jenis,kode_induk,kode_wilayah,aktif\nX,Unit X,,bidang,NOPE,,ya\n"

    response = client.post(
        "/admin/organisation/csv/",
        {"units": SimpleUploadedFile("unit-kerja.csv", bad.encode(), "text/csv")},
    )

    assert response.status_code == 200
    assert "Unit kerja, baris 2, kolom “kode_induk”: Kode “NOPE” tidak dikenal." in response.text
    connection.set_tenant(tangsel)
    assert Unit.objects.count() == units_before


def test_import_page_imports_an_export(site_client, tangsel):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = admin_client(site_client, tangsel)
    connection.set_schema_to_public()
    exported = client.get("/admin/organisation/csv/export/positions/")

    response = client.post(
        "/admin/organisation/csv/",
        {"positions": SimpleUploadedFile("jabatan.csv", exported.content, "text/csv")},
        follow=True,
    )

    assert exported["Content-Disposition"] == 'attachment; filename="tangsel-jabatan.csv"'
    assert "Impor selesai. Jabatan: 0 baru" in response.text


def test_every_list_shows_the_regions_directory(site_client, balikpapan):
    client = admin_client(site_client, balikpapan)
    connection.set_schema_to_public()

    positions = client.get("/admin/organisation/position/?q=jalan")
    assignments = client.get("/admin/organisation/assignment/")
    areas = client.get("/admin/organisation/area/")

    assert "Kepala Bidang Jalan" in positions.text
    assert "Kepala Dinas" not in positions.text  # filtered by the search
    assert "admin@balikpapan.test" in assignments.text
    assert "2025-01-02" in assignments.text  # the demo admin's first day, region time
    assert "Klandasan Ilir" in areas.text
    for path in ("unit", "position", "assignment", "area"):
        assert client.get(f"/admin/organisation/{path}/new/").status_code == 200


def test_editing_keeps_times_the_form_did_not_touch_and_is_audited(site_client, balikpapan):
    client = admin_client(site_client, balikpapan)
    ani = staff("ani@balikpapan.test")
    position = Position.objects.get(code="DLH.KEPALA")
    started = datetime(2026, 3, 2, 8, 30, tzinfo=ZoneInfo("Asia/Makassar"))
    made = assign(ani, position, starts=started)
    connection.set_schema_to_public()

    form = client.get(f"/admin/organisation/assignment/edit/{made.pk}/")
    response = client.post(
        f"/admin/organisation/assignment/edit/{made.pk}/",
        {
            "user": ani.pk,
            "position": position.pk,
            "kind": "definitif",
            "start_date": "2026-03-02",
            "end_date": "2026-06-30",
            "decree": "800/7",
        },
    )

    assert 'value="2026-03-02"' in form.text
    assert response.status_code == 302
    connection.set_tenant(balikpapan)
    made.refresh_from_db()
    assert made.starts_at == started
    assert made.ends_at == datetime(2026, 7, 1, tzinfo=ZoneInfo("Asia/Makassar"))
    entry = AuditEntry.objects.get(action="organisation.assignment_update")
    assert entry.details["changes"]["decree"] == ["", "800/7"]


def test_a_unit_still_in_use_is_not_deleted(site_client, tangsel):
    client = admin_client(site_client, tangsel)
    pupr = Unit.objects.get(code="PUPR")
    connection.set_schema_to_public()

    response = client.post(f"/admin/organisation/unit/delete/{pupr.pk}/", follow=True)

    assert "masih punya sub-unit atau jabatan; nonaktifkan saja" in response.text
    connection.set_tenant(tangsel)
    assert Unit.objects.filter(pk=pupr.pk).exists()


@pytest.mark.parametrize("kind", ["position", "assignment", "area"])
def test_edit_urls_of_another_regions_objects_answer_404(site_client, tangsel, balikpapan, kind):
    from organisation import services
    from organisation.models import Area

    connection.set_tenant(tangsel)
    made = {
        "position": lambda: services.create_position(
            actor=None, unit=Unit.objects.get(code="DLH"), code="DLH.SEKRETARIS", title="Sekretaris"
        ),
        "assignment": lambda: assign(
            staff("ani@tangsel.test"), Position.objects.get(code="DLH.KEPALA")
        ),
        "area": lambda: services.create_area(
            actor=None, kind="kecamatan", code="36.74.07", name="Setu"
        ),
    }[kind]()
    model = {"position": Position, "assignment": Assignment, "area": Area}[kind]
    connection.set_tenant(balikpapan)
    assert not model.objects.filter(pk=made.pk).exists()
    client = admin_client(site_client, balikpapan)
    connection.set_schema_to_public()

    assert client.get(f"/admin/organisation/{kind}/edit/{made.pk}/").status_code == 404
    assert client.get(f"/admin/organisation/{kind}/delete/{made.pk}/").status_code == 404
