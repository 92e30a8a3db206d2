"""The console's announcements to every partner region."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onboarding.admin_views import on_platform_with
from partnership import announcements
from partnership.forms import AnnouncementForm
from partnership.models import Announcement

MANAGE = "partnership.manage_partnership"


def index(request):
    on_platform_with(request, MANAGE)
    form = AnnouncementForm()
    status = 200
    if request.method == "POST":
        form = AnnouncementForm(request.POST)
        if form.is_valid():
            announcements.publish(**form.cleaned_data, actor=request.user, request=request)
            messages.success(request, _("Pengumuman tampil di admin semua daerah mitra."))
            return redirect("partnership_console:announcements")
        status = 400
    context = {
        "form": form,
        "current": announcements.current(),
        "page_title": _("Pengumuman kemitraan"),
        "header_icon": "info-circle",
    }
    return TemplateResponse(request, "partnership/admin/announcements.html", context, status=status)


@require_POST
def withdraw(request, pk: int):
    on_platform_with(request, MANAGE)
    announcements.withdraw(
        get_object_or_404(Announcement, pk=pk), actor=request.user, request=request
    )
    messages.success(request, _("Pengumuman ditarik."))
    return redirect("partnership_console:announcements")
