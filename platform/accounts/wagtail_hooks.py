from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import admin_views

staff_urls = (
    [
        path("", admin_views.staff_index, name="staff"),
        path("<int:pk>/aktif/<int:active>/", admin_views.set_active, name="set_active"),
    ],
    "accounts_admin",
)


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [path("staf/", include(staff_urls))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_staff_menu_item():
    return StaffMenuItem(_("Staf"), reverse("accounts_admin:staff"), icon_name="group", order=900)
