"""Staff forms of the Organisasi admin. They only collect input; services.py decides."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from organisation import periods
from organisation.csv_format import FILES
from organisation.models import Area, Assignment, Position, Unit

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.tree_label()


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} <{obj.email}>" if name else obj.email


def staff_users():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("email")


def active_positions():
    return Position.objects.filter(active=True).select_related("unit").order_by("unit__path")


class _ServiceCheckedForm(forms.ModelForm):
    def validate_unique(self):
        """services.py checks codes itself, naming what already uses one."""


class UnitForm(_ServiceCheckedForm):
    parent = UnitChoiceField(
        queryset=Unit.objects.order_by("path"), required=False, label=_("Unit induk")
    )

    class Meta:
        model = Unit
        fields = ["name", "short_name", "code", "kind", "parent", "area", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("code")
        if self.instance.pk:
            # A unit cannot move under itself; the service checks it too.
            self.fields["parent"].queryset = Unit.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")


class PositionForm(_ServiceCheckedForm):
    unit = UnitChoiceField(queryset=Unit.objects.order_by("path"), label=_("Unit kerja"))

    class Meta:
        model = Position
        fields = ["unit", "title", "code", "is_head", "reports_to", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        superiors = active_positions()
        if self.instance.pk:
            superiors = superiors.exclude(pk=self.instance.pk)
        self.fields["reports_to"].queryset = superiors


class AssignmentForm(_ServiceCheckedForm):
    """Periods in whole days of the region's time zone: from the first day's 00:00 until
    the end of the last day. A time set elsewhere (CSV, mutasi) is kept unless the day is
    changed here."""

    user = StaffChoiceField(queryset=staff_users(), label=_("Pegawai"))
    start_date = forms.DateField(label=_("Mulai tanggal"), widget=AdminDateInput)
    end_date = forms.DateField(
        label=_("Sampai dengan tanggal"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Hari terakhir penugasan. Kosongkan bila belum ditentukan."),
    )

    class Meta:
        model = Assignment
        fields = ["user", "position", "kind", "decree"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_users()
        self.fields["position"].queryset = active_positions()
        if self.instance.pk:
            # The position held stays choosable even if it is no longer active.
            self.fields["position"].queryset = (
                Position.objects.filter(Q(active=True) | Q(pk=self.instance.position_id))
                .select_related("unit")
                .order_by("unit__path")
            )
            self.initial["start_date"] = self.instance.starts_at.astimezone(
                periods.region_zone()
            ).date()
            self.initial["end_date"] = periods.last_day(self.instance.ends_at)

    def period(self) -> dict:
        """starts_at and ends_at for the service, keeping times the form did not touch."""
        data = self.cleaned_data
        starts_at = periods.start_of_day(data["start_date"])
        ends_at = periods.end_of_day(data["end_date"]) if data.get("end_date") else None
        if self.instance.pk:
            if data["start_date"] == self.initial.get("start_date"):
                starts_at = self.instance.starts_at
            if data.get("end_date") == self.initial.get("end_date"):
                ends_at = self.instance.ends_at
        return {"starts_at": starts_at, "ends_at": ends_at}


class AreaForm(_ServiceCheckedForm):
    class Meta:
        model = Area
        fields = ["kind", "code", "name", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Area.objects.filter(kind=Area.Kind.KECAMATAN)


class MutasiForm(forms.Form):
    person = StaffChoiceField(queryset=staff_users(), label=_("Pegawai"))
    to_position = forms.ModelChoiceField(
        queryset=active_positions(), label=_("Jabatan baru (definitif)")
    )
    effective = forms.DateField(
        label=_("Berlaku mulai tanggal"),
        widget=AdminDateInput,
        help_text=_("Mulai pukul 00.00 waktu daerah ini pada tanggal tersebut."),
    )
    decree = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = staff_users()
        self.fields["to_position"].queryset = active_positions()


class ImportForm(forms.Form):
    """One optional file per kind; they are imported together, all or nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in FILES.values():
            self.fields[spec.key] = forms.FileField(
                label=spec.label,
                required=False,
                help_text=_("Kolom: %(columns)s") % {"columns": ", ".join(spec.columns)},
                widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
            )

    def clean(self):
        data = super().clean()
        uploads = {key: data[key] for key in FILES if data.get(key)}
        if not uploads and not self.errors:
            raise ValidationError(_("Pilih paling sedikit satu berkas CSV."))
        for key, upload in uploads.items():
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error(key, _("Berkas lebih dari 5 MB."))
        return data

    def files_content(self) -> dict[str, bytes]:
        return {key: self.cleaned_data[key].read() for key in FILES if self.cleaned_data.get(key)}
