"""The region admin's list of region holidays (Pengaturan → Libur daerah).

Wagtail's generic views, with every write sent through services.py so it is audited.
"""

from __future__ import annotations

from django.utils import timezone
from wagtail.admin.views import generic

from workdays import api, services
from workdays.national import Kind


class RegionHolidayIndexView(generic.IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        calendar = api.work_calendar()
        context["national_years"] = [
            (year, [h for h in calendar.holidays_in(year) if h.kind != Kind.REGION])
            for year in (this_year, this_year + 1)
        ]
        return context


class RegionHolidayCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.add_holiday(
            day=data["date"],
            name=data["name"],
            notes=data["notes"],
            actor=self.request.user,
            request=self.request,
        )


class RegionHolidayEditView(generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.change_holiday(
            self.object,
            day=data["date"],
            name=data["name"],
            notes=data["notes"],
            actor=self.request.user,
            request=self.request,
        )


class RegionHolidayDeleteView(generic.DeleteView):
    def delete_action(self):
        services.remove_holiday(self.object, actor=self.request.user, request=self.request)
