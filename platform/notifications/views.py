"""The signed-in person's notices and preferences on the site (/akun/notifikasi/), and the
development mail viewer on the platform host (/dev/mail/)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from notifications import mailbox, selectors, services
from notifications.forms import PreferencesForm

PAGE_SIZE = 20


@login_required
def notice_list(request):
    page = Paginator(selectors.notices_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "notifications/notice_list.html",
        {"notices_page": page, "unread": selectors.unread_count(request.user)},
    )


@login_required
@require_POST
def notice_read(request, notice_id: int):
    _own_notice(request, notice_id)
    services.mark_read(request.user, notice_id)
    return redirect("notifications:list")


@login_required
@require_POST
def notice_open(request, notice_id: int):
    """Mark the notice read and follow its link (only to this site)."""
    notice = _own_notice(request, notice_id)
    services.mark_read(request.user, notice_id)
    if notice.url and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notice.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notices_all_read(request):
    services.mark_all_read(request.user)
    messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect("notifications:list")


@login_required
def preferences(request):
    profile = selectors.contact_profile(request.user)
    form = PreferencesForm.for_profile(profile, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.update_preferences(
            request.user, **form.cleaned_data, actor=request.user, request=request
        )
        messages.success(request, _("Pengaturan notifikasi disimpan."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "profile": profile})


def _own_notice(request, notice_id: int):
    notice = selectors.notice_for(request.user, notice_id)
    if notice is None:
        raise Http404
    return notice


# --- development mail viewer -----------------------------------------------------------------
@never_cache  # new mail must show at once, not a cached empty list
def dev_mail(request):
    """Every message the mailbox backend stored, newest first (development and tests only)."""
    if not settings.DEV_MAIL_VIEWER:
        raise Http404
    return render(request, "notifications/dev_mail.html", {"mails": mailbox.stored_mail()})
