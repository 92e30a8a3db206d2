"""Open311 GeoReport v2 (JSON) on each region's host, read-only: discovery, services (the
categories), a service's definition, and the public reports with the spec's filters.

Only what the public pages show is served: verified reports that are not rahasia, without
any reporter. A request's id is the report's number, never its tracking code (the code is
what lets its holder rate or reopen it). Errors are the spec's list of {code, description}.
"""

from __future__ import annotations

from datetime import datetime

from django.http import JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from modules.laksa import selectors
from modules.laksa.models import Category, Report

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00Z"
MAX_REQUESTS = 1000
DEFAULT_DAYS = 90


def error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _wrong_jurisdiction(request) -> JsonResponse | None:
    asked = request.GET.get("jurisdiction_id")
    if asked and asked.lower() != request.get_host().split(":")[0].lower():
        return error(404, _("jurisdiction_id tidak dikenal di server ini."))
    return None


def _json(data) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


def discovery(request):
    base = request.build_absolute_uri(reverse("module-laksa-api:discovery")).rsplit("/", 1)[0]
    return _json(
        {
            "changeset": CHANGESET,
            "contact": _("Layanan LAKSA %(host)s") % {"host": request.get_host()},
            "key_service": "",
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["application/json"],
                }
            ],
        }
    )


def services(request):
    if wrong := _wrong_jurisdiction(request):
        return wrong
    return _json([_service(c) for c in selectors.categories()])


def service_definition(request, service_code: str):
    if wrong := _wrong_jurisdiction(request):
        return wrong
    if not Category.objects.filter(code=service_code, active=True).exists():
        return error(404, _("service_code tidak dikenal: %(code)s.") % {"code": service_code})
    return _json({"service_code": service_code, "attributes": []})


def requests_list(request):
    if wrong := _wrong_jurisdiction(request):
        return wrong
    reports = selectors.public_reports()
    ids = request.GET.get("service_request_id")
    if ids:
        wanted = [part.strip() for part in ids.split(",") if part.strip()]
        if not all(part.isdigit() for part in wanted):
            return error(400, _("service_request_id harus berupa angka, dipisah koma."))
        found = reports.filter(pk__in=[int(p) for p in wanted])
        return _json(_requests(request, found))
    codes = [c for c in request.GET.get("service_code", "").split(",") if c]
    if codes:
        reports = reports.filter(category__code__in=codes)
    status = request.GET.get("status", "")
    if status:
        statuses = {s.strip() for s in status.split(",")}
        if not statuses <= {"open", "closed"}:
            return error(400, _("status harus open atau closed."))
        if statuses == {"open"}:
            reports = reports.filter(status__in=Report.OPEN_STATUSES)
        elif statuses == {"closed"}:
            reports = reports.exclude(status__in=Report.OPEN_STATUSES)
    try:
        start, end = _moment(request, "start_date"), _moment(request, "end_date")
    except ValueError as exc:
        return error(400, str(exc))
    if start:
        reports = reports.filter(submitted_at__gte=start)
    if end:
        reports = reports.filter(submitted_at__lte=end)
    return _json(_requests(request, reports.order_by("-submitted_at")[:MAX_REQUESTS]))


def request_detail(request, request_id: int):
    if wrong := _wrong_jurisdiction(request):
        return wrong
    report = selectors.public_report(request_id)
    if report is None:
        return error(404, _("service_request_id tidak ditemukan: %(id)s.") % {"id": request_id})
    return _json(_requests(request, [report]))


def _moment(request, name: str) -> datetime | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    value = parse_datetime(raw.replace(" ", "+"))
    if value is None or value.tzinfo is None:
        raise ValueError(
            _("%(name)s harus waktu W3C lengkap dengan zona, mis. 2026-11-01T00:00:00+07:00.")
            % {"name": name}
        )
    return value


def _service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": category.unit.display_name if category.unit else "",
    }


def _requests(request, reports) -> list[dict]:
    if hasattr(reports, "prefetch_related"):
        reports = reports.prefetch_related("photos", "events")
    return [_request(request, report) for report in reports]


def _request(request, report: Report) -> dict:
    photos = [p for p in report.photos.all() if p.stage == "laporan"]
    answers = [e for e in report.events.all() if e.public and e.action == "answered"]
    last_note = answers[-1] if answers else None
    return {
        "service_request_id": str(report.pk),
        "status": "open" if report.is_open else "closed",
        "status_notes": last_note.note if last_note else "",
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": report.unit.display_name if report.unit else "",
        "service_notice": "",
        "requested_datetime": report.submitted_at.isoformat(),
        "updated_datetime": report.updated_at.isoformat(),
        "expected_datetime": report.next_due_at.isoformat() if report.next_due_at else None,
        "address": report.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(report.latitude) if report.has_point else None,
        "long": float(report.longitude) if report.has_point else None,
        "media_url": request.build_absolute_uri(photos[0].image.url) if photos else "",
    }
