from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class CheckFileForm(forms.Form):
    document = forms.FileField(
        label=_("Berkas PDF yang ingin diperiksa"),
        help_text=_("Pilih berkas surat yang Anda terima (PDF, paling besar 20 MB)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar 20 MB."))
        return document


class SigningPinForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi Anda saat ini"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    pin1 = forms.RegexField(
        label=_("PIN tanda tangan baru (6 angka)"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("PIN tanda tangan harus 6 angka.")},
        widget=forms.PasswordInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "maxlength": "6"}
        ),
    )
    pin2 = forms.CharField(
        label=_("Ulangi PIN"),
        widget=forms.PasswordInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "maxlength": "6"}
        ),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Kata sandi salah."))
        return password

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pin1") and cleaned.get("pin1") != cleaned.get("pin2"):
            self.add_error("pin2", _("Kedua PIN tidak sama."))
        return cleaned
