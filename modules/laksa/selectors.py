"""Reads of LAKSA: the public list, a report by its tracking code, the staff queues, the
overdue reports, the per-OPD scorecard, meters and statistics. All in the current region's
schema; times are compared as instants and shown in the region's zone by the templates."""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.db.models.functions import (
    ASin,
    Cast,
    Coalesce,
    Cos,
    Least,
    NullIf,
    Power,
    Radians,
    Sin,
    Sqrt,
    TruncMonth,
)
from django.utils import timezone

from accounts.roles import REGION_ADMIN
from modules.laksa.models import Category, Report, ReportPhoto
from modules.manifest import Figure
from organisation import api as organisation

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_NOT_CODE = re.compile(f"[^{CODE_ALPHABET}]")


# --- reports residents may see ---------------------------------------------------------------
def public_reports() -> QuerySet[Report]:
    """Verified reports that are not rahasia, not rejected and not hidden, newest first."""
    return (
        Report.objects.filter(verified_at__isnull=False, hidden_at__isnull=True)
        .exclude(privacy=Report.Privacy.RAHASIA)
        .exclude(status=Report.Status.DITOLAK)
        .select_related("category", "unit")
    )


def public_report(pk: int) -> Report | None:
    return public_reports().filter(pk=pk).first()


def normalise_code(text: str) -> str:
    """What a resident typed ("abcd e-fghjk ") as a stored code ("ABCDE-FGHJK")."""
    raw = _NOT_CODE.sub("", (text or "").upper())
    return f"{raw[:5]}-{raw[5:]}" if len(raw) == 10 else ""


EARTH_RADIUS_M = 6_371_000
METRES_PER_DEGREE = 111_320


def _haversine_metres(lat: float, lon: float):
    """Great-circle distance in SQL from the point to each row (the embedded PostgreSQL has
    no PostGIS); LEAST guards asin against a rounding step past 1."""
    row_lat = Radians(Cast("latitude", FloatField()))
    row_lon = Radians(Cast("longitude", FloatField()))
    half_dlat = Sin((row_lat - Value(math.radians(lat))) / Value(2.0))
    half_dlon = Sin((row_lon - Value(math.radians(lon))) / Value(2.0))
    a = Power(half_dlat, 2) + Value(math.cos(math.radians(lat))) * Cos(row_lat) * Power(
        half_dlon, 2
    )
    return Value(2.0 * EARTH_RADIUS_M) * ASin(Least(Value(1.0), Sqrt(a)))


def nearby_reports(
    category, latitude, longitude, *, metres: int, days: int, limit: int = 5, now=None
) -> QuerySet[Report]:
    """Public reports of `category` within `metres` of the point, received in the last
    `days` days, nearest first, each with its `distance` in metres. A bounding box (which
    the indexes can use) narrows the rows before the exact great-circle distance."""
    lat, lon = float(latitude), float(longitude)
    now = now or timezone.now()
    dlat = metres / METRES_PER_DEGREE
    dlon = metres / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    distance = ExpressionWrapper(_haversine_metres(lat, lon), output_field=FloatField())
    return (
        public_reports()
        .filter(
            category=category,
            submitted_at__gte=now - timedelta(days=days),
            latitude__range=(lat - dlat, lat + dlat),
            longitude__range=(lon - dlon, lon + dlon),
        )
        .annotate(distance=distance)
        .filter(distance__lte=metres)
        .order_by("distance", "-submitted_at")[:limit]
    )


def report_by_code(code: str) -> Report | None:
    normalised = normalise_code(code)
    if not normalised:
        return None
    return (
        Report.objects.select_related("category", "unit").filter(tracking_code=normalised).first()
    )


def timeline(report: Report, *, staff: bool = False):
    events = report.events.all().prefetch_related("photos")
    return events if staff else events.filter(public=True)


def shown_photo(report: Report, photo_id: int, *, staff: bool = False) -> ReportPhoto | None:
    """A photo of `report` that its pages show (the report's own photos and those of the
    timeline's events; staff see every event's), unless a moderator removed it. The caller
    has checked that the reader may see the report."""
    photos = ReportPhoto.objects.filter(report=report, pk=photo_id, redacted_at__isnull=True)
    if not staff:
        photos = photos.filter(Q(event__isnull=True) | Q(event__public=True))
    return photos.first()


def reports_of(user) -> QuerySet[Report]:
    return Report.objects.filter(reporter=user).select_related("category")


def following_of(user):
    from modules.laksa.models import Follower

    return Follower.objects.filter(user=user).order_by("created_at")


def categories(*, active_only: bool = True) -> QuerySet[Category]:
    found = Category.objects.select_related("unit")
    return found.filter(active=True) if active_only else found


# --- staff queues -----------------------------------------------------------------------------
def triage_queue(*, show: str = "open") -> QuerySet[Report]:
    """Open reports for the verifiers: unverified first, the nearest deadline first."""
    reports = Report.objects.select_related("category", "unit")
    if show == "open":
        reports = reports.filter(status__in=Report.OPEN_STATUSES)
    elif show == "unverified":
        reports = reports.filter(status__in=Report.OPEN_STATUSES, verified_at__isnull=True)
    return reports.order_by("verified_at", "verify_due_at", "id") if show != "all" else reports


def officer_units(user) -> list:
    """The units whose reports `user` answers: the offices (OPDs) of the positions they hold
    or act for now, with every unit under them."""
    units = {}
    for position in organisation.positions_of(user):
        office = organisation.office_of(position.unit)
        for unit in organisation.units_under(office, include_self=True):
            units[unit.pk] = unit
    return list(units.values())


def officer_queue(user, *, show: str = "open") -> QuerySet[Report]:
    """The reports of the user's units; a superuser sees every unit's."""
    reports = Report.objects.select_related("category", "unit")
    if not user.is_superuser:
        reports = reports.filter(unit__in=[u.pk for u in officer_units(user)])
    if show == "open":
        reports = reports.filter(status__in=Report.OPEN_STATUSES)
    return reports.order_by("answered_at", "respond_due_at", "id")


def may_answer(user, report: Report) -> bool:
    if user.is_superuser:
        return True
    if not user.has_perm("laksa.answer_report") or report.unit_id is None:
        return False
    return report.unit_id in {u.pk for u in officer_units(user)}


def may_see(user, report: Report) -> bool:
    return user.has_perm("laksa.triage_report") or may_answer(user, report)


def overdue_reports(now=None) -> QuerySet[Report]:
    """Open reports past a deadline: verification while unverified, the first response while
    unanswered."""
    now = now or timezone.now()
    return Report.objects.filter(status__in=Report.OPEN_STATUSES).filter(
        Q(verified_at__isnull=True, verify_due_at__lt=now)
        | Q(answered_at__isnull=True, respond_due_at__lt=now)
    )


def region_admins() -> QuerySet:
    """Who is told of an escalation besides the unit head: the region's admins."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=REGION_ADMIN) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


# --- scorecard ("nilai merah") ----------------------------------------------------------------
@dataclass
class UnitScore:
    unit: object
    received: int
    done: int
    late: int
    answered: int
    median_response_hours: float | None
    satisfaction: float | None

    @property
    def done_percent(self) -> float:
        return self.done * 100 / self.received if self.received else 0.0

    @property
    def late_percent(self) -> float:
        return self.late * 100 / self.received if self.received else 0.0

    @property
    def red(self) -> bool:
        """The "nilai merah": more than a quarter of the unit's reports answered late or not
        at all past their deadline."""
        return self.received > 0 and self.late_percent > 25


def _is_late(report: Report, now) -> bool:
    if report.status == Report.Status.DITOLAK:
        return False
    answered = report.first_response_at
    return (answered or now) > report.respond_due_at


def scorecard(days: int = 365, now=None) -> list[UnitScore]:
    """Per responsible unit, over the reports received in the last `days` days (rejected
    reports are counted as received but never as late)."""
    now = now or timezone.now()
    rows: dict[int, list[Report]] = {}
    units = {}
    for report in Report.objects.filter(
        submitted_at__gte=now - timedelta(days=days), unit__isnull=False
    ).select_related("unit"):
        rows.setdefault(report.unit_id, []).append(report)
        units[report.unit_id] = report.unit
    scores = []
    for unit_id, reports in rows.items():
        hours = [
            (r.first_response_at - r.submitted_at).total_seconds() / 3600
            for r in reports
            if r.first_response_at is not None
        ]
        ratings = [r.rating for r in reports if r.rating]
        scores.append(
            UnitScore(
                unit=units[unit_id],
                received=len(reports),
                done=sum(r.status == Report.Status.SELESAI for r in reports),
                late=sum(_is_late(r, now) for r in reports),
                answered=len(hours),
                median_response_hours=statistics.median(hours) if hours else None,
                satisfaction=sum(ratings) / len(ratings) if ratings else None,
            )
        )
    return sorted(scores, key=lambda s: (-s.late_percent, s.unit.display_name))


# --- staff statistics ------------------------------------------------------------------------
STATISTICS_DIMENSIONS = ("category", "unit", "month", "status")


def report_statistics(start=None, end=None) -> dict[str, list[dict]]:
    """Reports received in [start, end) counted by category, by responsible unit (OPD), by
    month (in the region's zone) and by status, each row {"label", "received", "done",
    "late", "open"}."""
    from workdays.api import work_calendar

    reports = Report.objects.all()
    if start is not None:
        reports = reports.filter(submitted_at__gte=start)
    if end is not None:
        reports = reports.filter(submitted_at__lt=end)
    now = timezone.now()
    late = Q(first_response_at__gt=F("respond_due_at")) | Q(
        first_response_at__isnull=True, respond_due_at__lt=now
    )
    measures = {
        "received": Count("id"),
        "done": Count("id", filter=Q(status=Report.Status.SELESAI)),
        "late": Count("id", filter=late & ~Q(status=Report.Status.DITOLAK)),
        "open": Count("id", filter=Q(status__in=Report.OPEN_STATUSES)),
    }
    zone = work_calendar().zone
    statuses = dict(Report.Status.choices)
    by = {
        "category": (reports.values("category__name"), "category__name", str),
        "unit": (
            reports.annotate(
                opd=Coalesce(NullIf("unit__short_name", Value("")), "unit__name")
            ).values("opd"),
            "opd",
            lambda v: v or "—",
        ),
        "month": (
            reports.annotate(month=TruncMonth("submitted_at", tzinfo=zone)).values("month"),
            "month",
            lambda v: f"{v:%Y-%m}",
        ),
        "status": (reports.values("status"), "status", lambda v: str(statuses.get(v, v))),
    }
    result = {}
    for name, (grouped, field, label) in by.items():
        rows = grouped.annotate(**measures).order_by(field)
        result[name] = [
            {"label": label(row[field]), **{m: row[m] for m in measures}} for row in rows
        ]
    return result


def reports_for_export(start=None, end=None) -> QuerySet[Report]:
    reports = Report.objects.select_related("category", "unit").order_by("submitted_at", "id")
    if start is not None:
        reports = reports.filter(submitted_at__gte=start)
    if end is not None:
        reports = reports.filter(submitted_at__lt=end)
    return reports


# --- meters and statistics (called with no arguments in the region's schema) ----------------
def _this_month_start():
    from workdays.api import work_calendar

    local = timezone.now().astimezone(work_calendar().zone)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def reports_received_this_month() -> int:
    return Report.objects.filter(submitted_at__gte=_this_month_start()).count()


def reports_received_last_30_days() -> int:
    return Report.objects.filter(submitted_at__gte=timezone.now() - timedelta(days=30)).count()


def percent_done_last_365_days() -> float:
    scores = scorecard()
    received = sum(s.received for s in scores)
    return round(sum(s.done for s in scores) * 100 / received, 1) if received else 0.0


def percent_late_last_365_days() -> float:
    scores = scorecard()
    received = sum(s.received for s in scores)
    return round(sum(s.late for s in scores) * 100 / received, 1) if received else 0.0


def median_response_hours_last_365_days() -> float:
    hours = _response_hours_last_365_days()
    return round(statistics.median(hours), 1) if hours else 0.0


def _response_hours_last_365_days() -> list[float]:
    since = timezone.now() - timedelta(days=365)
    return [
        (answered - submitted).total_seconds() / 3600
        for submitted, answered in Report.objects.filter(
            submitted_at__gte=since, first_response_at__isnull=False
        ).values_list("submitted_at", "first_response_at")
    ]


# --- the same statistics as figures the adoption dashboard can pool across regions --------
def done_figure_last_365_days() -> Figure:
    scores = scorecard()
    return Figure.ratio(sum(s.done for s in scores), sum(s.received for s in scores))


def late_figure_last_365_days() -> Figure:
    scores = scorecard()
    return Figure.ratio(sum(s.late for s in scores), sum(s.received for s in scores))


def response_hours_figure_last_365_days() -> Figure:
    return Figure.of_durations(_response_hours_last_365_days())


def contract_objects(region) -> dict:
    """A report and a category of this region, for the module contract's cross-region test."""
    from modules.laksa import services

    # New rows: their ids are past every other region's (the contract test moves the
    # sequences), so another region cannot rightly have an object with the same id.
    category = services.add_category(name="Kategori Uji Kontrak", actor=None)
    report = services.submit_report(
        kind=Report.Kind.PENGADUAN,
        category=category,
        title="Laporan uji kontrak",
        description="Laporan untuk uji kontrak modul.",
        address="Jl. Uji Kontrak",
        privacy=Report.Privacy.PUBLIK,
        reporter_name="Warga Uji",
        reporter_email="warga.uji@example.test",
        photos=[_contract_photo()],
    )
    services.verify_report(report, actor=None)
    key, _raw = services.issue_api_key(name="Klien uji kontrak", actor=None)
    posted = services.submit_report(
        kind=Report.Kind.PENGADUAN,
        category=category,
        title="Laporan uji kontrak Open311",
        description="Dikirim melalui Open311.",
        address="Jl. Uji Kontrak",
        privacy=Report.Privacy.ANONIM,
        api_key=key,
    )
    return {
        "token": posted.open311_token,
        "api_key_revoke:pk": key.pk,
        "pk": report.pk,
        "code": report.tracking_code,
        "category_edit:pk": category.pk,
        "request_id": report.pk,
        "service_code": category.code,
        "photo_id": report.photos.get().pk,
    }


def _contract_photo():
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    from modules.laksa.photos import CleanPhoto

    out = BytesIO()
    Image.new("RGB", (8, 8), (200, 80, 40)).save(out, "JPEG")
    return CleanPhoto(ContentFile(out.getvalue(), name="foto.jpg"), 8, 8)
