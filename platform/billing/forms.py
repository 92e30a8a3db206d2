"""Forms of the operator's and the region admin's billing pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from billing.models import Plan
from core.money import parse_rupiah


class RupiahField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_rupiah(value)
        except ValueError:
            raise forms.ValidationError(
                _("Tulis jumlah dalam Rupiah utuh, mis. 1250000 atau 1.250.000."), code="invalid"
            ) from None


class DateInput(forms.DateInput):
    input_type = "date"


class ServiceErrorsMixin:
    def add_service_errors(self, exc) -> None:
        for message in exc.messages:
            self.add_error(None, message)


class PaymentForm(ServiceErrorsMixin, forms.Form):
    amount = RupiahField(
        label=gettext_lazy("Jumlah (Rp)"), widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    paid_on = forms.DateField(label=gettext_lazy("Tanggal transfer"), widget=DateInput)
    reference = forms.CharField(
        label=gettext_lazy("Referensi transfer"), max_length=100, required=False
    )
    proof = forms.FileField(
        label=gettext_lazy("Bukti transfer (PDF, JPG atau PNG)"), required=False
    )


class ProofForm(PaymentForm):
    proof = forms.FileField(label=gettext_lazy("Bukti transfer (PDF, JPG atau PNG)"))


class VoidForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan pembatalan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanChangeForm(ServiceErrorsMixin, forms.Form):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Paket"), queryset=Plan.objects.filter(is_active=True)
    )
    effective_on = forms.DateField(label=gettext_lazy("Berlaku mulai"), widget=DateInput)
    billing_emails = forms.CharField(
        label=gettext_lazy("Email penerima tagihan (pisahkan dengan koma)"),
        max_length=500,
        required=False,
    )

    def clean_billing_emails(self):
        from django.core.validators import validate_email

        emails = [e.strip() for e in self.cleaned_data["billing_emails"].split(",") if e.strip()]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(email)s” bukan alamat email.") % {"email": email}
                ) from None
        return ", ".join(emails)


class RunForm(forms.Form):
    period = forms.DateField(
        label=gettext_lazy("Bulan yang ditagih (tanggal berapa pun di bulan itu)"),
        widget=DateInput,
    )
