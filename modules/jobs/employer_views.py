"""Employer pages at /kerja/perusahaan/: a resident registers a company, invites colleagues,
writes vacancies, and moves applicants through the stages.

Every object is looked up through the signed-in person's memberships, so a vacancy or an
applicant of another company answers 404 (as does one of another region)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from modules.jobs import cards, documents, forms, selectors, services
from modules.jobs.formatting import salary_text
from modules.jobs.models import Vacancy
from modules.jobs.views import _add_errors, cv_response, photo_response

NS = "module-jobs"


@login_required
def employer_home(request):
    companies = selectors.companies_of(request.user)
    return render(request, "jobs/employer/home.html", {"companies": companies})


@login_required
def company_register(request):
    form = forms.CompanyRegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.register_company(
                actor=request.user,
                request=request,
                files=form.files_by_kind(),
                **form.company_data(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s terdaftar dan menunggu verifikasi Disnaker.") % {"name": company.name},
            )
            return redirect(f"{NS}:company", company.pk)
    return render(request, "jobs/employer/company_form.html", {"form": form, "company": None})


def _company(request, pk: int):
    return get_object_or_404(selectors.member_company(request.user, pk))


@login_required
def company(request, pk: int):
    company = _company(request, pk)
    vacancies = company.vacancies.select_related("area").order_by("-created_at")
    context = {
        "company": company,
        "vacancies": vacancies,
        "members": selectors.members_of(company),
        "today": selectors.region_today(),
        "invite_form": forms.InviteForm(),
        "documents": documents.documents_of(company),
        "document_form": forms.DocumentForm(),
    }
    return render(request, "jobs/employer/company.html", context)


@login_required
def company_document_add(request, pk: int):
    company = _company(request, pk)
    if request.method != "POST":
        return redirect(f"{NS}:company", company.pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        documents.add_document(
            company,
            form.cleaned_data["kind"],
            form.cleaned_data["file"],
            actor=request.user,
            request=request,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Dokumen tersimpan; Disnaker dapat membacanya."))
    return redirect(f"{NS}:company", company.pk)


@login_required
def company_document_remove(request, pk: int, document: int):
    company = _company(request, pk)
    found = get_object_or_404(documents.documents_of(company), pk=document)
    if request.method == "POST":
        try:
            documents.remove_document(found, actor=request.user, request=request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Dokumen %(name)s dihapus.") % {"name": found.file_name})
    return redirect(f"{NS}:company", company.pk)


@login_required
def company_document(request, pk: int, document: int):
    company = _company(request, pk)
    found = get_object_or_404(documents.documents_of(company), pk=document)
    return documents.document_response(found, actor=request.user, request=request)


@login_required
def company_edit(request, pk: int):
    company = _company(request, pk)
    form = forms.CompanyForm(request.POST or None, instance=_company(request, pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_company(
                company, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Data perusahaan tersimpan."))
            return redirect(f"{NS}:company", company.pk)
    return render(request, "jobs/employer/company_form.html", {"form": form, "company": company})


@login_required
def company_invite(request, pk: int):
    company = _company(request, pk)
    if request.method != "POST":
        return redirect(f"{NS}:company", company.pk)
    form = forms.InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite_member(
                company, form.cleaned_data["email"], actor=request.user, request=request
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Undangan terkirim ke %(email)s.") % {"email": form.cleaned_data["email"]},
            )
    else:
        for message in form.errors.get("email", []):
            messages.error(request, message)
    return redirect(f"{NS}:company", company.pk)


def accept_invitation(request, token: str):
    invitation = services.invitation_for(token)
    if invitation is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    error = ""
    if request.method == "POST":
        try:
            services.accept_invitation(token, user=request.user, request=request)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Anda kini anggota %(company)s.") % {"company": invitation.company.name},
            )
            return redirect(f"{NS}:company", invitation.company.pk)
    context = {"invitation": invitation, "error": error}
    return render(request, "jobs/employer/invitation.html", context)


# --- vacancies ----------------------------------------------------------------------------------
@login_required
def vacancy_create(request, pk: int):
    company = _company(request, pk)
    form = forms.VacancyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.create_vacancy(
                company, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Konsep lowongan %(title)s tersimpan. Periksa lalu ajukan ke Disnaker.")
                % {"title": vacancy.title},
            )
            return redirect(f"{NS}:vacancy_manage", vacancy.pk)
    context = {"form": form, "company": company, "vacancy": None}
    return render(request, "jobs/employer/vacancy_form.html", context)


def _vacancy(request, pk: int) -> Vacancy:
    return get_object_or_404(selectors.member_vacancies(request.user), pk=pk)


@login_required
def vacancy_manage(request, pk: int):
    vacancy = _vacancy(request, pk)
    applications = vacancy.applications.select_related("seeker").order_by("created_at")
    context = {
        "vacancy": vacancy,
        "company": vacancy.company,
        "salary": salary_text(vacancy),
        "is_open": selectors.is_open(vacancy),
        "applications": applications,
        "counts": selectors.applicant_counts(vacancy),
        "extend_form": forms.ExtendForm(),
        "editable": vacancy.status in (Vacancy.Status.DRAFT, Vacancy.Status.REJECTED),
    }
    return render(request, "jobs/employer/vacancy.html", context)


@login_required
def vacancy_edit(request, pk: int):
    vacancy = _vacancy(request, pk)
    if vacancy.status not in (Vacancy.Status.DRAFT, Vacancy.Status.REJECTED):
        messages.info(request, _("Lowongan yang sudah diajukan atau tayang tidak dapat diubah."))
        return redirect(f"{NS}:vacancy_manage", vacancy.pk)
    form = forms.VacancyForm(request.POST or None, instance=_vacancy(request, pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_vacancy(
                vacancy, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Lowongan tersimpan sebagai konsep."))
            return redirect(f"{NS}:vacancy_manage", vacancy.pk)
    context = {"form": form, "company": vacancy.company, "vacancy": vacancy}
    return render(request, "jobs/employer/vacancy_form.html", context)


def _vacancy_action(request, pk: int, act, done: str):
    """POST an action on a vacancy; its outcome (or refusal) is shown on the vacancy's page."""
    vacancy = _vacancy(request, pk)
    if request.method == "POST":
        try:
            act(vacancy)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done % {"title": vacancy.title})
    return redirect(f"{NS}:vacancy_manage", vacancy.pk)


@login_required
def vacancy_submit(request, pk: int):
    return _vacancy_action(
        request,
        pk,
        lambda v: services.submit_vacancy(v, actor=request.user, request=request),
        _("Lowongan %(title)s diajukan ke Disnaker untuk disetujui."),
    )


@login_required
def vacancy_fill(request, pk: int):
    return _vacancy_action(
        request,
        pk,
        lambda v: services.fill_vacancy(v, actor=request.user, request=request),
        _("Lowongan %(title)s ditandai terisi dan tidak menerima lamaran lagi."),
    )


@login_required
def vacancy_withdraw(request, pk: int):
    return _vacancy_action(
        request,
        pk,
        lambda v: services.withdraw_vacancy(v, actor=request.user, request=request),
        _("Lowongan %(title)s ditarik."),
    )


@login_required
def vacancy_extend(request, pk: int):
    form = forms.ExtendForm(request.POST or None)

    def extend(vacancy):
        if not form.is_valid():
            raise ValidationError(form.errors["closes_on"])
        services.extend_vacancy(
            vacancy, form.cleaned_data["closes_on"], actor=request.user, request=request
        )

    return _vacancy_action(request, pk, extend, _("Tanggal tutup lowongan %(title)s diperpanjang."))


# --- applicants ---------------------------------------------------------------------------------
@login_required
def applicant(request, pk: int):
    application = get_object_or_404(selectors.member_applications(request.user), pk=pk)
    stages = services.next_stages(application)
    form = forms.MoveForm(request.POST or None, stages=stages)
    if request.method == "POST" and stages and form.is_valid():
        try:
            services.move_application(
                application,
                form.cleaned_data["stage"],
                message=form.cleaned_data["message"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tahap lamaran diperbarui; pelamar diberi tahu."))
            return redirect(f"{NS}:applicant", application.pk)
    profile = selectors.profile_of(application.seeker) if application.seeker else None
    context = {
        "application": application,
        "vacancy": application.vacancy,
        "seeker": application.seeker,
        "profile": profile,
        "has_cv": selectors.has_cv(profile),
        "card": cards.valid_card(application.seeker) if application.seeker else None,
        "events": application.events.all(),
        "form": form if stages else None,
    }
    return render(request, "jobs/employer/applicant.html", context)


@login_required
def applicant_cv(request, pk: int):
    application = get_object_or_404(selectors.member_applications(request.user), pk=pk)
    profile = selectors.profile_of(application.seeker) if application.seeker else None
    if not selectors.has_cv(profile):
        raise Http404
    services.record_cv_download(application, actor=request.user, request=request)
    return cv_response(profile.cv)


@login_required
def applicant_photo(request, pk: int):
    application = get_object_or_404(selectors.member_applications(request.user), pk=pk)
    profile = selectors.profile_of(application.seeker) if application.seeker else None
    if profile is None or not profile.photo:
        raise Http404
    return photo_response(request, profile)
