"""A colour field that holds nothing but #rrggbb (so it can go into a <style> safely)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from themes.contrast import is_hex_colour

COLOUR_MESSAGE = _("Warna harus berupa kode #rrggbb, misalnya #0b4f8a.")


def validate_hex_colour(value: str) -> None:
    if value and not is_hex_colour(value):
        raise ValidationError(COLOUR_MESSAGE, code="colour")


class ColourFormField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "placeholder": "#rrggbb",
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "size": 8,
                }
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip().lower() if value else value

    def validate(self, value):
        super().validate(value)
        validate_hex_colour(value)


class ColourField(models.CharField):
    default_validators = [validate_hex_colour]

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 7
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ColourFormField, **kwargs})


class WebAddressField(models.URLField):
    """A web address (http or https only); one typed without a scheme gets https."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
