"""Resident pages at /laksa/: report (with or without an account), follow a report by its
tracking code, rate or reopen it, and the public list, detail and map of reports.

The tracking page is for whoever holds the code (it is sent only to the reporter) and is
never cached; the public pages show only verified reports that are not rahasia, and never
an anonim reporter."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from audit.api import client_ip
from modules.laksa import maps, selectors, services
from modules.laksa.forms import FollowForm, RatingForm, ReopenForm, ReportForm, TrackForm
from modules.laksa.models import Report
from modules.laksa.photos import photo_response

PER_PAGE = 20
RATE_WINDOW_SECONDS = 3600
SCORECARD_DAYS = 365


def index(request):
    reports = selectors.public_reports()
    category = request.GET.get("kategori", "")
    status = request.GET.get("status", "")
    if category.isdigit():
        reports = reports.filter(category_id=int(category))
    if status in Report.Status.values:
        reports = reports.filter(status=status)
    reports_page = Paginator(reports, PER_PAGE).get_page(request.GET.get("halaman"))
    context = {
        "reports_page": reports_page,
        "categories": selectors.categories(),
        "statuses": [
            (v, label) for v, label in Report.Status.choices if v != Report.Status.DITOLAK
        ],
        "category": category,
        "status": status,
        "track_form": TrackForm(),
    }
    return render(request, "laksa/index.html", context)


def submit(request):
    settings = services.module_settings()
    user = request.user if request.user.is_authenticated else None
    form = ReportForm(request.POST or None, request.FILES or None, user=user, settings=settings)
    if request.method != "POST":
        return _form_page(request, form, settings)
    if limited := _too_many(request, user, settings):
        messages.error(request, limited)
        return _form_page(request, form, settings, status=429)
    if form.is_robot:
        form.add_error(None, _("Laporan tidak dapat dikirim. Muat ulang halaman dan coba lagi."))
        return _form_page(request, form, settings, status=400)
    if not form.is_valid():
        return _form_page(request, form, settings)
    data = form.cleaned_data
    try:
        report = services.submit_report(
            kind=data["kind"],
            category=data["category"],
            title=data["title"],
            description=data["description"],
            privacy=data["privacy"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            photos=form.photos,
            reporter=user,
            reporter_name=data.get("reporter_name", ""),
            reporter_email=data.get("reporter_email", ""),
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _form_page(request, form, settings)
    _count_submission(request, user)
    messages.success(
        request,
        _("Laporan terkirim. Kode pelacakan Anda: %(code)s. Simpan kode ini untuk mengikuti "
          "perkembangannya.") % {"code": report.tracking_code},
    )  # fmt: skip
    target = reverse("module-laksa:track", args=[report.tracking_code])
    return redirect(f"{target}?terkirim=1")


def _form_page(request, form, settings, status: int = 200):
    if form.is_bound and form.errors and "photos" in form.fields:
        form.add_error(
            None, _("Periksa isian yang ditandai. Pilih ulang foto Anda sebelum mengirim.")
        )
    response = render(
        request,
        "laksa/submit.html",
        {"form": form, "map": maps.map_settings(settings)},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _rate_keys(request, user) -> list[tuple[str, str]]:
    # The cache's key function adds the region's schema: one region's counts are its own.
    keys = [(f"laksa:submissions:ip:{client_ip(request) or 'unknown'}", "submissions_per_hour")]
    if user is not None:
        keys.append((f"laksa:submissions:user:{user.pk}", "submissions_per_account_per_hour"))
    return keys


def _too_many(request, user, settings) -> str:
    """Why this submission must wait (per network address, per account), or ""."""
    for key, limit in _rate_keys(request, user):
        if (cache.get(key) or 0) >= settings[limit]:
            if "user" in key:
                return _(
                    "Akun Anda sudah mengirim %(n)s laporan dalam satu jam terakhir. Isian Anda "
                    "masih ada di bawah; coba kirim lagi nanti (pilih ulang fotonya)."
                ) % {"n": settings[limit]}
            return _(
                "Terlalu banyak laporan dari jaringan Anda dalam satu jam. Isian Anda masih ada "
                "di bawah; coba kirim lagi nanti (pilih ulang fotonya)."
            )
    return ""


def _count_submission(request, user) -> None:
    for key, _limit in _rate_keys(request, user):
        if cache.add(key, 1, RATE_WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, RATE_WINDOW_SECONDS)


def similar(request):
    """The "is this the same problem?" list for the report being written: public reports of
    the same category nearby and recent (settings), as an HTML fragment the form shows."""
    settings = services.module_settings()
    reports = []
    category = selectors.categories().filter(pk=_int(request.GET.get("category"))).first()
    latitude, longitude = (
        _coordinate(request, "latitude", 90),
        _coordinate(request, "longitude", 180),
    )
    if category is not None and latitude is not None and longitude is not None:
        reports = list(
            selectors.nearby_reports(
                category,
                latitude,
                longitude,
                metres=settings["duplicate_radius_m"],
                days=settings["duplicate_days"],
            )
        )
    response = render(request, "laksa/_similar.html", {"similar": reports})
    patch_cache_control(response, private=True, max_age=0)
    return response


def _int(raw) -> int:
    return int(raw) if raw and str(raw).isdigit() else 0


def _coordinate(request, name: str, bound: int) -> float | None:
    try:
        value = float(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if -bound <= value <= bound else None


def follow(request, pk: int):
    report = selectors.public_report(pk)
    if report is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = request.user if request.user.is_authenticated else None
    form = FollowForm(request.POST)
    if form.is_valid():
        try:
            _follower, created = services.follow_report(
                report, user=user, email=form.cleaned_data["email"]
            )
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(
                request,
                _("Anda mengikuti laporan ini; kami kabari setiap perkembangannya.")
                if created
                else _("Anda sudah mengikuti laporan ini."),
            )
            return redirect("module-laksa:detail", pk=report.pk)
    return detail(request, pk, follow_form=form, status=400)


def find(request):
    form = TrackForm(request.GET or None)
    if form.is_valid():
        report = selectors.report_by_code(form.cleaned_data["kode"])
        if report is not None:
            return redirect("module-laksa:track", code=report.tracking_code)
        form.add_error("kode", _("Kode pelacakan tidak ditemukan. Periksa lagi penulisannya."))
    response = render(
        request, "laksa/find.html", {"form": form}, status=404 if form.errors else 200
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def track(request, code: str, rating_form=None, reopen_form=None, status: int = 200):
    report = _by_code(code)
    reopen_until = services.reopen_deadline(report)
    can_reopen = reopen_until is not None and timezone.now() <= reopen_until
    context = {
        "report": report,
        "events": selectors.timeline(report),
        "photos": report.photos.filter(stage="laporan"),
        "rating_form": rating_form or RatingForm(),
        "reopen_form": reopen_form or ReopenForm(),
        "can_rate": report.status == Report.Status.SELESAI and report.rating is None,
        "can_reopen": can_reopen,
        "reopen_until": reopen_until,
        "just_submitted": "terkirim" in request.GET,
        "photo_access": "track",
    }
    response = render(request, "laksa/track.html", context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def rate(request, code: str):
    report = _by_code(code)  # first: an unknown code is 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate_report(
                report, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Terima kasih atas penilaian Anda."))
            return redirect("module-laksa:track", code=report.tracking_code)
    return track(request, code, rating_form=form, status=400)


def reopen(request, code: str):
    report = _by_code(code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_report(report, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Laporan dibuka kembali dan diteruskan lagi ke petugas."))
            return redirect("module-laksa:track", code=report.tracking_code)
    return track(request, code, reopen_form=form, status=400)


def detail(request, pk: int, follow_form=None, status: int = 200):
    report = selectors.public_report(pk)
    if report is None:
        raise Http404
    context = {
        "report": report,
        "events": selectors.timeline(report),
        "photos": report.photos.filter(stage="laporan"),
        "follow_form": follow_form or FollowForm(),
        "offered": "sama" in request.GET,
        "photo_access": "public",
    }
    return render(request, "laksa/detail.html", context, status=status)


def photo(request, pk: int, photo_id: int):
    """A photo of a public report, as its public page shows it: 404 while the report is not
    public (rahasia, hidden, rejected or merged, not yet verified)."""
    report = selectors.public_report(pk)
    shown = report and selectors.shown_photo(report, photo_id)
    if not shown:
        raise Http404
    return photo_response(request, shown, public=True)


def track_photo(request, code: str, photo_id: int):
    """A photo of the report, for whoever holds its tracking code (never cached)."""
    shown = selectors.shown_photo(_by_code(code), photo_id)
    if shown is None:
        raise Http404
    return photo_response(request, shown, public=False)


def map_page(request):
    settings = services.module_settings()
    reports = list(selectors.public_reports().filter(latitude__isnull=False)[: maps.MAX_POINTS])
    context = {
        "map": maps.map_settings(settings),
        "reports": reports[: maps.MAX_LISTED],
        "more": len(reports) > maps.MAX_LISTED,
        "points": maps.points(reports),
    }
    return render(request, "laksa/map.html", context)


def _by_code(code: str) -> Report:
    report = selectors.report_by_code(code)
    if report is None:
        raise Http404
    return report


def scorecard(request):
    """Per OPD: received, median response, % late, % done, satisfaction (the "nilai merah")."""
    days = SCORECARD_DAYS
    return render(
        request, "laksa/scorecard.html", {"scores": selectors.scorecard(days=days), "days": days}
    )
