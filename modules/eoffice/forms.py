"""Forms of the staff pages. Choices of positions come from the organisation directory."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.timezones import region_zone
from modules.eoffice import selectors
from modules.eoffice.models import Classification, Instruction, Letter, Template
from organisation import api as organisation


class PositionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return organisation.label_of(obj)


class PositionsChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return organisation.label_of(obj)


def all_positions():
    return organisation.Position.objects.filter(active=True).select_related("unit")


def my_positions(user):
    return organisation.positions_of(user)


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input read in the region's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def to_python(self, value):
        result = super().to_python(value)
        if isinstance(result, datetime) and timezone.is_naive(result):
            result = result.replace(tzinfo=region_zone())
        return result


class IncomingForm(forms.Form):
    addressed_to = PositionChoice(label=_("Ditujukan kepada"), queryset=all_positions())
    sender = forms.CharField(label=_("Pengirim"), max_length=200)
    number = forms.CharField(label=_("Nomor surat"), max_length=120)
    letter_date = forms.DateField(
        label=_("Tanggal surat"), widget=forms.DateInput(attrs={"type": "date"})
    )
    subject = forms.CharField(label=_("Perihal"), max_length=300)
    classification = forms.ModelChoiceField(
        label=_("Kode klasifikasi"), queryset=Classification.objects.all()
    )
    urgency = forms.ChoiceField(label=_("Sifat"), choices=Letter.Urgency.choices)
    confidentiality = forms.ChoiceField(
        label=_("Klasifikasi keamanan"), choices=Letter.Confidentiality.choices
    )
    scan = forms.FileField(
        label=_("Pindaian surat (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        mine = list(my_positions(user)) if user else []
        if mine and not self.is_bound:
            head = organisation.head_position(organisation.office_of(mine[0].unit))
            self.fields["addressed_to"].initial = head.pk if head else None


class DispositionForm(forms.Form):
    from_position = PositionChoice(label=_("Sebagai"), queryset=all_positions())
    to_positions = PositionsChoice(label=_("Diteruskan kepada"), queryset=all_positions())
    instruction = forms.ModelChoiceField(
        label=_("Instruksi"), queryset=Instruction.objects.filter(active=True)
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_at = LocalDateTimeField(label=_("Batas waktu"), required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, letter=None, **kwargs):
        super().__init__(*args, **kwargs)
        mine = selectors.my_position_ids(user)
        self.fields["from_position"].queryset = all_positions().filter(pk__in=mine)
        if len(mine) == 1:
            self.fields["from_position"].empty_label = None
        below = [p.pk for p in selectors.positions_below(user)]
        self.fields["to_positions"].queryset = all_positions().filter(pk__in=below)


class DoneForm(forms.Form):
    report = forms.CharField(
        label=_("Laporan tindak lanjut"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DraftForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis naskah"),
        choices=[(Letter.Kind.OUTGOING, _("Surat keluar")), (Letter.Kind.MEMO, _("Nota dinas"))],
    )
    template = forms.ModelChoiceField(
        label=_("Templat"), queryset=Template.objects.all(), required=False
    )
    origin_position = PositionChoice(label=_("Konseptor (jabatan)"), queryset=all_positions())
    subject = forms.CharField(label=_("Perihal"), max_length=300)
    addressee = forms.CharField(label=_("Kepada (tujuan luar)"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Isi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Kosongkan untuk memakai isi templat."),
    )
    classification = forms.ModelChoiceField(
        label=_("Kode klasifikasi"), queryset=Classification.objects.all()
    )
    urgency = forms.ChoiceField(label=_("Sifat"), choices=Letter.Urgency.choices)
    confidentiality = forms.ChoiceField(
        label=_("Klasifikasi keamanan"), choices=Letter.Confidentiality.choices
    )
    reviewer_1 = PositionChoice(label=_("Pemaraf 1"), queryset=all_positions(), required=False)
    reviewer_2 = PositionChoice(label=_("Pemaraf 2"), queryset=all_positions(), required=False)
    reviewer_3 = PositionChoice(label=_("Pemaraf 3"), queryset=all_positions(), required=False)
    signatory_position = PositionChoice(label=_("Penandatangan"), queryset=all_positions())
    on_behalf = forms.ChoiceField(
        label=_("Atas nama (a.n.)"),
        choices=Letter._meta.get_field("on_behalf").choices,
        required=False,
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Penerima di lingkungan pemda"),
        queryset=all_positions(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    copies = forms.ModelMultipleChoiceField(
        label=_("Tembusan"),
        queryset=all_positions(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin_position"].queryset = my_positions(user)
        for name in ("recipients", "copies"):
            self.fields[name].label_from_instance = organisation.label_of

    def clean(self):
        data = super().clean()
        if not data.get("body") and data.get("template"):
            data["body"] = data["template"].body
        if not data.get("body"):
            self.add_error("body", _("Isi naskah wajib diisi (atau pilih templat)."))
        return data

    def reviewers(self) -> list:
        chosen = [self.cleaned_data.get(f"reviewer_{i}") for i in (1, 2, 3)]
        return list(dict.fromkeys(p for p in chosen if p is not None))


class EditForm(forms.Form):
    subject = forms.CharField(label=_("Perihal"), max_length=300)
    body = forms.CharField(label=_("Isi"), widget=forms.Textarea(attrs={"rows": 12}))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("paraf", _("Paraf (setujui)")), ("kembalikan", _("Kembalikan ke konseptor"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SignForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp = forms.CharField(label=_("Kode OTP"), required=False, max_length=10)
    pin = forms.CharField(
        label=_("atau PIN tanda tangan"), required=False, widget=forms.PasswordInput, max_length=20
    )

    def clean(self):
        data = super().clean()
        # The signing service wants the password and a second factor: a code or the PIN.
        if not data.get("pin") and not data.get("otp"):
            raise forms.ValidationError(_("Masukkan kode OTP atau PIN tanda tangan."))
        return data


class ArchiveForm(forms.Form):
    q = forms.CharField(label=_("Teks"), required=False)
    number = forms.CharField(label=_("Nomor"), required=False)
    sender = forms.CharField(label=_("Pengirim"), required=False)
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    classification = forms.CharField(label=_("Kode klasifikasi"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua")), *Letter.Kind.choices]
    )

    def query(self) -> selectors.ArchiveQuery:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.ArchiveQuery(
            text=data.get("q", "").strip(),
            number=data.get("number", "").strip(),
            sender=data.get("sender", "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            classification=data.get("classification", "").strip(),
            kind=data.get("kind", ""),
        )


class ImportForm(forms.Form):
    package = forms.FileField(label=_("Paket naskah (.zip)"))
    addressed_to = PositionChoice(label=_("Ditujukan kepada"), queryset=all_positions())


class InstructionForm(forms.Form):
    text = forms.CharField(label=_("Instruksi baru"), max_length=120)


class ClassificationForm(forms.ModelForm):
    class Meta:
        model = Classification
        fields = ["code", "name", "active_years", "inactive_years", "final_disposition"]


class TemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Jenis naskah"),
        choices=[(Letter.Kind.OUTGOING, _("Surat keluar")), (Letter.Kind.MEMO, _("Nota dinas"))],
    )

    class Meta:
        model = Template
        fields = ["name", "kind", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


class DestructionForm(forms.Form):
    letters = forms.ModelMultipleChoiceField(
        label=_("Naskah yang dimusnahkan"), queryset=Letter.objects.none()
    )
    note = forms.CharField(
        label=_("Keterangan berita acara"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, due=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letters"].queryset = due if due is not None else Letter.objects.none()
        self.fields["letters"].error_messages["required"] = _("Pilih naskah yang dimusnahkan.")
