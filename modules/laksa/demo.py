"""Demo reports of each demo region: one per common category, at every status, near the
region's centre. Idempotent: a report whose title exists is not filed again."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from modules import services as module_services
from modules.laksa import services
from modules.laksa.models import Category, Report

CENTRES = {
    "tangsel": (Decimal("-6.2886"), Decimal("106.7179")),
    "tangerang": (Decimal("-6.1783"), Decimal("106.6319")),
    "balikpapan": (Decimal("-1.2379"), Decimal("116.8529")),
}
# (category code, kind, title, description, privacy, days ago, offset, what happens next)
REPORTS = (
    ("penerangan-jalan-umum", "pengaduan", "Lampu jalan mati di depan sekolah",
     "Tiga lampu jalan di depan SD negeri mati sejak seminggu, jalan gelap saat anak pulang "
     "les sore.", "publik", 12, (0.004, 0.003), "selesai"),
    ("jalan-rusak", "pengaduan", "Jalan berlubang dekat pasar",
     "Lubang besar di lajur kiri, sudah dua motor jatuh minggu ini.", "anonim", 6,
     (-0.003, 0.005), "proses"),
    ("sampah", "pengaduan", "Sampah menumpuk di pinggir kali",
     "Tumpukan sampah rumah tangga di bantaran kali belum diangkut sejak Senin.", "publik", 2,
     (0.006, -0.004), "verified"),
    ("banjir-drainase", "aspirasi", "Usulan normalisasi saluran perumahan",
     "Saluran air di perumahan kami dangkal; mohon dinormalisasi sebelum musim hujan.",
     "publik", 1, (-0.005, -0.006), ""),
    ("pelayanan-publik", "pengaduan", "Petugas meminta uang tambahan",
     "Saat mengurus surat di kantor kelurahan saya diminta uang di luar tarif resmi.",
     "rahasia", 3, None, ""),
)  # fmt: skip


def load(region) -> None:
    services.seed_categories(region)
    _centre_the_map(region)
    admin = get_user_model().objects.filter(email=f"admin@{region.slug}.test").first()
    lat, lng = CENTRES.get(region.slug, (Decimal("-6.2"), Decimal("106.8")))
    now = timezone.now()
    for code, kind, title, description, privacy, days_ago, offset, then in REPORTS:
        category = Category.objects.filter(code=code).first()
        if category is None or Report.objects.filter(title=title).exists():
            continue
        point = {}
        if offset is not None:
            point = {
                "latitude": lat + Decimal(str(offset[0])),
                "longitude": lng + Decimal(str(offset[1])),
            }
        report = services.submit_report(
            kind=kind,
            category=category,
            title=title,
            description=description,
            privacy=privacy,
            address="Dekat pusat kota",
            # No email: demo reports must not leave mail waiting in the region's outbox.
            reporter_name="Warga Demo",
            now=now - timedelta(days=days_ago),
            **point,
        )
        _follow_up(report, then, admin)


def _follow_up(report: Report, then: str, admin) -> None:
    if not then:
        return
    services.verify_report(report, actor=admin)
    if then in ("proses", "selesai"):
        services.answer_report(
            report,
            note="Petugas sudah meninjau lokasi dan menjadwalkan perbaikan.",
            status="proses",
            actor=admin,
        )
    if then == "selesai":
        services.answer_report(
            report,
            note="Sudah diperbaiki, terima kasih atas laporannya.",
            status="selesai",
            actor=admin,
        )
        services.rate_report(report, rating=5, comment="Cepat ditangani.")


def _centre_the_map(region) -> None:
    if region.slug not in CENTRES:
        return
    current = module_services.module_settings("laksa", region.schema_name)
    lat, lng = CENTRES[region.slug]
    if (current["map_latitude"], current["map_longitude"]) == (lat, lng):
        return
    module_services.update_settings(
        region, "laksa", {**current, "map_latitude": lat, "map_longitude": lng}
    )
