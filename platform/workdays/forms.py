from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from workdays.models import RegionHoliday
from workdays.services import check_holiday_date


class RegionHolidayForm(WagtailAdminModelForm):
    class Meta:
        model = RegionHoliday
        fields = ["date", "name", "notes"]

    def clean_date(self):
        day = self.cleaned_data["date"]
        existing = self.instance if self.instance.pk else None
        try:
            check_holiday_date(day, holiday=existing)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return day
