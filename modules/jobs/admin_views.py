"""Disnaker's pages in the region's Wagtail admin (/admin/jobs/): companies to verify,
vacancies to moderate, statistics with CSV export. Thin: selectors read, services write."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from modules.jobs import cards, documents, forms, selectors, services
from modules.jobs import statistics as figures
from modules.jobs.formatting import salary_text
from modules.jobs.models import Company, JobCard, JobFair, Vacancy

VERIFY = "jobs.verify_companies"
MODERATE = "jobs.moderate_vacancies"
STATISTICS = "jobs.view_job_statistics"
ISSUE = cards.ISSUE
NS = "module-jobs-admin"


def _require(request, *permissions: str) -> None:
    if not any(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def _page(request, template: str, title: str, **context) -> TemplateResponse:
    context.update(page_title=title, header_title=title, header_icon="user")
    return TemplateResponse(request, f"jobs/admin/{template}", context)


def index(request):
    _require(request, VERIFY, MODERATE, ISSUE)
    return _page(
        request,
        "index.html",
        _("Siap Kerja"),
        companies=selectors.companies_waiting().select_related("area")[:50],
        vacancies=selectors.vacancies_waiting()[:50],
        can_verify=request.user.has_perm(VERIFY),
        can_moderate=request.user.has_perm(MODERATE),
        can_see_statistics=request.user.has_perm(STATISTICS),
        can_issue=request.user.has_perm(ISSUE),
        cards_waiting=cards.cards_waiting().count(),
        open_count=selectors.open_vacancy_count(),
        verified_count=selectors.verified_company_count(),
    )


def _decide(request, form, *, plain: dict, with_reason: dict) -> bool:
    """Carry out the decision the staff member posted: an action in `plain` as it is, one in
    `with_reason` with the form's reason. Refusals become error messages; True when done."""
    action = request.POST.get("action")
    try:
        if action in plain:
            plain[action]()
        elif action in with_reason and form.is_valid():
            with_reason[action](form.cleaned_data["reason"])
        else:
            raise ValidationError(form.errors.get("reason") or _("Pilih tindakan yang tersedia."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True


def _status(request, choices) -> str:
    wanted = request.GET.get("status", "")
    return wanted if wanted in dict(choices) else ""


def companies(request):
    _require(request, VERIFY)
    status = _status(request, Company.Status.choices)
    found = Company.objects.select_related("area").order_by("name")
    if status:
        found = found.filter(status=status)
    return _page(
        request,
        "companies.html",
        _("Perusahaan"),
        companies=found[:500],
        status=status,
        statuses=Company.Status.choices,
    )


def company(request, pk: int):
    _require(request, VERIFY)
    company = get_object_or_404(Company, pk=pk)
    form = forms.ReasonForm(request.POST or None)
    who = {"actor": request.user, "request": request}
    if request.method == "POST" and _decide(
        request,
        form,
        plain={"verify": lambda: services.verify_company(company, **who)},
        with_reason={
            "reject": lambda reason: services.reject_company(company, reason, **who),
            "suspend": lambda reason: services.suspend_company(company, reason, **who),
        },
    ):
        company.refresh_from_db()
        messages.success(
            request,
            _("%(name)s kini berstatus %(status)s.")
            % {"name": company.name, "status": company.get_status_display()},
        )
        return redirect(f"{NS}:company", company.pk)
    return _page(
        request,
        "company.html",
        company.name,
        company=company,
        members=selectors.members_of(company),
        documents=documents.documents_of(company),
        vacancies=company.vacancies.order_by("-created_at")[:100],
        form=form,
    )


def company_document(request, pk: int, document: int):
    _require(request, VERIFY)
    company = get_object_or_404(Company, pk=pk)
    found = get_object_or_404(documents.documents_of(company), pk=document)
    return documents.document_response(found, actor=request.user, request=request)


def vacancies(request):
    _require(request, MODERATE)
    status = _status(request, Vacancy.Status.choices)
    found = Vacancy.objects.select_related("company").order_by("-created_at")
    if status:
        found = found.filter(status=status)
    return _page(
        request,
        "vacancies.html",
        _("Lowongan"),
        vacancies=found[:500],
        status=status,
        statuses=Vacancy.Status.choices,
        today=selectors.region_today(),
    )


def vacancy(request, pk: int):
    _require(request, MODERATE)
    vacancy = get_object_or_404(Vacancy.objects.select_related("company", "area"), pk=pk)
    form = forms.ReasonForm(request.POST or None)
    who = {"actor": request.user, "request": request}
    if request.method == "POST" and _decide(
        request,
        form,
        plain={"approve": lambda: services.approve_vacancy(vacancy, **who)},
        with_reason={"reject": lambda reason: services.reject_vacancy(vacancy, reason, **who)},
    ):
        vacancy.refresh_from_db()
        messages.success(
            request,
            _("Lowongan %(title)s kini berstatus %(status)s.")
            % {"title": vacancy.title, "status": vacancy.get_status_display()},
        )
        return redirect(f"{NS}:vacancy", vacancy.pk)
    return _page(
        request,
        "vacancy.html",
        vacancy.title,
        vacancy=vacancy,
        salary=salary_text(vacancy),
        form=form,
        applications=vacancy.applications.count(),
    )


def cards_view(request):
    _require(request, ISSUE)
    issued = JobCard.objects.filter(status=JobCard.Status.ISSUED).order_by("-issued_at")[:100]
    return _page(
        request,
        "cards.html",
        _("Kartu AK/1"),
        waiting=cards.cards_waiting()[:200],
        late=cards.late_reports()[:200],
        issued=issued,
        today=selectors.region_today(),
    )


def card(request, pk: int):
    _require(request, ISSUE)
    card = get_object_or_404(JobCard.objects.select_related("user"), pk=pk)
    form = forms.ReasonForm(request.POST or None)
    who = {"actor": request.user, "request": request}
    if request.method == "POST" and _decide(
        request,
        form,
        plain={"issue": lambda: cards.issue_card(card, **who)},
        with_reason={"reject": lambda reason: cards.reject_card(card, reason, **who)},
    ):
        card.refresh_from_db()
        messages.success(
            request,
            _("Kartu AK/1 %(name)s kini berstatus %(status)s.")
            % {"name": card.full_name, "status": card.get_status_display()},
        )
        return redirect(f"{NS}:card", card.pk)
    return _page(
        request,
        "card.html",
        _("Kartu AK/1 %(name)s") % {"name": card.full_name},
        card=card,
        profile=selectors.profile_of(card.user),
        form=form,
    )


def fairs(request):
    _require(request, MODERATE)
    found = JobFair.objects.select_related("area").order_by("-starts_on")[:200]
    return _page(request, "fairs.html", _("Bursa kerja"), fairs=found)


def fair_add(request):
    return _fair_form(request, None)


def fair_edit(request, pk: int):
    return _fair_form(request, get_object_or_404(JobFair, pk=pk))


def _fair_form(request, fair):
    _require(request, MODERATE)
    form = forms.FairForm(request.POST or None, instance=fair)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        companies = list(data.pop("companies"))
        try:
            saved = services.save_fair(
                fair, actor=request.user, request=request, companies=companies, **data
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Bursa kerja %(title)s disimpan.") % {"title": saved.title})
            return redirect(f"{NS}:fairs")
    title = _("Ubah %(title)s") % {"title": fair.title} if fair else _("Tambah bursa kerja")
    return _page(request, "fair_form.html", title, form=form)


def _period(request) -> tuple[forms.PeriodForm, date, date]:
    """The period asked for, or this year so far (region's dates)."""
    today = selectors.region_today()
    default = {"start": today.replace(month=1, day=1), "end": today}
    form = forms.PeriodForm(request.GET or None, initial=default)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default["start"], default["end"]


def statistics_view(request):
    _require(request, STATISTICS)
    form, start, end = _period(request)
    result = figures.report(start, end)
    return _page(
        request,
        "statistics.html",
        _("Statistik Siap Kerja"),
        form=form,
        report=result,
        query=f"start={start.isoformat()}&end={end.isoformat()}",
    )


def statistics_csv(request):
    _require(request, STATISTICS)
    _form, start, end = _period(request)
    body = figures.as_csv(figures.report(start, end))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"siap-kerja-{start.isoformat()}-{end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
