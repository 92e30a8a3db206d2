"""Open311 GeoReport v2 on each region's host (/open311/v2/, also /api/laksa/open311/v2/),
in JSON and XML: discovery, services (the categories), a service's definition, the public
reports with the spec's filters, a new report posted with an API key, and the token a
posting client follows until its report has an id.

Only what the public pages show is served: verified reports that are not rahasia or hidden,
without any reporter. A request's id is the report's number, never its tracking code (the
code is what lets its holder rate or reopen it). Errors are the spec's list of
{code, description} (XML: <errors><error>). jurisdiction_id is the region's domain.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from modules.laksa import selectors, services
from modules.laksa.models import Category, Report

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00Z"
MAX_REQUESTS = 1000
RATE_WINDOW_SECONDS = 3600
TITLE_LENGTH = 80
FORMATS = {"json": "application/json", "xml": "text/xml"}
# The element of each item of a list, in the spec's XML.
XML_ITEMS = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute"}


# --- answers in either format ----------------------------------------------------------------
def respond(fmt: str, data, root: str, item: str = "", status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(
            _xml(data, root, item), status=status, content_type="text/xml; charset=utf-8"
        )
    return JsonResponse(data, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(
        fmt, [{"code": status, "description": description}], "errors", "error", status=status
    )


def _xml(data, root: str, item: str) -> bytes:
    element = ET.Element(root)
    if isinstance(data, list):
        for value in data:
            _fill(ET.SubElement(element, item), value)
    else:
        _fill(element, data)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for name, inner in value.items():
            child = ET.SubElement(element, name)
            if isinstance(inner, list):
                for each in inner:
                    _fill(ET.SubElement(child, XML_ITEMS.get(name, "item")), each)
            else:
                _fill(child, inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def _jurisdiction_error(request, fmt: str, params) -> HttpResponse | None:
    asked = params.get("jurisdiction_id")
    if asked and asked.lower() != request.get_host().split(":")[0].lower():
        return error(fmt, 404, _("jurisdiction_id tidak dikenal di server ini."))
    return None


# --- reading ---------------------------------------------------------------------------------
def discovery(request, fmt: str = "json"):
    base = request.build_absolute_uri(request.path).rsplit("/", 1)[0]
    data = {
        "changeset": CHANGESET,
        "contact": _("Layanan LAKSA %(host)s") % {"host": request.get_host()},
        "key_service": _("Minta kunci API kepada admin daerah %(host)s.")
        % {"host": request.get_host()},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": list(FORMATS.values()),
            }
        ],
    }
    return respond(fmt, data, "discovery")


def services_list(request, fmt: str = "json"):
    if wrong := _jurisdiction_error(request, fmt, request.GET):
        return wrong
    return respond(fmt, [_service(c) for c in selectors.categories()], "services", "service")


def service_definition(request, service_code: str, fmt: str = "json"):
    if wrong := _jurisdiction_error(request, fmt, request.GET):
        return wrong
    if not Category.objects.filter(code=service_code, active=True).exists():
        return error(fmt, 404, _("service_code tidak dikenal: %(code)s.") % {"code": service_code})
    return respond(fmt, {"service_code": service_code, "attributes": []}, "service_definition")


@csrf_exempt  # a machine client with an API key, not a browser session
def requests_endpoint(request, fmt: str = "json"):
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return _requests_list(request, fmt)


def _requests_list(request, fmt: str):
    if wrong := _jurisdiction_error(request, fmt, request.GET):
        return wrong
    reports = selectors.public_reports()
    ids = request.GET.get("service_request_id")
    if ids:
        wanted = [part.strip() for part in ids.split(",") if part.strip()]
        if not all(part.isdigit() for part in wanted):
            return error(fmt, 400, _("service_request_id harus berupa angka, dipisah koma."))
        found = reports.filter(pk__in=[int(p) for p in wanted])
        return _requests_response(request, fmt, found)
    codes = [c for c in request.GET.get("service_code", "").split(",") if c]
    if codes:
        reports = reports.filter(category__code__in=codes)
    status = request.GET.get("status", "")
    if status:
        statuses = {s.strip() for s in status.split(",")}
        if not statuses <= {"open", "closed"}:
            return error(fmt, 400, _("status harus open atau closed."))
        if statuses == {"open"}:
            reports = reports.filter(status__in=Report.OPEN_STATUSES)
        elif statuses == {"closed"}:
            reports = reports.exclude(status__in=Report.OPEN_STATUSES)
    try:
        start, end = _moment(request, "start_date"), _moment(request, "end_date")
    except ValueError as exc:
        return error(fmt, 400, str(exc))
    if start:
        reports = reports.filter(submitted_at__gte=start)
    if end:
        reports = reports.filter(submitted_at__lte=end)
    return _requests_response(request, fmt, reports.order_by("-submitted_at")[:MAX_REQUESTS])


def request_detail(request, request_id: int, fmt: str = "json"):
    if wrong := _jurisdiction_error(request, fmt, request.GET):
        return wrong
    report = selectors.public_report(request_id)
    if report is None:
        return error(
            fmt, 404, _("service_request_id tidak ditemukan: %(id)s.") % {"id": request_id}
        )
    return _requests_response(request, fmt, [report])


def token_detail(request, token: str, fmt: str = "json"):
    """The id of the report posted with this token, once it is public (verified); until
    then service_request_id is empty, as the spec allows."""
    if wrong := _jurisdiction_error(request, fmt, request.GET):
        return wrong
    report = Report.objects.filter(open311_token=token).first()
    if report is None:
        return error(fmt, 404, _("token tidak ditemukan: %(token)s.") % {"token": token})
    request_id = str(report.pk) if report.is_public else None
    return respond(
        fmt,
        [{"service_request_id": request_id, "token": token}],
        "service_requests",
        "request",
    )


# --- writing ---------------------------------------------------------------------------------
def _post_request(request, fmt: str):
    params = request.POST
    if wrong := _jurisdiction_error(request, fmt, params):
        return wrong
    key = services.api_key_in_use(params.get("api_key", ""))
    if key is None:
        return error(fmt, 403, _("api_key tidak ada, tidak dikenal atau sudah dicabut."))
    # The cache's key function adds the region's schema; a key's count is its region's.
    counter = f"laksa:submissions:api:{key.pk}"
    limit = services.module_settings()["api_submissions_per_hour"]
    if (cache.get(counter) or 0) >= limit:
        return error(
            fmt, 429, _("Batas %(n)s laporan per jam untuk kunci ini tercapai.") % {"n": limit}
        )
    code = params.get("service_code", "").strip()
    if not code:
        return error(fmt, 400, _("service_code wajib diisi."))
    category = Category.objects.filter(code=code, active=True).select_related("unit").first()
    if category is None:
        return error(fmt, 404, _("service_code tidak dikenal: %(code)s.") % {"code": code})
    try:
        latitude, longitude = _point(params)
    except ValueError as exc:
        return error(fmt, 400, str(exc))
    address = params.get("address_string", "").strip()
    if latitude is None and not address:
        return error(fmt, 400, _("Lokasi wajib: lat dan long, atau address_string."))
    description = params.get("description", "").strip()
    if not description:
        return error(fmt, 400, _("description wajib diisi."))
    name = " ".join(p for p in (params.get("first_name", ""), params.get("last_name", "")) if p)
    try:
        report = services.submit_report(
            kind=Report.Kind.PENGADUAN,
            category=category,
            title=_title(description),
            description=description[:4000],
            # A client's residents never chose to be named in public.
            privacy=Report.Privacy.ANONIM,
            address=address[:250],
            latitude=latitude,
            longitude=longitude,
            reporter_name=name[:150],
            reporter_email=params.get("email", "").strip()[:254],
            api_key=key,
        )
    except ValidationError as exc:
        return error(fmt, 400, " ".join(exc.messages))
    if not cache.add(counter, 1, RATE_WINDOW_SECONDS):
        try:
            cache.incr(counter)
        except ValueError:  # expired between add and incr
            cache.set(counter, 1, RATE_WINDOW_SECONDS)
    notice = _("Laporan diterima dan akan diverifikasi paling lambat %(due)s.") % {
        "due": report.verify_due_at.isoformat()
    }
    return respond(
        fmt,
        [{"token": report.open311_token, "service_notice": notice, "account_id": None}],
        "service_requests",
        "request",
        status=201,
    )


def _point(params) -> tuple[Decimal | None, Decimal | None]:
    raw_lat, raw_long = params.get("lat", "").strip(), params.get("long", "").strip()
    if not raw_lat and not raw_long:
        return None, None
    try:
        latitude, longitude = Decimal(raw_lat), Decimal(raw_long)
    except InvalidOperation:
        raise ValueError(_("lat dan long harus berupa angka desimal (WGS84).")) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(_("lat atau long di luar jangkauan."))
    return round(latitude, 6), round(longitude, 6)


def _title(description: str) -> str:
    first_line = description.splitlines()[0].strip()
    if len(first_line) <= TITLE_LENGTH:
        return first_line
    return first_line[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


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


def _requests_response(request, fmt: str, reports) -> HttpResponse:
    if hasattr(reports, "prefetch_related"):
        reports = reports.prefetch_related("photos", "events")
    data = [_request(request, report) for report in reports]
    return respond(fmt, data, "service_requests", "request")


def _request(request, report: Report) -> dict:
    photos = [p for p in report.photos.all() if p.stage == "laporan" and not p.redacted_at]
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
        "media_url": _media_url(request, report, photos),
    }


def _media_url(request, report: Report, photos) -> str:
    """The first photo's checked public address (the report page's), for a public report."""
    if not photos or not report.is_public:
        return ""
    return request.build_absolute_uri(reverse("module-laksa:photo", args=[report.pk, photos[0].pk]))
