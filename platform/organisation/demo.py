"""Demo directory: the OPDs behind LAKSA's categories, a few sections, two kecamatan with
their kelurahan, a head position everywhere, and the demo admin as Kepala Diskominfo.

Idempotent: what exists (by code) is left as it is. Area codes follow the Kemendagri
pattern but are demo values.
"""

from __future__ import annotations

from datetime import date

from organisation import services
from organisation.models import Area, Assignment, Position, Unit

K = Unit.Kind

# code, name, short name, kind, head title, sections (same shape, nested)
OFFICES = (
    ("SETDA", "Sekretariat Daerah", "Setda", K.SEKRETARIAT_DAERAH, "Sekretaris Daerah", ()),
    ("DISHUB", "Dinas Perhubungan", "Dishub", K.DINAS, "Kepala Dinas", (
        ("DISHUB.LALIN", "Bidang Lalu Lintas", "", K.BIDANG, "Kepala Bidang Lalu Lintas", ()),
        ("DISHUB.PJU", "UPT Penerangan Jalan Umum", "UPT PJU", K.UPT,
         "Kepala UPT Penerangan Jalan Umum", ()),
    )),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", K.DINAS, "Kepala Dinas", (
        ("PUPR.JALAN", "Bidang Jalan", "", K.BIDANG, "Kepala Bidang Jalan", (
            ("PUPR.JALAN.PEMELIHARAAN", "Seksi Pemeliharaan Jalan", "", K.SEKSI,
             "Kepala Seksi Pemeliharaan Jalan", ()),
        )),
        ("PUPR.SDA", "Bidang Sumber Daya Air", "", K.BIDANG,
         "Kepala Bidang Sumber Daya Air", ()),
    )),
    ("DLH", "Dinas Lingkungan Hidup", "DLH", K.DINAS, "Kepala Dinas", (
        ("DLH.SAMPAH", "Bidang Pengelolaan Sampah", "", K.BIDANG,
         "Kepala Bidang Pengelolaan Sampah", ()),
    )),
    ("INSPEKTORAT", "Inspektorat Daerah", "Inspektorat", K.INSPEKTORAT, "Inspektur", ()),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", K.DINAS, "Kepala Dinas", (
        ("DISKOMINFO.APTIKA", "Bidang Aplikasi Informatika", "", K.BIDANG,
         "Kepala Bidang Aplikasi Informatika", ()),
    )),
    ("DISNAKER", "Dinas Tenaga Kerja", "Disnaker", K.DINAS, "Kepala Dinas", (
        ("DISNAKER.PENEMPATAN", "Bidang Penempatan Tenaga Kerja", "", K.BIDANG,
         "Kepala Bidang Penempatan Tenaga Kerja", ()),
    )),
)  # fmt: skip

# Positions besides the heads: unit code, position code, title.
STAFF_POSITIONS = (
    ("PUPR.JALAN", "PUPR.JALAN.STAF", "Staf"),
    ("DISNAKER.PENEMPATAN", "DISNAKER.PENEMPATAN.VERIFIKATOR", "Verifikator Lowongan Kerja"),
)

# slug -> (kecamatan code, name, ((kelurahan code, name), ...)), ...
KECAMATAN = {
    "tangsel": (
        ("36.74.01", "Serpong", (("36.74.01.1001", "Cilenggang"), ("36.74.01.1002", "Serpong"))),
        ("36.74.05", "Pondok Aren", (
            ("36.74.05.1001", "Pondok Kacang Timur"), ("36.74.05.1002", "Jurang Mangu Barat"),
        )),
    ),
    "tangerang": (
        ("36.71.03", "Cipondoh", (
            ("36.71.03.1001", "Cipondoh"), ("36.71.03.1002", "Poris Plawad"),
        )),
        ("36.71.05", "Karawaci", (("36.71.05.1001", "Karawaci"), ("36.71.05.1002", "Nusa Jaya"))),
    ),
    "balikpapan": (
        ("64.71.05", "Balikpapan Kota", (
            ("64.71.05.1001", "Klandasan Ilir"), ("64.71.05.1002", "Prapatan"),
        )),
        ("64.71.01", "Balikpapan Selatan", (
            ("64.71.01.1001", "Sepinggan"), ("64.71.01.1002", "Damai"),
        )),
    ),
}  # fmt: skip
GENERIC_KECAMATAN = (
    ("00.00.01", "Kota", (("00.00.01.1001", "Pusat Kota"), ("00.00.01.1002", "Pasar"))),
    ("00.00.02", "Pesisir", (("00.00.02.1001", "Pantai"), ("00.00.02.1002", "Pelabuhan"))),
)
ADMIN_POSITION = "DISKOMINFO.KEPALA"
ADMIN_SINCE = date(2025, 1, 2)


def load(region) -> None:
    for office in OFFICES:
        _ensure_unit_tree(office, parent=None)
    for unit_code, code, title in STAFF_POSITIONS:
        _ensure_position(Unit.objects.get(code=unit_code), code, title, is_head=False)
    for kecamatan in KECAMATAN.get(region.slug, GENERIC_KECAMATAN):
        _ensure_kecamatan(*kecamatan)
    _ensure_admin_position(region)


def _ensure_unit_tree(spec, parent: Unit | None) -> None:
    code, name, short_name, kind, head_title, sections = spec
    unit = _ensure_unit(code, name, short_name, kind, parent)
    _ensure_position(unit, f"{code}.KEPALA", head_title, is_head=True)
    for section in sections:
        _ensure_unit_tree(section, parent=unit)


def _ensure_unit(code, name, short_name, kind, parent, area=None) -> Unit:
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return services.create_unit(
        actor=None, code=code, name=name, short_name=short_name, kind=kind, parent=parent,
        area=area,
    )  # fmt: skip


def _ensure_position(unit: Unit, code: str, title: str, *, is_head: bool) -> Position:
    existing = Position.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return services.create_position(actor=None, unit=unit, code=code, title=title, is_head=is_head)


def _ensure_area(code: str, name: str, kind: str, parent: Area | None) -> Area:
    existing = Area.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return services.create_area(actor=None, code=code, name=name, kind=kind, parent=parent)


def _ensure_kecamatan(code: str, name: str, kelurahan) -> None:
    area = _ensure_area(code, name, Area.Kind.KECAMATAN, None)
    slug = name.upper().replace(" ", "")
    office = _ensure_unit(f"KEC.{slug}", f"Kecamatan {name}", "", Unit.Kind.KECAMATAN, None, area)
    _ensure_position(office, f"KEC.{slug}.CAMAT", "Camat", is_head=True)
    for kel_code, kel_name in kelurahan:
        kel_area = _ensure_area(kel_code, kel_name, Area.Kind.KELURAHAN, area)
        kel_slug = kel_name.upper().replace(" ", "")
        kel_office = _ensure_unit(
            f"KEL.{kel_slug}", f"Kelurahan {kel_name}", "", Unit.Kind.KELURAHAN, office, kel_area
        )
        _ensure_position(kel_office, f"KEL.{kel_slug}.LURAH", "Lurah", is_head=True)


def _ensure_admin_position(region) -> None:
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(email=f"admin@{region.slug}.test").first()
    position = Position.objects.get(code=ADMIN_POSITION)
    if admin is None or Assignment.objects.filter(user=admin, position=position).exists():
        return
    services.assign(
        actor=None, user=admin, position=position, kind=Assignment.Kind.DEFINITIF,
        starts_at=ADMIN_SINCE,
    )  # fmt: skip
