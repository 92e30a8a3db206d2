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
        """A service's refusal, on the field it concerns when the form has that field."""
        if not hasattr(exc, "error_dict"):
            for message in exc.messages:
                self.add_error(None, message)
            return
        for field, errors in exc.message_dict.items():
            for message in errors:
                self.add_error(field if field in self.fields else None, message)


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


MONEY = {"inputmode": "numeric", "autocomplete": "off"}


def _rupiah(label) -> RupiahField:
    return RupiahField(label=label, widget=forms.TextInput(attrs=MONEY))


def _count(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=2_000_000_000)


class PlanForm(ServiceErrorsMixin, forms.Form):
    """A plan's terms; `key` only when the plan is new (invoices and the log name it)."""

    key = forms.SlugField(
        label=gettext_lazy("Kode (huruf kecil, angka, tanda hubung; tidak dapat diubah)"),
        max_length=40,
    )
    name = forms.CharField(label=gettext_lazy("Nama"), max_length=80)
    monthly_price = _rupiah(gettext_lazy("Harga per bulan (Rp)"))
    trial_days = forms.IntegerField(
        label=gettext_lazy("Masa uji coba (hari)"), min_value=0, max_value=365
    )
    is_active = forms.BooleanField(label=gettext_lazy("Dapat dipilih untuk daerah"), required=False)
    all_modules = forms.BooleanField(label=gettext_lazy("Semua modul"), required=False)
    allowed_modules = forms.MultipleChoiceField(
        label=gettext_lazy("Modul yang boleh diaktifkan"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    included_staff = _count(gettext_lazy("Akun staf termasuk"))
    included_storage_mb = _count(gettext_lazy("Penyimpanan termasuk (MB)"))
    included_messages = _count(gettext_lazy("Pesan SMS/WhatsApp termasuk"))
    included_custom_domains = _count(gettext_lazy("Domain khusus termasuk"))
    price_per_staff = _rupiah(gettext_lazy("Harga per akun staf di atas kuota (Rp)"))
    price_per_storage_mb = _rupiah(gettext_lazy("Harga per MB di atas kuota (Rp)"))
    price_per_message = _rupiah(gettext_lazy("Harga per pesan di atas kuota (Rp)"))
    price_per_custom_domain = _rupiah(gettext_lazy("Harga per domain khusus di atas kuota (Rp)"))

    GROUPS = (
        (gettext_lazy("Paket"), ("key", "name", "monthly_price", "trial_days", "is_active")),
        (gettext_lazy("Modul"), ("all_modules", "allowed_modules")),
        (
            gettext_lazy("Kuota per bulan"),
            (
                "included_staff",
                "included_storage_mb",
                "included_messages",
                "included_custom_domains",
            ),
        ),
        (
            gettext_lazy("Harga di atas kuota"),
            (
                "price_per_staff",
                "price_per_storage_mb",
                "price_per_message",
                "price_per_custom_domain",
            ),
        ),
    )

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        from modules import registry

        if plan is not None:
            kwargs.setdefault("initial", {name: getattr(plan, name) for name in self.base_fields})
        else:
            kwargs.setdefault(
                "initial",
                {"is_active": True, "trial_days": 0}
                | {
                    name: 0 for name in self.base_fields if name.startswith(("included_", "price_"))
                },
            )
        super().__init__(*args, **kwargs)
        self.plan = plan
        if plan is not None:
            del self.fields["key"]
        self.fields["allowed_modules"].choices = [(m.key, m.name) for m in registry.all_manifests()]

    def groups(self):
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.GROUPS
        ]


class ManualInvoiceForm(forms.Form):
    region = forms.ModelChoiceField(label=gettext_lazy("Daerah"), queryset=None)

    def __init__(self, *args, **kwargs):
        from tenants.models import Region

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(
            status__in=Region.LIVE_STATUSES
        ).order_by("name")


class ManualLineForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Uraian"), max_length=300)
    quantity = forms.IntegerField(label=gettext_lazy("Jumlah"), min_value=1, max_value=1_000_000)
    unit_price = _rupiah(gettext_lazy("Harga satuan (Rp)"))


ManualLineFormSet = forms.formset_factory(ManualLineForm, extra=5, max_num=20, absolute_max=20)
