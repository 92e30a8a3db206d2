"""Forms of Siap Kerja. They check what a person typed and show it back; the rules that
must hold whatever the page are in services.py."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from modules.jobs import selectors
from modules.jobs.formatting import parse_rupiah, rupiah
from modules.jobs.models import (
    SEEKER_EDUCATION,
    Application,
    Company,
    CompanyDocument,
    JobCard,
    JobFair,
    JobType,
    Sector,
    SeekerProfile,
    Vacancy,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": gettext_lazy("Tulis tanggal seperti 2026-12-31.")}


def _kecamatan_field(form: forms.Form, name: str = "area") -> None:
    """Kecamatan from the organisation directory; the field goes when the region has none."""
    choices = selectors.kecamatan()
    if not choices.exists():
        del form.fields[name]
        return
    field = form.fields[name]
    field.queryset = choices
    field.label_from_instance = lambda area: area.name
    field.empty_label = _("— pilih kecamatan —")


class CompanyForm(forms.ModelForm):
    website = forms.URLField(label=gettext_lazy("Situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Company
        fields = [
            "name",
            "nib",
            "sector",
            "address",
            "area",
            "description",
            "website",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _kecamatan_field(self)
        self.fields["sector"].choices = [("", _("— pilih sektor usaha —")), *Sector.choices]
        if self.instance.pk and self.instance.is_verified:
            for name in ("name", "nib"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Sudah diverifikasi Disnaker; tidak dapat diubah.")

    def clean_nib(self):
        return "".join((self.cleaned_data.get("nib") or "").split())


PDF_INPUT = forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})


def _document_field(label, required: bool) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        widget=PDF_INPUT,
        help_text=gettext_lazy("Berkas PDF, paling besar 5 MB."),
        error_messages={"required": gettext_lazy("Unggah dokumen ini (PDF).")},
    )


class CompanyRegistrationForm(CompanyForm):
    """The company's data with the documents Disnaker checks it against."""

    nib_document = _document_field(gettext_lazy("Dokumen NIB dari OSS (PDF)"), True)
    akta_document = _document_field(gettext_lazy("Akta pendirian (PDF, bila ada)"), False)

    def company_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if not k.endswith("_document")}

    def files_by_kind(self) -> dict:
        return {
            CompanyDocument.Kind.NIB: self.cleaned_data.get("nib_document"),
            CompanyDocument.Kind.AKTA: self.cleaned_data.get("akta_document"),
        }


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis dokumen"), choices=CompanyDocument.Kind)
    file = _document_field(gettext_lazy("Dokumen (PDF)"), True)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Alamat email rekan kerja"),
        error_messages={
            "invalid": gettext_lazy("Tulis alamat email yang benar, mis. nama@contoh.co.id.")
        },
    )


class SalaryField(forms.CharField):
    """Whole Rupiah, typed as 4500000, 4.500.000 or Rp 4.500.000."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        return parse_rupiah(super().to_python(value))

    def prepare_value(self, value):
        return rupiah(value) if isinstance(value, int) else value


class VacancyForm(forms.ModelForm):
    salary_min = SalaryField(label=gettext_lazy("Gaji terendah per bulan (Rp)"), required=False)
    salary_max = SalaryField(label=gettext_lazy("Gaji tertinggi per bulan (Rp)"), required=False)

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "job_type",
            "openings",
            "description",
            "requirements",
            "education",
            "experience_years",
            "area",
            "location",
            "salary_min",
            "salary_max",
            "salary_negotiable",
            "disability_friendly",
            "closes_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "requirements": forms.Textarea(attrs={"rows": 5}),
            "closes_on": DATE_INPUT,
        }
        error_messages = {"closes_on": DATE_ERRORS}
        help_texts = {
            "location": gettext_lazy("Alamat atau nama kawasan tempat bekerja."),
            "closes_on": gettext_lazy("Hari terakhir lamaran diterima."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _kecamatan_field(self)
        self.fields["job_type"].choices = [("", _("— pilih jenis pekerjaan —")), *JobType.choices]

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low and high and low > high:
            self.add_error("salary_max", _("Gaji tertinggi tidak boleh di bawah gaji terendah."))
        if (
            "salary_min" not in self.errors
            and not low
            and not high
            and not data.get("salary_negotiable")
        ):
            self.add_error(
                "salary_min", _("Isi kisaran gaji, atau centang “gaji dapat dinegosiasikan”.")
            )
        return data


class ExtendForm(forms.Form):
    closes_on = forms.DateField(
        label=gettext_lazy("Tanggal tutup baru"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )


class ProfileForm(forms.ModelForm):
    cv = forms.FileField(
        label=gettext_lazy("CV (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    remove_cv = forms.BooleanField(label=gettext_lazy("Hapus CV yang tersimpan"), required=False)
    photo = forms.FileField(
        label=gettext_lazy("Foto (JPG atau PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,.jpg,.jpeg,.png"}),
        help_text=gettext_lazy("Paling besar 2 MB; hanya dilihat perusahaan yang Anda lamar."),
    )
    remove_photo = forms.BooleanField(label=gettext_lazy("Hapus foto"), required=False)

    class Meta:
        model = SeekerProfile
        fields = [
            "phone",
            "education",
            "major",
            "skills",
            "experience",
            "area",
            "share_phone",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "experience": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "skills": gettext_lazy("Mis. mengemudi (SIM B1), Microsoft Excel, menjahit."),
            "experience": gettext_lazy(
                "Tempat kerja, jabatan dan tahunnya; kosongkan bila belum ada."
            ),
        }

    def __init__(self, *args, cv_limit_mb: int = 2, has_cv: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        _kecamatan_field(self)
        self.fields["cv"].help_text = _("Berkas PDF, paling besar %(mb)s MB.") % {"mb": cv_limit_mb}
        if not has_cv:
            del self.fields["remove_cv"]
        if not (self.instance.pk and self.instance.photo):
            del self.fields["remove_photo"]


class ApplyForm(forms.Form):
    cover_note = forms.CharField(
        label=gettext_lazy("Surat pengantar"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Ceritakan singkat mengapa Anda cocok untuk pekerjaan ini."),
    )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Pindahkan ke tahap"))
    message = forms.CharField(
        label=gettext_lazy("Pesan untuk pelamar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Mis. jadwal dan tempat wawancara. Pelamar menerimanya lewat notifikasi."
        ),
    )

    def __init__(self, *args, stages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (s, label) for s, label in Application.Stage.choices if s in stages
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Tuliskan alasannya agar pemohon dapat memperbaiki.")
        },
    )


class SearchForm(forms.Form):
    """The residents' search (GET): every field optional, a bad one is ignored with a note."""

    q = forms.CharField(label=gettext_lazy("Kata kunci"), required=False, max_length=100)
    sector = forms.ChoiceField(
        label=gettext_lazy("Sektor"), required=False, choices=[("", gettext_lazy("Semua sektor"))]
    )
    education = forms.ChoiceField(label=gettext_lazy("Pendidikan saya"), required=False)
    job_type = forms.ChoiceField(label=gettext_lazy("Jenis pekerjaan"), required=False)
    salary = SalaryField(label=gettext_lazy("Gaji paling sedikit (Rp)"), required=False)
    area = forms.ModelChoiceField(label=gettext_lazy("Kecamatan"), required=False, queryset=None)
    disability_friendly = forms.BooleanField(
        label=gettext_lazy("Ramah penyandang disabilitas"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Semua sektor")), *Sector.choices]
        self.fields["education"].choices = [("", _("Semua jenjang")), *SEEKER_EDUCATION]
        self.fields["job_type"].choices = [("", _("Semua jenis")), *JobType.choices]
        _kecamatan_field(self)
        if "area" in self.fields:
            self.fields["area"].empty_label = _("Semua kecamatan")

    def filters(self) -> selectors.Filters:
        """What was asked, leaving out the fields that did not validate."""
        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        area = data.get("area")
        return selectors.Filters(
            q=data.get("q") or "",
            sector=data.get("sector") or "",
            education=data.get("education") or "",
            job_type=data.get("job_type") or "",
            salary=data.get("salary"),
            area=area.pk if area else None,
            disability_friendly=bool(data.get("disability_friendly")),
        )

    @property
    def is_filtered(self) -> bool:
        return any(v for k, v in self.data.items() if k in self.fields and k != "page")


class CardRequestForm(forms.ModelForm):
    class Meta:
        model = JobCard
        fields = ["nik", "full_name", "birth_date", "address"]
        widgets = {
            "nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "birth_date": DATE_INPUT,
        }
        error_messages = {"birth_date": DATE_ERRORS}

    def clean_nik(self):
        return "".join((self.cleaned_data.get("nik") or "").split())


class FairForm(forms.ModelForm):
    class Meta:
        model = JobFair
        fields = [
            "title",
            "starts_on",
            "ends_on",
            "place",
            "area",
            "description",
            "companies",
            "published",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "companies": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"starts_on": DATE_ERRORS, "ends_on": DATE_ERRORS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _kecamatan_field(self)
        self.fields["companies"].queryset = Company.objects.filter(
            status=Company.Status.VERIFIED
        ).order_by("name")
        self.fields["companies"].help_text = _("Hanya perusahaan terverifikasi yang tampil.")

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Dari tanggal"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
    end = forms.DateField(
        label=gettext_lazy("Sampai tanggal"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        return data


class CardReportForm(forms.Form):
    """The AK/1 holder's six-monthly report."""

    status = forms.TypedChoiceField(
        label=gettext_lazy("Keadaan Anda sekarang"),
        choices=[
            ("1", gettext_lazy("Masih mencari kerja")),
            ("0", gettext_lazy("Sudah bekerja")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih keadaan Anda sekarang.")},
    )
    employer = forms.CharField(
        label=gettext_lazy("Nama tempat bekerja (bila sudah bekerja)"),
        max_length=150,
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("Keterangan (tidak wajib)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") is False and not (data.get("employer") or "").strip():
            self.add_error("employer", _("Tuliskan nama tempat Anda bekerja."))
        return data
