"""The Wagtail admin: "Notifikasi" with the unread count for every staff member, their own
preferences, and (settings menu) the region's gateways and outbox."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.permissions import register_permission_policy

from notifications import admin_views, selectors
from notifications.models import Message

# Before any viewset asks for it: staff may read the outbox, only the worker writes it.
register_permission_policy(Message, admin_views.ReadOnlyPolicy(Message))


class NoticesMenuItem(MenuItem):
    """The label carries the signed-in person's unread count, read on every page (short:
    the sidebar cuts long labels)."""

    def render_component(self, request):
        count = selectors.unread_count(request.user)
        label = _("Notifikasi")
        if count:
            label = _("Notifikasi (%(count)s)") % {"count": count}
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


_admin_urls = (
    [
        path("", admin_views.NoticeIndexView.as_view(), name="list"),
        path("pengaturan/", admin_views.PreferencesView.as_view(), name="preferences"),
        path("tandai-semua/", admin_views.notices_all_read, name="all_read"),
        path("<int:notice_id>/dibaca/", admin_views.notice_read, name="read"),
        path("<int:notice_id>/buka/", admin_views.notice_open, name="open"),
    ],
    "notifications_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("notifikasi/", include(_admin_urls))]


@hooks.register("register_admin_menu_item")
def register_notices_menu_item():
    return NoticesMenuItem(
        gettext_lazy("Notifikasi"),
        reverse("notifications_admin:list"),
        name="notifikasi",
        icon_name="mail",
        order=50,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        admin_views.GatewayViewSet("notification_gateways"),
        admin_views.MessageViewSet("notification_outbox"),
    ]
