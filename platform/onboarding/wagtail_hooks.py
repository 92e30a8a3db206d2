"""The platform admin's menu: the applications queue (coordinators and operators)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.sidebar import LinkMenuItem

from core.admin_menu import PlatformMenuItem
from onboarding import admin_views, console_views, selectors

queue_urls = (
    [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/setujui/", admin_views.approve, name="approve"),
        path("<int:pk>/tolak/", admin_views.reject, name="reject"),
        path("<int:pk>/ulangi/", admin_views.retry, name="retry"),
    ],
    "onboarding_admin",
)


console_urls = (
    [
        path("", console_views.console, name="index"),
        path("daerah/<int:pk>/ulangi-penyiapan/", console_views.retry, name="retry"),
        path("ekspor/daerah/<int:pk>/", console_views.export, name="export"),
        path("ekspor/<int:pk>/unduh/", console_views.download, name="download"),
        path("ekspor/<int:pk>/pulihkan/", console_views.restore, name="restore"),
        path("hapus/daerah/<int:pk>/", console_views.schedule_deletion, name="delete"),
        path("hapus/<int:pk>/batal/", console_views.cancel_deletion, name="cancel_deletion"),
        path("daerah/<int:pk>/<str:action>/", console_views.change, name="change"),
    ],
    "onboarding_console",
)


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [path("pendaftaran/", include(queue_urls)), path("konsol/", include(console_urls))]


class QueueMenuItem(PlatformMenuItem):
    """The label carries how many applications wait for a decision."""

    def render_component(self, request):
        waiting = selectors.waiting_for_review().count()
        label = _("Pendaftaran daerah")
        if waiting:
            label = _("Pendaftaran daerah (%(count)s)") % {"count": waiting}
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        admin_views.REVIEW_PERMISSION,
        _("Pendaftaran daerah"),
        reverse("onboarding_admin:queue"),
        icon_name="form",
        order=150,
        name="pendaftaran-daerah",
    )


@hooks.register("register_admin_menu_item")
def register_console_menu_item():
    return PlatformMenuItem(
        console_views.OPERATE_PERMISSION,
        _("Konsol operator"),
        reverse("onboarding_console:index"),
        icon_name="site",
        order=160,
        name="konsol-operator",
    )
