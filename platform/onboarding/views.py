"""The platform site's "Bergabung" pages: the form, the live subdomain check, the email
link, and the status page the applicant watches."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from onboarding import links, selectors, services
from onboarding.forms import JoinForm
from onboarding.models import Application


def _platform_only(request) -> None:
    """Joining happens on the platform site; a region's host has none of this."""
    if getattr(request, "region", None) is not None:
        raise Http404


@require_http_methods(["GET", "POST"])
def join(request):
    _platform_only(request)
    form = JoinForm(request.POST or None)
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
    problem = selectors.subdomain_problem(slug)
    message = problem or selectors.available_message(slug)
    return JsonResponse({"slug": slug, "available": problem is None, "message": message})


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
    return render(request, "onboarding/status.html", {"application": application, "token": token})


def _application(token: str) -> Application:
    public_id = links.public_id_of(token)
    application = Application.objects.filter(public_id=public_id).first() if public_id else None
    if application is None:
        raise Http404
    return application
