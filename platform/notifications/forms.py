"""The preferences form, shared by the resident page and the staff admin page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.phones import normalise_phone


class PreferencesForm(forms.Form):
    phone = forms.CharField(
        label=_("Nomor ponsel"),
        required=False,
        max_length=30,
        help_text=_("Untuk SMS dan WhatsApp. Contoh: 0812 3456 7890."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email_enabled = forms.BooleanField(label=_("Kirim lewat email"), required=False)
    sms_enabled = forms.BooleanField(label=_("Kirim lewat SMS"), required=False)
    whatsapp_consent = forms.BooleanField(
        label=_("Saya setuju menerima pemberitahuan lewat WhatsApp di nomor ini"),
        required=False,
        help_text=_("Persetujuan ini dapat Anda tarik kapan saja dengan menghapus centang."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if not data.get("phone") and (data.get("sms_enabled") or data.get("whatsapp_consent")):
            self.add_error(
                "phone", _("Isi nomor ponsel untuk menerima pemberitahuan lewat SMS atau WhatsApp.")
            )
        return data

    @classmethod
    def for_profile(cls, profile, data=None) -> PreferencesForm:
        return cls(
            data,
            initial={
                "phone": profile.phone,
                "email_enabled": profile.email_enabled,
                "sms_enabled": profile.sms_enabled,
                "whatsapp_consent": profile.whatsapp_consent,
            },
        )
