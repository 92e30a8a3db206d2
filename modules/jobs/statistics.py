"""Disnaker's figures over a period of the region's days: vacancies published (and their
openings), applications made and placements (applicants hired), by business sector and by
education, and how long a placement took from the vacancy going live."""

from __future__ import annotations

import csv
import io
import statistics as stats
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from modules.jobs.models import Application, Education, Sector, Vacancy
from modules.jobs.selectors import start_of_day


@dataclass
class Row:
    key: str
    label: str
    vacancies: int = 0
    openings: int = 0
    applications: int = 0
    placements: int = 0

    def add(self, other: Row) -> None:
        self.vacancies += other.vacancies
        self.openings += other.openings
        self.applications += other.applications
        self.placements += other.placements


@dataclass
class Report:
    start: date
    end: date
    by_sector: list[Row] = field(default_factory=list)
    by_education: list[Row] = field(default_factory=list)
    total: Row | None = None
    median_days_to_placement: float | None = None


def report(start: date, end: date) -> Report:
    since, until = start_of_day(start), start_of_day(end + timedelta(days=1))
    vacancies = Vacancy.objects.filter(published_at__gte=since, published_at__lt=until)
    applications = Application.objects.filter(created_at__gte=since, created_at__lt=until)
    placements = Application.objects.filter(hired_at__gte=since, hired_at__lt=until)

    by_sector = _rows(
        Sector.choices,
        vacancies.values("company__sector").annotate(n=Count("pk"), o=Sum("openings")),
        "company__sector",
        applications.values("vacancy__company__sector").annotate(n=Count("pk")),
        placements.values("vacancy__company__sector").annotate(n=Count("pk")),
        "vacancy__company__sector",
    )
    by_education = _rows(
        Education.choices,
        vacancies.values("education").annotate(n=Count("pk"), o=Sum("openings")),
        "education",
        applications.values("education").annotate(n=Count("pk")),
        placements.values("education").annotate(n=Count("pk")),
        "education",
    )
    total = Row("total", _("Jumlah"))
    for row in by_sector:
        total.add(row)
    days = [
        (hired - published).total_seconds() / 86400
        for hired, published in placements.values_list("hired_at", "vacancy__published_at")
        if published is not None
    ]
    median = round(stats.median(days), 1) if days else None
    return Report(start, end, by_sector, by_education, total, median)


def _rows(choices, vacancies, vacancy_key, applications, placements, application_key):
    rows = {value: Row(value, str(label)) for value, label in choices}
    for item in vacancies:
        row = rows.get(item[vacancy_key])
        if row is not None:
            row.vacancies, row.openings = item["n"], item["o"] or 0
    for item in applications:
        if (row := rows.get(item[application_key])) is not None:
            row.applications = item["n"]
    for item in placements:
        if (row := rows.get(item[application_key])) is not None:
            row.placements = item["n"]
    return list(rows.values())


def as_csv(result: Report) -> str:
    """The report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read it)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            _("dimensi"),
            _("kategori"),
            _("lowongan"),
            _("formasi"),
            _("lamaran"),
            _("penempatan"),
            _("periode"),
        ]
    )
    period = f"{result.start.isoformat()}/{result.end.isoformat()}"
    for dimension, rows in (
        (_("sektor"), result.by_sector),
        (_("pendidikan"), result.by_education),
    ):
        for row in rows:
            writer.writerow(
                [
                    dimension,
                    row.label,
                    row.vacancies,
                    row.openings,
                    row.applications,
                    row.placements,
                    period,
                ]
            )
    total = result.total
    writer.writerow(
        [
            _("jumlah"),
            total.label,
            total.vacancies,
            total.openings,
            total.applications,
            total.placements,
            period,
        ]
    )
    # Time to fill: in the placements column, as it is measured over the placements.
    median = result.median_days_to_placement
    writer.writerow(
        [
            _("waktu pengisian"),
            _("median hari dari lowongan tayang sampai diterima bekerja"),
            "",
            "",
            "",
            "" if median is None else f"{median:.1f}",
            period,
        ]
    )
    return out.getvalue()
