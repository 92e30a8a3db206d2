from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.translation import gettext_lazy as _


class PasswordPairForm(forms.Form):
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif first:
            try:
                password_validation.validate_password(first)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class SignUpForm(PasswordPairForm):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(
        label=_("Alamat email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    field_order = ["full_name", "email", "password1", "password2"]


class ResidentLoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Alamat email")
        self.fields["password"].label = _("Kata sandi")

    error_messages = {
        "invalid_login": _("Email atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
        "unverified": _(
            "Alamat email belum diverifikasi. Buka tautan yang kami kirim ke email Anda."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_resident and user.email_verified_at is None:
            raise ValidationError(self.error_messages["unverified"], code="unverified")


class InviteStaffForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Alamat email dinas"))
    groups = forms.ModelMultipleChoiceField(
        label=_("Peran"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = Group.objects.order_by("name")


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Kode 6 angka dari aplikasi autentikator"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Masukkan 6 angka.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi Anda, untuk memastikan"), strip=False, widget=forms.PasswordInput
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Kata sandi salah."))
        return password


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset flow, with the email sent through the notifications outbox."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from notifications.api import send_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        key = f"password-reset-{context['uid']}-{context['token']}"
        send_email(to_email, subject, body, idempotency_key=key, user=context["user"])
