"""Residents' accounts on a region's site, and invited staff setting their password."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import providers, services
from accounts.forms import (
    DeleteAccountForm,
    OutboxPasswordResetForm,
    PasswordPairForm,
    ResidentLoginForm,
    SignUpForm,
)


def _region_only(request) -> None:
    """Residents belong to a region: the platform site has none."""
    if getattr(request, "region", None) is None:
        raise Http404


@require_http_methods(["GET", "POST"])
def sign_up(request):
    _region_only(request)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_resident(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "accounts/check_email.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "accounts/sign_up.html", {"form": form})


def verify_email(request, token: str):
    _region_only(request)
    try:
        services.verify_email(token, request)
    except ValidationError as exc:
        return render(
            request, "accounts/link_problem.html", {"problem": exc.messages[0]}, status=400
        )
    messages.success(request, _("Email Anda sudah terverifikasi. Silakan masuk."))
    return redirect("accounts:login")


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = ResidentLoginForm
    redirect_authenticated_user = True


def sign_out(request):
    if request.method == "POST":
        logout(request)
    return redirect("/")


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    try:
        invitation = services.open_invitation(token)
    except ValidationError as exc:
        return render(
            request, "accounts/link_problem.html", {"problem": exc.messages[0]}, status=400
        )
    form = PasswordPairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token, form.cleaned_data["password1"], request)
        except ValidationError as exc:
            return render(
                request, "accounts/link_problem.html", {"problem": exc.messages[0]}, status=400
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Kata sandi tersimpan. Selamat datang!"))
        return redirect("accounts:two_factor_setup")
    return render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )


@login_required
def account_home(request):
    _region_only(request)
    return render(request, "accounts/home.html", {"sections": providers.sections(request.user)})


@login_required
def download_data(request):
    _region_only(request)
    data = services.export_personal_data(request.user)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="data-saya-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    _region_only(request)
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_resident_account(request.user, request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = OutboxPasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
