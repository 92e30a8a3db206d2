"""Resident pages at /kerja/: search and read vacancies, the job-seeker profile, applying,
and one's own applications. Thin: reads through selectors, writes through services."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.private_files import stream_private_file
from modules.jobs import alerts, card_pdf, cards, forms, selectors, services
from modules.jobs.formatting import salary_text
from modules.jobs.models import JobFair

PAGE_SIZE = 20
NS = "module-jobs"


def index(request):
    form = forms.SearchForm(request.GET or None)
    found = selectors.search(form.filters())
    results = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobs/index.html",
        {
            "form": form,
            "results": results,
            "vacancies": results.object_list,
            "query": query.urlencode(),
            "filtered": form.is_filtered,
        },
    )


def vacancy_detail(request, pk: int):
    vacancy = get_object_or_404(selectors.listed_vacancies(), pk=pk)
    context = {
        "vacancy": vacancy,
        "salary": salary_text(vacancy),
        "is_open": selectors.is_open(vacancy),
        "application": selectors.application_of(request.user, vacancy),
        "is_member": selectors.is_member(request.user, vacancy.company),
    }
    return render(request, "jobs/vacancy.html", context)


@login_required
def apply(request, pk: int):
    vacancy = get_object_or_404(selectors.listed_vacancies(), pk=pk)
    existing = selectors.application_of(request.user, vacancy)
    if existing is not None:
        messages.info(request, _("Anda sudah melamar lowongan ini."))
        return redirect(f"{NS}:my_application", existing.pk)
    profile = selectors.profile_of(request.user)
    if profile is None:
        messages.info(request, _("Lengkapi profil pencari kerja Anda dulu, lalu lamar lagi."))
        return redirect(f"{reverse(f'{NS}:profile')}?lanjut={vacancy.pk}")
    form = forms.ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(
                vacancy,
                user=request.user,
                cover_note=form.cleaned_data["cover_note"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Lamaran Anda untuk %(title)s terkirim.") % {"title": vacancy.title}
            )
            return redirect(f"{NS}:my_application", application.pk)
    context = {
        "vacancy": vacancy,
        "form": form,
        "profile": profile,
        "has_cv": selectors.has_cv(profile),
        "is_open": selectors.is_open(vacancy),
    }
    return render(request, "jobs/apply.html", context)


@login_required
def profile(request):
    current = selectors.profile_of(request.user)
    has_cv = selectors.has_cv(current)
    form = forms.ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=current,
        cv_limit_mb=selectors.module_settings()["cv_max_mb"],
        has_cv=has_cv,
    )
    if request.method == "POST" and form.is_valid():
        files = ("cv", "remove_cv", "photo", "remove_photo")
        data = {k: v for k, v in form.cleaned_data.items() if k not in files}
        try:
            services.save_profile(
                request.user,
                cv=form.cleaned_data.get("cv"),
                remove_cv=form.cleaned_data.get("remove_cv", False),
                photo=form.cleaned_data.get("photo"),
                remove_photo=form.cleaned_data.get("remove_photo", False),
                **data,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Profil pencari kerja Anda tersimpan."))
            following = request.GET.get("lanjut", "")
            if following.isdigit():
                return redirect(f"{NS}:apply", int(following))
            return redirect(f"{NS}:profile")
    context = {"form": form, "profile": current, "has_cv": has_cv}
    return render(request, "jobs/profile.html", context)


@login_required
def my_cv(request):
    profile = selectors.profile_of(request.user)
    if not selectors.has_cv(profile):
        raise Http404
    return cv_response(profile.cv)


@login_required
def my_photo(request):
    profile = selectors.profile_of(request.user)
    if profile is None or not profile.photo:
        raise Http404
    return photo_response(request, profile)


def photo_response(request, profile) -> FileResponse:
    return stream_private_file(
        request, profile.photo.name, "foto.jpg", "image/jpeg", as_attachment=False
    )


def cv_response(cv) -> HttpResponse:
    response = HttpResponse(bytes(cv.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{cv.file_name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_applications(request):
    applications = selectors.applications_of(request.user)
    return render(request, "jobs/my_applications.html", {"applications": applications})


@login_required
def my_application(request, pk: int):
    application = get_object_or_404(selectors.applications_of(request.user), pk=pk)
    context = {
        "application": application,
        "events": application.events.all(),
        "vacancy": application.vacancy,
    }
    return render(request, "jobs/my_application.html", context)


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# --- AK/1 -------------------------------------------------------------------------------------
@login_required
def cards_page(request):
    reason = cards.why_not_request(request.user)
    form = forms.CardRequestForm(request.POST or None) if not reason else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            cards.request_card(request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Permohonan kartu AK/1 terkirim ke Disnaker."))
            return redirect(f"{NS}:cards")
    today = selectors.region_today()
    held = list(cards.cards_of(request.user))
    reportable = next((c for c in held if cards.may_report(c, today)), None)
    context = {
        "cards": held,
        "reportable": reportable,
        "report_form": forms.CardReportForm() if reportable else None,
        "form": form,
        "reason": reason,
        "has_profile": selectors.profile_of(request.user) is not None,
        "today": today,
    }
    return render(request, "jobs/cards.html", context)


@login_required
def card_report(request, pk: int):
    """The holder's six-monthly report, from their AK/1 page."""
    card = get_object_or_404(cards.cards_of(request.user), pk=pk)
    if request.method != "POST":
        return redirect(f"{NS}:cards")
    form = forms.CardReportForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        cards.report(
            card,
            user=request.user,
            still_looking=form.cleaned_data["status"],
            employer=form.cleaned_data["employer"],
            note=form.cleaned_data["note"],
            request=request,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Laporan kartu AK/1 Anda tersimpan. Terima kasih."))
    return redirect(f"{NS}:cards")


@login_required
def card_print(request, pk: int):
    card = get_object_or_404(cards.cards_of(request.user).filter(status="issued"), pk=pk)
    check_url = request.build_absolute_uri(reverse(f"{NS}:card_check", args=[card.check_code]))
    context = {
        "card": card,
        "qr_svg": segno.make(check_url, error="m").svg_inline(scale=3),
        "check_url": check_url,
    }
    return render(request, "jobs/card_print.html", context)


@login_required
def card_print_pdf(request, pk: int):
    card = get_object_or_404(cards.cards_of(request.user).filter(status="issued"), pk=pk)
    check_url = request.build_absolute_uri(reverse(f"{NS}:card_check", args=[card.check_code]))
    body = card_pdf.render(
        card,
        region_name=connection.tenant.name,
        check_url=check_url,
        report_dates=cards.report_dates(card),
    )
    response = HttpResponse(body, content_type="application/pdf")
    name = f"kartu-ak1-{card.number.replace('/', '-')}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def card_check(request, code: str):
    """What the card's QR code opens: whether the card is genuine and valid today."""
    card = get_object_or_404(cards.JobCard, check_code=code, status="issued")
    context = {
        "card": card,
        "holder": cards.masked_name(card.full_name),
        "valid": card.valid_until >= selectors.region_today(),
    }
    response = render(request, "jobs/card_check.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


# --- saved searches ---------------------------------------------------------------------------
@login_required
def searches(request):
    return render(request, "jobs/searches.html", {"searches": alerts.searches_of(request.user)})


@login_required
def search_save(request):
    if request.method != "POST":
        return redirect(f"{NS}:searches")
    try:
        saved = alerts.save_search(request.user, request.POST)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(f"{NS}:searches")
    messages.success(
        request,
        _("Pencarian “%(label)s” disimpan. Kami kirim email bila ada lowongan baru yang cocok.")
        % {"label": saved.label},
    )
    return redirect(f"{NS}:searches")


@login_required
def search_delete(request, pk: int):
    saved = get_object_or_404(alerts.searches_of(request.user), pk=pk)
    if request.method == "POST":
        alerts.delete_search(saved)
        messages.success(request, _("Pencarian “%(label)s” dihapus.") % {"label": saved.label})
    return redirect(f"{NS}:searches")


# --- job fairs ----------------------------------------------------------------------------------
def fairs(request):
    return render(request, "jobs/fairs.html", {"fairs": selectors.upcoming_fairs()})


def fair(request, pk: int):
    fair = get_object_or_404(JobFair.objects.filter(published=True).select_related("area"), pk=pk)
    taking_part = list(fair.companies.filter(status="verified").order_by("name"))
    vacancies: dict[int, list] = {}
    for vacancy in selectors.open_vacancies().filter(company__in=taking_part):
        vacancies.setdefault(vacancy.company_id, []).append(vacancy)
    companies = [(company, vacancies.get(company.pk, [])) for company in taking_part]
    context = {"fair": fair, "companies": companies, "today": selectors.region_today()}
    return render(request, "jobs/fair.html", context)
