"""The platform site's "Bergabung" pages: the form, the live subdomain check, the email
link, and the status page the applicant watches."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onboarding import admin_account, links, progress, selectors, services
from onboarding.forms import JoinForm
from onboarding.models import Application
from onboarding.ratelimit import over_limit


def _platform_only(request) -> None:
    """Joining happens on the platform site; a region's host has none of this."""
    if getattr(request, "region", None) is not None:
        raise Http404


@never_cache  # the form carries a CSRF token: never from the shared page cache
@require_http_methods(["GET", "POST"])
def join(request):
    _platform_only(request)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and over_limit(request, "join"):
        form.is_valid()  # what was typed is shown again, with its own errors
        form.add_error(None, too_many_message())
        return render(request, "onboarding/join.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.submit_application(
                form.join_request(), base_url=links.base_url_of(request), request=request
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            return render(request, "onboarding/check_email.html", {"application": application})
    status = 400 if form.is_bound else 200
    return render(request, "onboarding/join.html", {"form": form}, status=status)


@require_GET
@never_cache
def check_subdomain(request):
    """What the form shows as the applicant types: is this subdomain free, and if not, why."""
    _platform_only(request)
    slug = request.GET.get("slug", "").strip().lower()[:80]
    if over_limit(request, "subdomain_check"):
        return JsonResponse(
            {"slug": slug, "available": False, "message": too_many_message()}, status=429
        )
    problem = selectors.subdomain_problem(slug)
    message = problem or selectors.available_message(slug)
    return JsonResponse({"slug": slug, "available": problem is None, "message": message})


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    """GET shows a button, POST confirms: a mail scanner opening the link uses nothing."""
    _platform_only(request)
    if request.method == "GET":
        return render(request, "onboarding/verify.html")
    try:
        application = services.verify_email(token, request=request)
    except ValidationError as exc:
        return render(
            request, "onboarding/link_problem.html", {"problem": exc.messages[0]}, status=400
        )
    return redirect("onboarding:status", links.status_token(application))


@never_cache
def status(request, token: str):
    _platform_only(request)
    application = _application(token)
    context = {"application": application, "token": token, **progress.status_of(application)}
    if context["state"] == "live":
        context.update(
            password_set=admin_account.password_is_set(application),
            password_link=admin_account.password_link(application)
            if admin_account.link_shown_on_page(application)
            else None,
            site_url=links.region_url(application),
            admin_url=links.region_url(application, "/admin/"),
        )
    return render(request, "onboarding/status.html", context)


@require_GET
@never_cache
def status_json(request, token: str):
    """What the status page polls to move its steps and bar without a reload."""
    _platform_only(request)
    return JsonResponse(progress.status_of(_application(token)))


@require_POST
def send_password_link(request, token: str):
    _platform_only(request)
    application = _application(token)
    try:
        services.send_password_link(application)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Tautan baru sudah dikirim ke %(email)s.") % {"email": application.email},
        )
    return redirect("onboarding:status", token)


def too_many_message() -> str:
    return _(
        "Terlalu banyak permintaan dari alamat Anda. Tunggu beberapa menit, lalu coba lagi; "
        "isian Anda tidak hilang."
    )


def _application(token: str) -> Application:
    public_id = links.public_id_of(token)
    application = Application.objects.filter(public_id=public_id).first() if public_id else None
    if application is None:
        raise Http404
    return application
