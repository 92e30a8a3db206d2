"""CSV import and export: round trip, and bad rows answered clearly with nothing imported."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import PROTECT

from audit.models import AuditEntry
from organisation import api, services
from organisation.csv_format import FILES
from organisation.csv_import import ImportRejected
from organisation.models import Area, Assignment, InboxItem, Position, Unit
from tests.organisation.factories import assign, staff, unit

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def export_all() -> dict[str, bytes]:
    return {key: services.export_csv(key, actor=None) for key in FILES}


def wipe_directory() -> None:
    # Modules' rows that keep a position (e-Office's letters) go first.
    for relation in Position._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if relation.on_delete is PROTECT and relation.related_model not in (Assignment, Position):
            relation.related_model.objects.all().delete()
    InboxItem.objects.all().delete()
    Assignment.objects.all().delete()
    Position.objects.update(reports_to=None)
    Position.objects.all().delete()
    Unit.objects.update(parent=None)
    Unit.objects.all().delete()
    Area.objects.update(parent=None)
    Area.objects.all().delete()


@pytest.fixture
def region(balikpapan):
    connection.set_tenant(balikpapan)
    return balikpapan


def test_an_export_imports_back_to_the_same_directory(region):
    ani, budi = staff("ani@balikpapan.test"), staff("budi@balikpapan.test")
    jalan = Position.objects.get(code="PUPR.JALAN.KEPALA")
    assign(ani, jalan, starts=date(2025, 1, 1))
    api.mutasi(
        ani,
        Position.objects.get(code="PUPR.SDA.KEPALA"),
        datetime(2026, 3, 2, 8, 30),
        actor=None,
        decree="800/12/2026",
    )
    assign(
        budi,
        Position.objects.get(code="PUPR.KEPALA"),
        kind=Assignment.Kind.PLH,
        starts=date(2026, 3, 10),
        ends=date(2026, 3, 12),
    )
    services.update_position(
        Position.objects.get(code="PUPR.JALAN.STAF"),
        actor=None,
        reports_to=Position.objects.get(code="PUPR.JALAN.PEMELIHARAAN.KEPALA"),
    )
    unit("PUPR.LAMA", "Bidang Tata Ruang (lama), =arsip", parent=Unit.objects.get(code="PUPR"))
    services.update_unit(Unit.objects.get(code="PUPR.LAMA"), actor=None, active=False)
    exported = export_all()
    counts = {key: content.decode("utf-8-sig").count("\n") - 1 for key, content in exported.items()}

    wipe_directory()
    result = services.import_csv(exported, actor=None)

    assert export_all() == exported
    assert result.counts == {key: {"created": counts[key], "updated": 0} for key in FILES}
    plh = Assignment.objects.get(user=budi)
    assert plh.starts_at == datetime(2026, 3, 10, 0, 0, tzinfo=WITA)
    assert plh.ends_at == datetime(2026, 3, 13, 0, 0, tzinfo=WITA)
    assert Assignment.objects.get(user=ani, ends_at=None).starts_at == datetime(
        2026, 3, 2, 8, 30, tzinfo=WITA
    )
    assert Unit.objects.get(code="PUPR.LAMA").name == "Bidang Tata Ruang (lama), =arsip"


def test_importing_an_export_again_changes_nothing(region):
    exported = export_all()

    result = services.import_csv(exported, actor=None)

    assert all(count["created"] == 0 for count in result.counts.values())
    assert export_all() == exported


def test_export_guards_cells_a_spreadsheet_would_run_as_formulas(region):
    unit("FORMULA", '=HYPERLINK("http://evil.example")', Unit.Kind.LAINNYA)

    text = services.export_csv("units", actor=None).decode("utf-8-sig")

    assert "'=HYPERLINK" in text


UNITS_WITH_BAD_ROWS = """kode,nama,singkatan,jenis,kode_induk,kode_wilayah,aktif
BAPENDA,Badan Pendapatan Daerah,Bapenda,badan,,,ya
BAPENDA.PAJAK,Bidang Pajak Daerah,,bidang,BAPEND,,ya
BAPENDA,Badan Pendapatan Daerah (lagi),,badan,,,ya
BPBD,Badan Penanggulangan Bencana Daerah,BPBD,lembaga,,,ya
BPBD2,Badan Lain,,badan,,,mungkin
"""
ASSIGNMENTS_WITH_BAD_ROWS = """email,kode_jabatan,jenis,mulai,selesai,nomor_sk
siapa@balikpapan.test,DISHUB.KEPALA,definitif,2026-01-01,,
{staff},DISHUB.KEPALA,plh,2026-13-01,,
{staff},TIDAK.ADA,plt,2026-01-01,,
"""


def test_bad_rows_are_named_by_line_and_column_and_nothing_is_imported(region):
    staff("ada@balikpapan.test")
    before = (Unit.objects.count(), Assignment.objects.count(), AuditEntry.objects.count())
    files = {
        "units": UNITS_WITH_BAD_ROWS.encode(),
        "assignments": ASSIGNMENTS_WITH_BAD_ROWS.format(staff="ada@balikpapan.test").encode(),
    }

    with pytest.raises(ImportRejected) as rejected:
        services.import_csv(files, actor=None)

    messages = [str(error) for error in rejected.value.errors]
    assert messages == [
        "Unit kerja, baris 4, kolom “kode”: Kode “BAPENDA” ganda: sudah dipakai di baris 2.",
        "Unit kerja, baris 5, kolom “jenis”: “lembaga” tidak dikenal; pilih salah satu: "
        + ", ".join(Unit.Kind.values)
        + ".",
        "Unit kerja, baris 6, kolom “aktif”: Isi dengan “ya” atau “tidak”, bukan “mungkin”.",
        "Unit kerja, baris 3, kolom “kode_induk”: Kode “BAPEND” tidak dikenal.",
        "Penugasan, baris 2, kolom “email”: Email “siapa@balikpapan.test” tidak dikenal di "
        "daerah ini.",
        "Penugasan, baris 3, kolom “mulai”: Tanggal tidak valid: “2026-13-01” (gunakan "
        "TTTT-BB-HH atau TTTT-BB-HH JJ:MM)",
        "Penugasan, baris 4, kolom “kode_jabatan”: Kode “TIDAK.ADA” tidak dikenal.",
    ]
    # The good row (BAPENDA, line 2) was rolled back with the rest, and nothing was audited.
    assert not Unit.objects.filter(code="BAPENDA").exists()
    assert (Unit.objects.count(), Assignment.objects.count(), AuditEntry.objects.count()) == before


def test_a_missing_column_is_named(region):
    with pytest.raises(ImportRejected) as rejected:
        services.import_csv({"areas": "kode,nama,jenis\n64.71.09,Baru,kecamatan\n"}, actor=None)

    assert [str(e) for e in rejected.value.errors] == [
        "Wilayah, baris 1, kolom “kode_induk”: Kolom ini tidak ada di baris judul."
    ]


def test_semicolons_and_any_row_order_are_accepted(region):
    areas = (
        "kode;nama;jenis;kode_induk\n"
        "64.71.09.1001;Gunung Samarinda Baru;kelurahan;64.71.09\n"
        "64.71.09;Balikpapan Utara;kecamatan;\n"
    )
    units = (
        "kode;nama;singkatan;jenis;kode_induk;kode_wilayah;aktif\n"
        "KEL.GSB;Kelurahan Gunung Samarinda Baru;;kelurahan;KEC.BPNUTARA;64.71.09.1001;ya\n"
        "KEC.BPNUTARA;Kecamatan Balikpapan Utara;;kecamatan;;64.71.09;ya\n"
    )

    services.import_csv({"areas": areas.encode(), "units": units.encode()}, actor=None)

    office = Unit.objects.get(code="KEL.GSB")
    assert office.parent.code == "KEC.BPNUTARA"
    assert api.office_for_area(Area.objects.get(code="64.71.09.1001")) == office


def test_a_unit_can_change_its_head_in_one_file(region):
    staf = Position.objects.get(code="PUPR.JALAN.STAF")
    exported = services.export_csv("positions", actor=None).decode("utf-8-sig")
    swapped = exported.replace(
        "PUPR.JALAN.KEPALA,PUPR.JALAN,Kepala Bidang Jalan,ya",
        "PUPR.JALAN.KEPALA,PUPR.JALAN,Kepala Bidang Jalan,tidak",
    )
    swapped = swapped.replace(
        "PUPR.JALAN.STAF,PUPR.JALAN,Staf,tidak", "PUPR.JALAN.STAF,PUPR.JALAN,Staf,ya"
    )
    assert swapped != exported

    services.import_csv({"positions": swapped.encode()}, actor=None)

    assert api.head_position(staf.unit) == staf
