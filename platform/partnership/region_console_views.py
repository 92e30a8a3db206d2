"""The console's pages per partner region: its mentor, onboarding programme and sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onboarding.admin_views import on_platform_with
from partnership import access, programme
from partnership.forms import MentorForm, SessionForm, SessionNotesForm
from partnership.models import MentoringSession, RegionMentoring, SupportThread
from tenants.models import Region

MANAGE = "partnership.manage_partnership"


def regions(request):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    found = Region.objects.filter(status__in=Region.LIVE_STATUSES).order_by("name")
    mentors = {m.region_id: m.mentor for m in RegionMentoring.objects.select_related("mentor")}
    done = programme.progress_of_all()
    total = len(programme.STEPS)
    rows = [
        {
            "region": region,
            "mentor": mentors.get(region.pk),
            "done": done.get(region.pk, 0),
            "percent": round(done.get(region.pk, 0) * 100 / total),
        }
        for region in found
    ]
    context = {"rows": rows, "total": total, "page_title": _("Daerah mitra"), "header_icon": "site"}
    return TemplateResponse(request, "partnership/admin/regions.html", context)


def region(request, pk: int, session_form: SessionForm | None = None, status: int = 200):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    found = get_object_or_404(Region, pk=pk)
    assignment = RegionMentoring.objects.filter(region=found).select_related("mentor").first()
    done, total = programme.progress(found)
    context = {
        "region": found,
        "mentor": assignment.mentor if assignment else None,
        "mentor_form": MentorForm(initial={"mentor": getattr(assignment, "mentor_id", None)}),
        "may_manage": request.user.has_perm(MANAGE),
        "checklist": programme.checklist(found),
        "done": done,
        "total": total,
        "sessions": [
            (s, SessionNotesForm(initial={"notes": s.notes, "follow_up": s.follow_up}))
            for s in MentoringSession.objects.filter(region=found).select_related("mentor")
        ],
        "session_form": session_form or SessionForm(),
        "threads": SupportThread.objects.filter(region=found)[:10],
        "page_title": found.name,
        "header_icon": "site",
    }
    return TemplateResponse(request, "partnership/admin/region.html", context, status=status)


@require_POST
def assign(request, pk: int):
    on_platform_with(request, MANAGE)
    found = get_object_or_404(Region, pk=pk)
    form = MentorForm(request.POST)
    if form.is_valid():
        mentor_id = form.cleaned_data["mentor"]
        mentor = get_user_model().objects.filter(pk=mentor_id).first() if mentor_id else None
        try:
            programme.assign_mentor(found, mentor, actor=request.user, request=request)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Mentor %(region)s tersimpan.") % {"region": found.name})
    else:
        messages.error(request, _("Pilih mentor Tangerang yang terdaftar."))
    return redirect("partnership_console:region", pk)


@require_POST
def tick(request, pk: int, key: str):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    found = get_object_or_404(Region, pk=pk)
    try:
        if request.POST.get("done") == "1":
            programme.tick(found, key, actor=request.user, request=request)
        else:
            programme.untick(found, key, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("partnership_console:region", pk)


@require_POST
def refresh(request, pk: int):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    found = get_object_or_404(Region, pk=pk)
    ticked = programme.tick_automatic(found)
    messages.success(request, _("%(count)s langkah tercentang otomatis.") % {"count": len(ticked)})
    return redirect("partnership_console:region", pk)


@require_POST
def schedule(request, pk: int):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    found = get_object_or_404(Region, pk=pk)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return region(request, pk, session_form=form, status=400)
    programme.schedule_session(
        found,
        scheduled_at=form.cleaned_data["scheduled_at"],
        agenda=form.cleaned_data["agenda"],
        actor=request.user,
        request=request,
    )
    messages.success(request, _("Sesi pendampingan dijadwalkan."))
    return redirect("partnership_console:region", pk)


@require_POST
def session_notes(request, pk: int, session_id: int):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    session = get_object_or_404(MentoringSession, pk=session_id, region_id=pk)
    if session.mentor_id not in (None, request.user.pk) and not request.user.has_perm(MANAGE):
        raise PermissionDenied
    form = SessionNotesForm(request.POST)
    if form.is_valid():
        programme.record_session(
            session,
            notes=form.cleaned_data["notes"],
            follow_up=form.cleaned_data["follow_up"],
            actor=request.user,
            request=request,
        )
        messages.success(request, _("Catatan sesi tersimpan."))
    return redirect("partnership_console:region", pk)
