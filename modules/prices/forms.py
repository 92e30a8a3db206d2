from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from modules.prices.formatting import parse_rupiah, rupiah
from modules.prices.models import Commodity, Market, Price


class MarketForm(forms.ModelForm):
    class Meta:
        model = Market
        fields = ["name", "address", "active"]


class CommodityForm(forms.ModelForm):
    class Meta:
        model = Commodity
        fields = ["name", "unit", "order", "active"]


class DayForm(forms.Form):
    """Which day's prices to show in the entry form."""

    tanggal = forms.DateField(
        label=gettext_lazy("Tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Tulis tanggal seperti 2026-11-22.")},
    )


class DayPricesForm(forms.Form):
    """Every commodity of one market on one day: a price, or "not sold today".

    Fields are named per commodity (`harga_<id>`, `kosong_<id>`), so a bound form shows
    back exactly what was typed, row by row."""

    konfirmasi = forms.BooleanField(
        label=gettext_lazy("Saya sudah memeriksa harga yang ditandai dan harga itu benar."),
        required=False,
    )
    diperiksa = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        commodities: list[Commodity],
        existing: dict[int, Price],
        medians: dict[int, int],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.commodities = commodities
        self.medians = medians
        self.warnings: dict[int, str] = {}
        for commodity in commodities:
            current = existing.get(commodity.pk)
            self.fields[self.price_name(commodity)] = forms.CharField(
                label=_("Harga %(name)s (Rp per %(unit)s)")
                % {"name": commodity.name, "unit": commodity.get_unit_display()},
                required=False,
                initial=current.price if current else None,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10}
                ),
            )
            self.fields[self.absent_name(commodity)] = forms.BooleanField(
                label=_("%(name)s tidak dijual hari ini") % {"name": commodity.name},
                required=False,
            )

    @staticmethod
    def price_name(commodity: Commodity) -> str:
        return f"harga_{commodity.pk}"

    @staticmethod
    def absent_name(commodity: Commodity) -> str:
        return f"kosong_{commodity.pk}"

    def clean(self):
        data = super().clean()
        for commodity in self.commodities:
            name = self.price_name(commodity)
            raw = (self.data.get(self.add_prefix(name)) or "").strip()
            absent = data.get(self.absent_name(commodity))
            if absent and raw:
                self.add_error(
                    name,
                    _("Kosongkan harga %(name)s, atau hapus centang “tidak dijual”.")
                    % {"name": commodity.name},
                )
            elif not absent and not raw:
                self.add_error(
                    name,
                    _("Isi harga %(name)s, atau centang “tidak dijual hari ini”.")
                    % {"name": commodity.name},
                )
            elif raw:
                try:
                    data[name] = parse_rupiah(raw)
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data

    def entries(self) -> dict[Commodity, int | None]:
        """{commodity: price or None (not sold)}, from a valid form."""
        return {
            c: None
            if self.cleaned_data.get(self.absent_name(c))
            else self.cleaned_data[self.price_name(c)]
            for c in self.commodities
        }

    def confirmed_keys(self) -> set[str]:
        """The flagged prices the officer saw and confirmed (see services.Outlier.key)."""
        if not self.cleaned_data.get("konfirmasi"):
            return set()
        return {key for key in self.cleaned_data.get("diperiksa", "").split(",") if key}

    def ask_confirmation(self, outliers) -> None:
        """Show the form again with a warning on each flagged row and the confirm box."""
        self.warnings = {o.commodity.pk: o.message for o in outliers}
        for outlier in outliers:
            field = self[self.price_name(outlier.commodity)]
            field.field.widget.attrs["aria-describedby"] = f"{field.id_for_label}-warning"
        data = self.data.copy()
        data[self.add_prefix("diperiksa")] = ",".join(o.key for o in outliers)
        data[self.add_prefix("konfirmasi")] = ""
        self.data = data

    def rows(self):
        for commodity in self.commodities:
            median = self.medians.get(commodity.pk)
            yield {
                "commodity": commodity,
                "price": self[self.price_name(commodity)],
                "absent": self[self.absent_name(commodity)],
                "median": rupiah(median) if median else "",
                "warning": self.warnings.get(commodity.pk, ""),
            }

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.warnings)


def parse_day(text: str | None, default: date) -> tuple[date, str]:
    """The day asked for in the query string, or the default with the reason it was not used."""
    if not text:
        return default, ""
    form = DayForm({"tanggal": text})
    if form.is_valid():
        return form.cleaned_data["tanggal"], ""
    return default, form.errors["tanggal"][0]
