""" "Akun saya": the reports a resident sent while signed in, their data, and erasure."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.providers import AccountItem, AccountSection
from modules.laksa import selectors, services


def account_section(user) -> AccountSection:
    reports = selectors.reports_of(user)[:20]
    return AccountSection(
        title=_("Laporan LAKSA saya"),
        items=[
            AccountItem(
                text=f"{report.tracking_code} · {report.title}",
                url=services.tracking_url(report),
                status=report.get_status_display(),
            )
            for report in reports
        ],
        empty_text=_("Anda belum mengirim laporan."),
        url=reverse("module-laksa:index"),
    )


def personal_data(user) -> dict:
    return {
        "laporan": [
            {
                "kode": report.tracking_code,
                "jenis": report.kind,
                "kategori": report.category.name,
                "judul": report.title,
                "uraian": report.description,
                "alamat": report.address,
                "lintang": str(report.latitude) if report.latitude is not None else None,
                "bujur": str(report.longitude) if report.longitude is not None else None,
                "kerahasiaan": report.privacy,
                "status": report.status,
                "diterima": report.submitted_at.isoformat(),
                "nilai": report.rating,
                "komentar_nilai": report.rating_comment,
            }
            for report in selectors.reports_of(user)
        ],
        "mengikuti": [
            {"laporan": follower.report_id, "sejak": follower.created_at.isoformat()}
            for follower in selectors.following_of(user)
        ],
    }


def erase(user) -> None:
    services.erase_reporter(user)
