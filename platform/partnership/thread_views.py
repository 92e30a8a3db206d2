"""Support threads on both sides: the region admin's questions (region host) and the
mentors' answers (the console on the platform host)."""

from __future__ import annotations

import statistics

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from onboarding.admin_views import on_platform_with
from partnership import access, threads
from partnership.forms import AnswerForm, QuestionForm, ReplyForm
from partnership.models import SupportMessage, SupportThread
from partnership.region_admin_views import in_region_with


# --- region admin -----------------------------------------------------------------------------
def region_threads(request, form: QuestionForm | None = None, status: int = 200):
    in_region_with(request)
    context = {
        "threads": SupportThread.objects.filter(region=request.region),
        "form": form or QuestionForm(),
        "page_title": _("Tanya mentor Tangerang"),
        "header_icon": "help",
    }
    return TemplateResponse(request, "partnership/region/threads.html", context, status=status)


def region_ask(request):
    in_region_with(request)
    if request.method != "POST":
        return redirect("partnership_region:threads")
    form = QuestionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            thread = threads.ask(
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_error("attachment", exc)
        else:
            messages.success(request, _("Pertanyaan terkirim ke mentor Tangerang."))
            return redirect("partnership_region:thread", thread.public_id)
    return region_threads(request, form=form, status=400)


def region_thread(request, public_id):
    in_region_with(request)
    thread = get_object_or_404(SupportThread, public_id=public_id, region=request.region)
    form = ReplyForm()
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                threads.reply_from_region(
                    thread,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as exc:
                form.add_error("attachment", exc)
            else:
                return redirect("partnership_region:thread", thread.public_id)
        status = 400
    return _thread_page(request, thread, form, "partnership_region:attachment", status)


def region_attachment(request, public_id, message_id: int):
    in_region_with(request)
    thread = get_object_or_404(SupportThread, public_id=public_id, region=request.region)
    return _attachment(request, thread, message_id)


# --- console ----------------------------------------------------------------------------------
def console_threads(request):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    found = SupportThread.objects.select_related("region", "mentor")
    if not request.user.has_perm("partnership.manage_partnership"):
        found = found.filter(Q(mentor=request.user) | Q(mentor__isnull=True))
    hours = [t.response_hours for t in found if t.response_hours is not None]
    context = {
        "threads": found,
        "median_hours": round(statistics.median(hours), 1) if hours else None,
        "page_title": _("Utas dukungan"),
        "header_icon": "help",
    }
    return TemplateResponse(request, "partnership/admin/threads.html", context)


def console_thread(request, pk: int):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    thread = _console_thread(request, pk)
    form = AnswerForm(initial={"knowledge_url": thread.knowledge_url})
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                threads.answer(
                    thread,
                    body=data["body"],
                    attachment=data["attachment"],
                    knowledge_url=data["knowledge_url"],
                    close=data["close"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as exc:
                form.add_error("attachment", exc)
            else:
                messages.success(
                    request, _("Jawaban terkirim ke %(region)s.") % {"region": thread.region.name}
                )
                return redirect("partnership_console:thread", thread.pk)
        status = 400
    return _thread_page(request, thread, form, "partnership_console:attachment", status)


def console_attachment(request, pk: int, message_id: int):
    on_platform_with(request, access.SUPPORT_PERMISSION)
    return _attachment(request, _console_thread(request, pk), message_id)


def _console_thread(request, pk: int) -> SupportThread:
    thread = get_object_or_404(SupportThread.objects.select_related("region"), pk=pk)
    mine = thread.mentor_id in (None, request.user.pk)
    if not mine and not request.user.has_perm("partnership.manage_partnership"):
        raise Http404
    return thread


def _thread_page(request, thread, form, attachment_url: str, status: int):
    context = {
        "thread": thread,
        "thread_messages": thread.messages.all(),
        "form": form,
        "attachment_url": attachment_url,
        "thread_key": thread.public_id
        if attachment_url.startswith("partnership_region")
        else thread.pk,
        "page_title": thread.subject,
        "header_icon": "help",
    }
    return TemplateResponse(request, "partnership/thread.html", context, status=status)


def _attachment(request, thread: SupportThread, message_id: int):
    message = get_object_or_404(SupportMessage, pk=message_id, thread=thread)
    if not message.attachment:
        raise Http404
    return threads.stream_attachment(request, message)
