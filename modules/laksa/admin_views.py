"""Staff pages in the region's Wagtail admin (/admin/laksa/): the verifiers' triage queue,
each unit's follow-up queue, a report with its actions, and the categories. Thin: reads
from selectors, writes through services (which audit every action)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from modules.laksa import selectors, services
from modules.laksa.forms import AnswerForm, CategoryForm, PrivacyForm, ReclassifyForm, RejectForm
from modules.laksa.models import Category, Report

TRIAGE = "laksa.triage_report"
ANSWER = "laksa.answer_report"
MANAGE = "laksa.manage_categories"
REPORTER = "laksa.view_reporter"
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
    }
    title = f"{report.tracking_code}: {report.title}"
    return _page(request, "report.html", title, status=status, **context)


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
