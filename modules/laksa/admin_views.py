"""Staff pages in the region's Wagtail admin (/admin/laksa/): the verifiers' triage queue,
each unit's follow-up queue, a report with its actions, and the categories. Thin: reads
from selectors, writes through services (which audit every action)."""

from __future__ import annotations

import csv
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from modules.laksa import selectors, services
from modules.laksa.forms import (
    AnswerForm,
    ApiKeyForm,
    CategoryForm,
    HideForm,
    MergeForm,
    PrivacyForm,
    ReclassifyForm,
    RedactForm,
    RedactPhotoForm,
    RejectForm,
    StatisticsForm,
)
from modules.laksa.models import ApiKey, Category, Report, ReportPhoto
from modules.laksa.photos import photo_response
from workdays import api as workdays

TRIAGE = "laksa.triage_report"
ANSWER = "laksa.answer_report"
MANAGE = "laksa.manage_categories"
REPORTER = "laksa.view_reporter"
# The region admin issues and revokes Open311 keys.
KEYS = "accounts.manage_modules"
NS = "module-laksa-admin"
SHOW_CHOICES = {
    "unverified": gettext_lazy("Belum diverifikasi"),
    "open": gettext_lazy("Semua yang terbuka"),
    "all": gettext_lazy("Semua"),
}


def _require(request, *permissions: str) -> None:
    if not any(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def _page(request, template: str, title: str, status: int = 200, **context) -> TemplateResponse:
    context.update(page_title=title, header_title=title, header_icon="mail")
    return TemplateResponse(request, f"laksa/admin/{template}", context, status=status)


# --- queues -------------------------------------------------------------------------------------
def triage(request):
    _require(request, TRIAGE)
    show = request.GET.get("tampil", "open")
    show = show if show in SHOW_CHOICES else "open"
    reports = selectors.triage_queue(show=show)[:200]
    return _page(
        request,
        "list.html",
        _("LAKSA: verifikasi"),
        reports=reports,
        show=show,
        show_choices=SHOW_CHOICES.items(),
        intro=_(
            "Verifikasi laporan baru, tolak yang tidak dapat ditindaklanjuti, atur "
            "kerahasiaan, dan alihkan laporan yang salah kategori."
        ),  # fmt: skip
    )


def queue(request):
    _require(request, ANSWER)
    show = request.GET.get("tampil", "open")
    show = "all" if show == "all" else "open"
    units = selectors.officer_units(request.user)
    return _page(
        request,
        "list.html",
        _("LAKSA: tindak lanjut"),
        reports=selectors.officer_queue(request.user, show=show)[:200],
        show=show,
        show_choices=[(k, v) for k, v in SHOW_CHOICES.items() if k != "unverified"],
        intro=_("Laporan untuk unit Anda: %(units)s.")
        % {"units": ", ".join(u.display_name for u in units if u.is_office) or _("(belum ada)")},
        no_units=not units,
    )


# --- one report ---------------------------------------------------------------------------------
def report_page(request, pk: int, forms: dict | None = None, status: int = 200):
    report = get_object_or_404(Report.objects.select_related("category", "unit"), pk=pk)
    if not selectors.may_see(request.user, report):
        raise PermissionDenied
    user = request.user
    settings = services.module_settings()
    forms = forms or {}
    can_triage = user.has_perm(TRIAGE)
    can_answer = selectors.may_answer(user, report)
    context = {
        "report": report,
        "events": selectors.timeline(report, staff=True),
        "photos": report.photos.filter(stage="laporan"),
        "escalations": report.escalations.all(),
        "can_triage": can_triage and report.is_open,
        "can_answer": can_answer and report.is_open,
        "show_reporter": user.has_perm(REPORTER) or report.privacy == Report.Privacy.PUBLIK,
        "show_reporter_contact": user.has_perm(REPORTER),
        "reject_form": forms.get("reject") or RejectForm(),
        "privacy_form": forms.get("privacy") or PrivacyForm(initial={"privacy": report.privacy}),
        "reclassify_form": forms.get("reclassify")
        or ReclassifyForm(initial={"category": report.category_id}),
        "answer_form": forms.get("answer") or AnswerForm(settings=settings),
        "can_moderate": can_triage,
        "merge_form": forms.get("merge") or MergeForm(report=report),
        "merged": report.merged.all(),
        "hide_form": forms.get("hide") or HideForm(),
        "redact_form": forms.get("redact")
        or RedactForm(initial={"title": report.title, "description": report.description}),
        "live_photos": report.photos.filter(redacted_at__isnull=True),
        "photo_access": "staff",
    }
    title = f"{report.tracking_code}: {report.title}"
    return _page(request, "report.html", title, status=status, **context)


def photo(request, pk: int, photo_id: int):
    """A photo of a report, for staff who may see the report (never cached)."""
    report = get_object_or_404(Report, pk=pk)
    if not selectors.may_see(request.user, report):
        raise PermissionDenied
    shown = selectors.shown_photo(report, photo_id, staff=True)
    if shown is None:
        raise Http404
    return photo_response(request, shown, public=False)


def _acting_on(request, pk: int, permission: str | None) -> Report:
    """The report an action is about: 404 for an unknown id (whatever the method), then the
    method, then the permission."""
    found = get_object_or_404(Report, pk=pk)
    if request.method != "POST":
        raise _NotPost
    if permission == ANSWER:
        allowed = selectors.may_answer(request.user, found)
    else:
        allowed = request.user.has_perm(permission)
    if not allowed:
        raise PermissionDenied
    return found


class _NotPost(Exception):
    pass


def _action(permission: str):
    """Decorate an action view: lookup, POST only, permission, service errors as messages."""

    def wrap(view):
        def handle(request, pk: int):
            try:
                found = _acting_on(request, pk, permission)
            except _NotPost:
                return HttpResponseNotAllowed(["POST"])
            try:
                return view(request, found)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect(f"{NS}:report", pk=found.pk)

        handle.__name__ = view.__name__
        handle.__module__ = view.__module__
        return handle

    return wrap


def _done(request, report: Report, text: str):
    messages.success(request, text)
    return redirect(f"{NS}:report", pk=report.pk)


@_action(TRIAGE)
def verify(request, report: Report):
    services.verify_report(report, actor=request.user, request=request)
    return _done(request, report, _("Laporan %(code)s diverifikasi.") % _code(report))


@_action(TRIAGE)
def reject(request, report: Report):
    form = RejectForm(request.POST)
    if not form.is_valid():
        return report_page(request, report.pk, forms={"reject": form}, status=400)
    services.reject_report(
        report, reason=form.cleaned_data["reason"], actor=request.user, request=request
    )
    return _done(request, report, _("Laporan %(code)s ditolak.") % _code(report))


@_action(TRIAGE)
def privacy(request, report: Report):
    form = PrivacyForm(request.POST)
    if not form.is_valid():
        return report_page(request, report.pk, forms={"privacy": form}, status=400)
    services.set_privacy(report, form.cleaned_data["privacy"], actor=request.user, request=request)
    return _done(request, report, _("Kerahasiaan laporan %(code)s disimpan.") % _code(report))


@_action(TRIAGE)
def reclassify(request, report: Report):
    form = ReclassifyForm(request.POST)
    if not form.is_valid():
        return report_page(request, report.pk, forms={"reclassify": form}, status=400)
    services.reclassify(report, form.cleaned_data["category"], actor=request.user, request=request)
    return _done(request, report, _("Laporan %(code)s dialihkan.") % _code(report))


@_action(ANSWER)
def answer(request, report: Report):
    form = AnswerForm(request.POST, request.FILES, settings=services.module_settings())
    if not form.is_valid():
        return report_page(request, report.pk, forms={"answer": form}, status=400)
    data = form.cleaned_data
    services.answer_report(
        report,
        note=data["note"],
        status=data["status"],
        actor=request.user,
        request=request,
        photos=[(photo, data["photo_stage"]) for photo in form.photos],
    )
    return _done(request, report, _("Tanggapan atas laporan %(code)s dikirim.") % _code(report))


@_action(TRIAGE)
def merge(request, report: Report):
    form = MergeForm(request.POST, report=report)
    if not form.is_valid():
        return report_page(request, report.pk, forms={"merge": form}, status=400)
    into = form.cleaned_data["into"]
    services.merge_report(report, into=into, actor=request.user, request=request)
    return _done(
        request,
        report,
        _("Laporan %(code)s digabung ke %(into)s.")
        % {"code": report.tracking_code, "into": into.tracking_code},
    )


@_action(TRIAGE)
def hide(request, report: Report):
    form = HideForm(request.POST)
    if not form.is_valid():
        return report_page(request, report.pk, forms={"hide": form}, status=400)
    services.hide_report(
        report, reason=form.cleaned_data["reason"], actor=request.user, request=request
    )
    return _done(request, report, _("Laporan %(code)s disembunyikan dari publik.") % _code(report))


@_action(TRIAGE)
def show(request, report: Report):
    services.show_report(report, actor=request.user, request=request)
    return _done(request, report, _("Laporan %(code)s ditampilkan kembali.") % _code(report))


@_action(TRIAGE)
def redact(request, report: Report):
    form = RedactForm(request.POST)
    if not form.is_valid():
        return report_page(request, report.pk, forms={"redact": form}, status=400)
    services.redact_report(report, actor=request.user, request=request, **form.cleaned_data)
    return _done(request, report, _("Isi laporan %(code)s disunting.") % _code(report))


@_action(TRIAGE)
def redact_photo(request, report: Report):
    form = RedactPhotoForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Tulis alasan menghapus foto."))
    photo = get_object_or_404(ReportPhoto, pk=form.cleaned_data["photo"], report=report)
    services.redact_photo(
        photo, reason=form.cleaned_data["reason"], actor=request.user, request=request
    )
    return _done(request, report, _("Foto laporan %(code)s dihapus.") % _code(report))


def _code(report: Report) -> dict:
    return {"code": report.tracking_code}


# --- categories ---------------------------------------------------------------------------------
def categories(request):
    _require(request, MANAGE)
    return _page(
        request,
        "categories.html",
        _("LAKSA: kategori"),
        categories=selectors.categories(active_only=False),
        settings=services.module_settings(),
    )


def category_add(request):
    _require(request, MANAGE)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category = services.add_category(
                actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Kategori %(name)s ditambahkan.") % {"name": category.name})
            return redirect(f"{NS}:categories")
    return _page(request, "form.html", _("Tambah kategori"), form=form)


def category_edit(request, pk: int):
    _require(request, MANAGE)
    category = get_object_or_404(Category, pk=pk)
    form = CategoryForm(request.POST or None, instance=Category.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_category(
                category, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Kategori %(name)s disimpan.") % {"name": category.name})
            return redirect(f"{NS}:categories")
    title = _("Ubah kategori %(name)s") % {"name": category.name}
    return _page(request, "form.html", title, form=form)


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# --- statistics ---------------------------------------------------------------------------------
def _period(request):
    """(form, start, end) of the period asked for: aware instants in the region's zone."""
    form = StatisticsForm(request.GET or None)
    start = end = None
    if form.is_valid():
        zone = workdays.work_calendar().zone
        if form.cleaned_data.get("start"):
            start = datetime.combine(form.cleaned_data["start"], time.min, tzinfo=zone)
        if form.cleaned_data.get("end"):
            end = datetime.combine(form.cleaned_data["end"] + timedelta(days=1), time.min, zone)
    return form, start, end


STATISTICS_TITLES = {
    "category": gettext_lazy("Per kategori"),
    "unit": gettext_lazy("Per OPD"),
    "month": gettext_lazy("Per bulan"),
    "status": gettext_lazy("Per status"),
}


def statistics(request):
    _require(request, TRIAGE)
    form, start, end = _period(request)
    tables = selectors.report_statistics(start, end)
    return _page(
        request,
        "statistics.html",
        _("LAKSA: statistik"),
        form=form,
        tables=[(STATISTICS_TITLES[name], rows) for name, rows in tables.items()],
        query=request.GET.urlencode(),
    )


def _csv_response(filename: str) -> tuple[HttpResponse, csv.writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    return response, csv.writer(response)


def _cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def statistics_csv(request):
    _require(request, TRIAGE)
    _form, start, end = _period(request)
    response, writer = _csv_response("laksa-statistik.csv")
    writer.writerow(
        [_("Kelompok"), _("Nilai"), _("Diterima"), _("Selesai"), _("Terlambat"), _("Terbuka")]
    )
    for name, rows in selectors.report_statistics(start, end).items():
        for row in rows:
            writer.writerow(
                [_cell(STATISTICS_TITLES[name]), _cell(row["label"])]
                + [row[m] for m in ("received", "done", "late", "open")]
            )
    return response


def reports_csv(request):
    """Every report of the period. The reporter is named only for a public report: the file
    leaves the admin, so an anonim or rahasia reporter is never in it, whoever exports."""
    _require(request, TRIAGE)
    _form, start, end = _period(request)
    zone = workdays.work_calendar().zone
    response, writer = _csv_response("laksa-laporan.csv")
    writer.writerow(
        [
            _("Kode"),
            _("Diterima"),
            _("Jenis"),
            _("Kategori"),
            _("OPD"),
            _("Status"),
            _("Kerahasiaan"),
            _("Judul"),
            _("Alamat"),
            _("Batas tanggapan"),
            _("Tanggapan pertama"),
            _("Nilai"),
            _("Pelapor"),
        ]
    )
    hidden = _("(dirahasiakan)")
    for report in selectors.reports_for_export(start, end).iterator(chunk_size=2000):
        writer.writerow(
            [
                _cell(v)
                for v in (
                    report.tracking_code,
                    f"{report.submitted_at.astimezone(zone):%Y-%m-%d %H:%M}",
                    report.get_kind_display(),
                    report.category.name,
                    report.unit.display_name if report.unit else "",
                    report.get_status_display(),
                    report.privacy,
                    report.title,
                    report.address,
                    f"{report.respond_due_at.astimezone(zone):%Y-%m-%d %H:%M}",
                    f"{report.first_response_at.astimezone(zone):%Y-%m-%d %H:%M}"
                    if report.first_response_at
                    else "",
                    report.rating or "",
                    hidden if report.reporter_hidden else report.reporter_name,
                )
            ]
        )
    return response


# --- Open311 API keys ---------------------------------------------------------------------------
def api_keys(request):
    _require(request, KEYS)
    form = ApiKeyForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        key, raw = services.issue_api_key(
            name=form.cleaned_data["name"], actor=request.user, request=request
        )
        issued = {"key": key, "raw": raw}
        form = ApiKeyForm()
    response = _page(
        request,
        "api_keys.html",
        _("LAKSA: kunci API Open311"),
        form=form,
        issued=issued,
        keys=ApiKey.objects.all(),
        endpoint=request.build_absolute_uri("/open311/v2/discovery.json"),
    )
    response["Cache-Control"] = "no-store"
    return response


def api_key_revoke(request, pk: int):
    key = get_object_or_404(ApiKey, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _require(request, KEYS)
    try:
        services.revoke_api_key(key, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kunci %(name)s dicabut.") % {"name": key.name})
    return redirect(f"{NS}:api_keys")
