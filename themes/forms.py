"""The branding form of the admin: every field checked, and the theme's colour pairs too."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from themes import images
from themes.models import IMAGE_FIELDS, Branding
from themes.palette import ROLE_FIELDS, contrast_problems
from themes.registry import all_themes, get_theme

PHONE_MESSAGE = _("Nomor tidak dikenali; tulis seperti (021) 555 1234 atau 0812 3456 7890.")


class BrandingForm(WagtailAdminModelForm):
    class Meta:
        model = Branding
        fields = [
            "official_name",
            "short_name",
            "tagline",
            "theme",
            "primary_colour",
            "secondary_colour",
            "accent_colour",
            "logo",
            "favicon",
            "hero_image",
            "address",
            "phone",
            "email",
            "whatsapp",
            "facebook_url",
            "instagram_url",
            "x_url",
            "youtube_url",
            "tiktok_url",
            "footer_text",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "footer_text": forms.Textarea(attrs={"rows": 3}),
            "theme": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].help_text = " ".join(
            f"{theme.name}: {theme.description}" for theme in all_themes()
        )
        for field in IMAGE_FIELDS:
            self.fields[field].widget.attrs["accept"] = "image/png,image/jpeg,image/webp"

    def _clean_image(self, field):
        upload = self.cleaned_data.get(field)
        if isinstance(upload, UploadedFile):
            images.check_upload(field, upload)
        return upload

    def clean_logo(self):
        return self._clean_image("logo")

    def clean_favicon(self):
        return self._clean_image("favicon")

    def clean_hero_image(self):
        return self._clean_image("hero_image")

    def clean_phone(self):
        return _check_phone(self.cleaned_data["phone"], keep_as_typed=True)

    def clean_whatsapp(self):
        return _check_phone(self.cleaned_data["whatsapp"], keep_as_typed=False)

    def clean(self):
        cleaned = super().clean()
        theme = get_theme(cleaned.get("theme"))
        colours = {role: cleaned.get(field) or "" for role, field in ROLE_FIELDS.items()}
        palette = theme.palette(colours)
        already_wrong = set(self.errors)
        for problem in contrast_problems(theme, palette):
            if problem.field not in already_wrong:
                self.add_error(problem.field, problem.message(theme, palette))
        return cleaned


def _check_phone(value: str, *, keep_as_typed: bool) -> str:
    value = value.strip()
    if not value:
        return value
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(PHONE_MESSAGE) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_MESSAGE)
    if keep_as_typed:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
