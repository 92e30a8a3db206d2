from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from modules import registry
from notifications.phones import normalise_phone
from onboarding.services import JoinRequest
from tenants.models import Region
from tenants.provinces import PROVINCE_CHOICES
from tenants.validation import validate_slug


class JoinForm(forms.Form):
    """The "Bergabung" form. A theme field joins it once there is a theme registry."""

    region_name = forms.CharField(
        label=_("Nama resmi pemerintah daerah"),
        max_length=120,
        help_text=_("Contoh: Kabupaten Pandeglang."),
    )
    kind = forms.ChoiceField(label=_("Jenis daerah"), choices=Region.Kind.choices)
    province = forms.ChoiceField(
        label=_("Provinsi"), choices=[("", _("— pilih provinsi —")), *PROVINCE_CHOICES]
    )
    slug = forms.CharField(
        label=_("Subdomain yang diinginkan"),
        max_length=40,
        help_text=_(
            "3–40 karakter: huruf kecil, angka dan tanda hubung. Alamat situs Anda akan "
            "menjadi <strong>subdomain.%(domain)s</strong>."
        )
        % {"domain": settings.PLATFORM_DOMAIN},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
    applicant_name = forms.CharField(label=_("Nama pemohon"), max_length=150)
    applicant_position = forms.CharField(
        label=_("Jabatan pemohon"),
        max_length=150,
        help_text=_("Contoh: Kepala Dinas Komunikasi dan Informatika."),
    )
    email = forms.EmailField(
        label=_("Email dinas"),
        max_length=254,
        help_text=_("Alamat resmi instansi, misalnya nama@kominfo.pandeglangkab.go.id."),
    )
    phone = forms.CharField(label=_("Nomor telepon"), max_length=20)
    modules = forms.MultipleChoiceField(
        label=_("Modul yang ingin langsung dipakai"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Modul lain dapat diaktifkan kapan saja dari admin daerah."),
    )
    accept_terms = forms.BooleanField(
        label=_("Saya menyetujui ketentuan Kemitraan Kota Cerdas atas nama instansi saya."),
        error_messages={"required": _("Anda harus menyetujui ketentuan kemitraan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modules"].choices = [
            (m.key, f"{m.name} — {m.summary}") for m in registry.all_manifests()
        ]
        # The live check's answer is read out with the field, beside its rules.
        self.fields["slug"].widget.attrs["aria-describedby"] = "cek-subdomain id_slug_helptext"

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip().lower()
        validate_slug(slug)
        return slug

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self) -> str:
        try:
            return normalise_phone(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise ValidationError(
                _("Nomor telepon tidak valid. Contoh: 0253 201234 atau 0812 3456 7890.")
            ) from exc

    def join_request(self) -> JoinRequest:
        data = self.cleaned_data
        return JoinRequest(
            region_name=data["region_name"],
            kind=data["kind"],
            province=data["province"],
            slug=data["slug"],
            applicant_name=data["applicant_name"],
            applicant_position=data["applicant_position"],
            email=data["email"],
            phone=data["phone"],
            modules=list(data["modules"]),
        )

    def add_service_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dikirim ke pemohon apa adanya."),
        error_messages={"required": _("Tuliskan alasan penolakan untuk pemohon.")},
    )

    add_service_errors = JoinForm.add_service_errors
