"""Staff pages in the region's Wagtail admin (/admin/prices/): markets, commodities and the
day's price entry per market. Thin: reads from selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from modules.prices import selectors, services
from modules.prices.forms import CommodityForm, DayPricesForm, MarketForm, parse_day
from modules.prices.models import Commodity, Market

RECORD = "prices.record_prices"
MANAGE = "prices.manage_markets"
NS = "module-prices-admin"


def _require(request, *permissions: str) -> None:
    if not any(request.user.has_perm(p) for p in permissions):
        raise PermissionDenied


def _page(request, template: str, title: str, **context) -> TemplateResponse:
    context.update(page_title=title, header_title=title, header_icon="table")
    return TemplateResponse(request, f"prices/admin/{template}", context)


def index(request):
    _require(request, RECORD, MANAGE)
    latest = selectors.latest_date_per_market()
    markets = [(m, latest.get(m.pk)) for m in selectors.markets(active_only=False)]
    return _page(
        request,
        "index.html",
        _("Harga Bahan Pokok"),
        markets=markets,
        commodities=selectors.commodities(active_only=False),
        today=selectors.region_today(),
        can_record=request.user.has_perm(RECORD),
        can_manage=request.user.has_perm(MANAGE),
    )


def record_prices(request, pk: int):
    _require(request, RECORD)
    market = get_object_or_404(Market, pk=pk, active=True)
    today = selectors.region_today()
    day, day_error = parse_day(request.GET.get("tanggal"), today)
    if day > today:
        day, day_error = today, _("Tanggal itu belum tiba; yang tampil harga hari ini.")
    form = DayPricesForm(
        request.POST or None,
        commodities=list(selectors.commodities()),
        existing=selectors.prices_on(market, day),
        medians=selectors.recent_medians(market, day),
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.record_day(
                market,
                day,
                form.entries(),
                actor=request.user,
                request=request,
                confirmed=form.confirmed_keys(),
            )
        except services.NeedsConfirmation as exc:
            form.ask_confirmation(exc.outliers)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _saved_message(market, day, result))
            return redirect(f"{reverse(f'{NS}:record', args=[market.pk])}?tanggal={day:%Y-%m-%d}")
    elif request.method == "POST":
        messages.error(request, _("Harga belum tersimpan: periksa isian yang ditandai."))
    return _page(
        request,
        "record.html",
        _("Harga di %(market)s") % {"market": market.name},
        market=market,
        day=day,
        today=today,
        day_error=day_error,
        form=form,
        outlier_percent=services.outlier_percent(),
    )


def _saved_message(market: Market, day, result: services.DayResult) -> str:
    return _("Harga %(market)s untuk %(day)s tersimpan: %(saved)s diubah, %(removed)s dihapus.") % {
        "market": market.name,
        "day": formats.date_format(day, "l, j F Y"),
        "saved": result.saved,
        "removed": result.removed,
    }


def market_add(request):
    _require(request, MANAGE)
    form = MarketForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            market = services.add_market(
                name=data["name"], address=data["address"], actor=request.user, request=request
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Pasar %(name)s ditambahkan.") % {"name": market.name})
            return redirect(f"{NS}:index")
    return _page(request, "form.html", _("Tambah pasar"), form=form)


def market_edit(request, pk: int):
    _require(request, MANAGE)
    market = get_object_or_404(Market, pk=pk)
    form = MarketForm(request.POST or None, instance=Market.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_market(
                market,
                name=data["name"],
                address=data["address"],
                active=data["active"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Pasar %(name)s disimpan.") % {"name": market.name})
            return redirect(f"{NS}:index")
    return _page(request, "form.html", _("Ubah pasar %(name)s") % {"name": market.name}, form=form)


def commodity_add(request):
    _require(request, MANAGE)
    form = CommodityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commodity = services.add_commodity(
                name=data["name"],
                unit=data["unit"],
                order=data["order"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Komoditas %(name)s ditambahkan.") % {"name": commodity.name}
            )
            return redirect(f"{NS}:index")
    return _page(request, "form.html", _("Tambah komoditas"), form=form)


def commodity_edit(request, pk: int):
    _require(request, MANAGE)
    commodity = get_object_or_404(Commodity, pk=pk)
    form = CommodityForm(request.POST or None, instance=Commodity.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_commodity(
                commodity,
                name=data["name"],
                unit=data["unit"],
                order=data["order"],
                active=data["active"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Komoditas %(name)s disimpan.") % {"name": commodity.name})
            return redirect(f"{NS}:index")
    title = _("Ubah komoditas %(name)s") % {"name": commodity.name}
    return _page(request, "form.html", title, form=form)


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
