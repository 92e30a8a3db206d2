from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from workdays import views
from workdays.forms import RegionHolidayForm
from workdays.models import RegionHoliday


class RegionHolidayViewSet(ModelViewSet):
    model = RegionHoliday
    name = "region_holidays"
    url_prefix = "libur-daerah"
    icon = "date"
    menu_label = _("Libur daerah")
    add_to_settings_menu = True
    list_display = ["date", "name", "added_by_name"]
    ordering = ["-date"]
    copy_view_enabled = False
    index_template_name = "workdays/admin/index.html"
    index_view_class = views.RegionHolidayIndexView
    add_view_class = views.RegionHolidayCreateView
    edit_view_class = views.RegionHolidayEditView
    delete_view_class = views.RegionHolidayDeleteView

    def get_form_class(self, for_update=False):
        return RegionHolidayForm


@hooks.register("register_admin_viewset")
def register_region_holidays():
    return RegionHolidayViewSet()
