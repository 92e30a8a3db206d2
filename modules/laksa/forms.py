"""Forms of LAKSA: the resident's report, the rating and the reopening; the staff's actions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from modules.laksa import selectors
from modules.laksa.models import Category, Report, ReportPhoto
from modules.laksa.photos import clean_photo
from organisation import api as organisation

MB = 1_000_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files from one input; each is checked by the form (photos.clean_photo)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(f, initial) for f in files if f]


def photos_from(form: forms.Form, field: str, settings: dict) -> list:
    """The cleaned photos of a form's photo field, or the field's errors added to the form."""
    files = form.cleaned_data.get(field) or []
    if len(files) > settings["max_photos"]:
        form.add_error(field, _("Paling banyak %(n)s foto.") % {"n": settings["max_photos"]})
        return []
    photos = []
    for upload in files:
        try:
            photos.append(clean_photo(upload, max_bytes=settings["max_photo_mb"] * MB))
        except ValidationError as exc:
            form.add_error(field, exc)
    return photos


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis laporan"),
        choices=Report.Kind.choices,
        initial=Report.Kind.PENGADUAN,
        widget=forms.RadioSelect,
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Kategori"),
        queryset=Category.objects.none(),
        empty_label=gettext_lazy("— pilih kategori —"),
        error_messages={"required": gettext_lazy("Pilih kategori laporan.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Judul"),
        max_length=150,
        help_text=gettext_lazy("Singkat dan jelas, mis. “Lampu jalan mati di Jl. Merpati”."),
        error_messages={"required": gettext_lazy("Tulis judul laporan.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Uraian"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Ceritakan masalahnya.")},
    )
    address = forms.CharField(
        label=gettext_lazy("Alamat atau patokan lokasi"),
        max_length=250,
        required=False,
        help_text=gettext_lazy("Isi alamat, atau tandai titik di peta / pakai lokasi Anda."),
    )
    latitude = forms.DecimalField(
        label=gettext_lazy("Lintang"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Bujur"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    photos = PhotosField(label=gettext_lazy("Foto (boleh lebih dari satu)"))
    privacy = forms.ChoiceField(
        label=gettext_lazy("Kerahasiaan"),
        choices=Report.Privacy.choices,
        initial=Report.Privacy.PUBLIK,
        widget=forms.RadioSelect,
    )
    reporter_name = forms.CharField(label=gettext_lazy("Nama Anda"), max_length=150, required=False)
    reporter_email = forms.EmailField(
        label=gettext_lazy("Email Anda"),
        required=False,
        help_text=gettext_lazy(
            "Untuk kabar perkembangan laporan. Tanpa email, simpan kode pelacakan."
        ),
    )
    # A field people do not see (hidden by CSS, skipped by keyboard and screen readers);
    # robots that fill every field give themselves away.
    situs = forms.CharField(label=gettext_lazy("Situs web"), required=False)

    def __init__(self, *args, user=None, settings: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.settings = settings
        self.fields["category"].queryset = selectors.categories()
        self.fields["photos"].help_text = _(
            "Paling banyak %(n)s foto, masing-masing %(mb)s MB (JPEG, PNG atau WebP). Lokasi "
            "dan data kamera di foto dihapus sebelum disimpan."
        ) % {"n": settings["max_photos"], "mb": settings["max_photo_mb"]}
        if settings["max_photos"] == 0:
            del self.fields["photos"]
        if user is not None and user.is_authenticated:
            del self.fields["reporter_name"], self.fields["reporter_email"]
        self.photos: list = []

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get(self.add_prefix("situs")))

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        typed_bad_coordinates = "latitude" in self.errors or "longitude" in self.errors
        if (latitude is None) != (longitude is None):
            self.add_error("latitude", _("Isi lintang dan bujur, atau kosongkan keduanya."))
        elif latitude is None and not typed_bad_coordinates and not data.get("address"):
            self.add_error(
                "address", _("Tulis alamat atau patokan lokasi, atau tandai titik di peta.")
            )
        if "photos" in self.fields:
            self.photos = photos_from(self, "photos", self.settings)
        return data


class TrackForm(forms.Form):
    kode = forms.CharField(label=gettext_lazy("Kode pelacakan"), max_length=20)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Seberapa puas Anda?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih nilai 1 sampai 5.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Komentar (boleh kosong)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Apa yang belum selesai?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Tulis mengapa masalahnya belum selesai.")},
    )


# --- staff -------------------------------------------------------------------------------------
class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan penolakan (dibaca pelapor)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Tulis alasan penolakan; pelapor akan membacanya.")
        },
    )


class PrivacyForm(forms.Form):
    privacy = forms.ChoiceField(label=gettext_lazy("Kerahasiaan"), choices=Report.Privacy.choices)


class ReclassifyForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Kategori"), queryset=Category.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.categories()


class AnswerForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Tanggapan untuk pelapor"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Tulis tanggapan untuk pelapor.")},
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[
            (Report.Status.PROSES, gettext_lazy("Proses")),
            (Report.Status.SELESAI, gettext_lazy("Selesai")),
        ],
        widget=forms.RadioSelect,
        initial=Report.Status.PROSES,
    )
    photos = PhotosField(label=gettext_lazy("Foto (boleh kosong)"))
    photo_stage = forms.ChoiceField(
        label=gettext_lazy("Foto ini"),
        choices=[
            (ReportPhoto.Stage.SESUDAH, gettext_lazy("Sesudah ditangani")),
            (ReportPhoto.Stage.SEBELUM, gettext_lazy("Sebelum ditangani")),
        ],
        initial=ReportPhoto.Stage.SESUDAH,
    )

    def __init__(self, *args, settings: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.settings = settings
        self.photos: list = []

    def clean(self):
        data = super().clean()
        self.photos = photos_from(self, "photos", self.settings)
        return data


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "description", "unit", "verify_days", "respond_days", "order", "active"]
        error_messages = {"name": {"required": gettext_lazy("Tulis nama kategori.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["unit"]
        units.queryset = organisation.Unit.objects.filter(active=True)
        units.label_from_instance = lambda unit: unit.tree_label()


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan menyembunyikan (catatan internal)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Tulis alasan menyembunyikan laporan.")},
    )


class RedactForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Judul"), max_length=150)
    description = forms.CharField(
        label=gettext_lazy("Uraian"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    reason = forms.CharField(
        label=gettext_lazy("Alasan penyuntingan"),
        max_length=1000,
        error_messages={"required": gettext_lazy("Tulis alasan penyuntingan.")},
    )


class RedactPhotoForm(forms.Form):
    photo = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Alasan menghapus foto"),
        max_length=1000,
        error_messages={"required": gettext_lazy("Tulis alasan menghapus foto.")},
    )


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nama klien"),
        max_length=100,
        help_text=gettext_lazy("Mis. “Konektor SP4N-LAPOR!” atau nama aplikasi 311."),
        error_messages={"required": gettext_lazy("Tulis nama klien yang memakai kunci ini.")},
    )


class StatisticsForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Tanggal akhir sebelum tanggal awal."))
        return data


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email Anda"),
        required=False,
        help_text=gettext_lazy("Kami kabari setiap perkembangan laporan ini."),
    )


class MergeForm(forms.Form):
    into = forms.CharField(
        label=gettext_lazy("Gabungkan ke laporan (kode pelacakan atau nomor)"),
        max_length=20,
        error_messages={"required": gettext_lazy("Tulis kode atau nomor laporan tujuan.")},
    )

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report

    def clean_into(self):
        raw = self.cleaned_data["into"].strip()
        found = selectors.report_by_code(raw)
        if found is None and raw.isdigit():
            found = Report.objects.filter(pk=int(raw)).first()
        if found is None:
            raise ValidationError(_("Laporan tujuan tidak ditemukan."))
        if self.report is not None and found.pk == self.report.pk:
            raise ValidationError(_("Laporan tidak dapat digabung dengan dirinya sendiri."))
        return found
