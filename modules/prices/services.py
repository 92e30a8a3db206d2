"""The only write path of the prices module; every change is audited in its transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit import api as audit
from modules import services as module_services
from modules.prices import selectors
from modules.prices.formatting import percent, rupiah
from modules.prices.models import Commodity, Market, Price
from modules.prices.seeds import COMMODITIES

MODULE_KEY = "prices"


# --- seeding (on_enable) ----------------------------------------------------------------------
def seed_commodities(region=None) -> int:
    """Create the staple commodities the region does not have yet; idempotent. A commodity
    staff renamed keeps its new name (matched by code), and one staff already added under
    the same name is not duplicated."""
    existing_codes = set(Commodity.objects.values_list("code", flat=True))
    existing_names = {name.lower() for name in Commodity.objects.values_list("name", flat=True)}
    created = []
    with transaction.atomic():
        for position, (code, name, unit) in enumerate(COMMODITIES, start=1):
            if code in existing_codes or name.lower() in existing_names:
                continue
            Commodity.objects.create(code=code, name=name, unit=unit, order=position * 10)
            created.append(code)
        if created:
            audit.record("prices.seed_commodities", details={"created": created})
    return len(created)


# --- markets and commodities ---------------------------------------------------------------
@transaction.atomic
def add_market(*, name: str, address: str = "", actor, request=None) -> Market:
    market = Market(name=name.strip(), address=address.strip())
    market.full_clean()
    market.save()
    audit.record(
        "prices.add_market", actor=actor, obj=market, request=request, details=_market(market)
    )
    return market


@transaction.atomic
def change_market(
    market: Market, *, name: str, address: str = "", active: bool = True, actor, request=None
) -> Market:
    before = Market.objects.select_for_update().get(pk=market.pk)
    market.name, market.address, market.active = name.strip(), address.strip(), active
    market.full_clean()
    market.save()
    audit.record(
        "prices.change_market",
        actor=actor,
        obj=market,
        request=request,
        details={**_market(market), "before": _market(before)},
    )
    return market


@transaction.atomic
def add_commodity(*, name: str, unit: str, order: int = 100, actor, request=None) -> Commodity:
    commodity = Commodity(name=name.strip(), unit=unit, order=order, code=_free_code(name))
    commodity.full_clean()
    commodity.save()
    audit.record(
        "prices.add_commodity",
        actor=actor,
        obj=commodity,
        request=request,
        details=_commodity(commodity),
    )
    return commodity


@transaction.atomic
def change_commodity(
    commodity: Commodity,
    *,
    name: str,
    unit: str,
    order: int = 100,
    active: bool = True,
    actor,
    request=None,
) -> Commodity:
    before = Commodity.objects.select_for_update().get(pk=commodity.pk)
    commodity.name, commodity.unit = name.strip(), unit
    commodity.order, commodity.active = order, active
    commodity.full_clean()
    commodity.save()
    audit.record(
        "prices.change_commodity",
        actor=actor,
        obj=commodity,
        request=request,
        details={**_commodity(commodity), "before": _commodity(before)},
    )
    return commodity


# --- a day's prices at one market -------------------------------------------------------------
@dataclass(frozen=True)
class Outlier:
    """A price far from the recent median of its commodity at its market."""

    commodity: Commodity
    price: int
    median: int

    @property
    def deviation_percent(self) -> float:
        return abs(self.price - self.median) * 100 / self.median

    @property
    def key(self) -> str:
        """What the officer confirms: this commodity at this price (a changed price asks again)."""
        return f"{self.commodity.pk}:{self.price}"

    @property
    def message(self) -> str:
        direction = _("lebih tinggi") if self.price > self.median else _("lebih rendah")
        return _(
            "%(price)s %(percent)s %(direction)s dari median 14 hari terakhir (%(median)s)."
        ) % {
            "price": rupiah(self.price),
            "percent": percent(self.deviation_percent),
            "direction": direction,
            "median": rupiah(self.median),
        }


class NeedsConfirmation(Exception):
    """Nothing was saved: these prices must be confirmed by the officer first."""

    def __init__(self, outliers: list[Outlier]):
        super().__init__(", ".join(o.key for o in outliers))
        self.outliers = outliers


@dataclass(frozen=True)
class DayResult:
    saved: int = 0
    removed: int = 0
    unchanged: int = 0


def outlier_percent() -> int:
    return module_settings()["outlier_percent"]


def module_settings() -> dict:
    return module_services.module_settings(MODULE_KEY)


def find_outliers(market: Market, day: date, prices: Mapping[Commodity, int]) -> list[Outlier]:
    limit = outlier_percent()
    medians = selectors.recent_medians(market, day)
    found = []
    for commodity, price in prices.items():
        median = medians.get(commodity.pk)
        if median and abs(price - median) * 100 / median > limit:
            found.append(Outlier(commodity, price, median))
    return found


@transaction.atomic
def record_day(
    market: Market,
    day: date,
    entries: Mapping[Commodity, int | None],
    *,
    actor,
    request=None,
    confirmed: Iterable[str] = (),
) -> DayResult:
    """Save a market's prices of one day: a number records or corrects the price, None
    removes it (not sold that day). Prices far from the recent median are saved only when
    their Outlier.key is in `confirmed`; otherwise NeedsConfirmation and nothing changes."""
    check_day(day)
    if not market.active:
        raise ValidationError(_("Pasar ini tidak aktif; aktifkan dulu untuk mencatat harga."))
    existing = {
        p.commodity_id: p for p in Price.objects.select_for_update().filter(market=market, date=day)
    }
    to_save = {
        c: price
        for c, price in entries.items()
        if price is not None and getattr(existing.get(c.pk), "price", None) != price
    }
    to_remove = [
        existing[c.pk] for c, price in entries.items() if price is None and c.pk in existing
    ]
    outliers = find_outliers(market, day, to_save)
    unconfirmed = [o for o in outliers if o.key not in set(confirmed)]
    if unconfirmed:
        raise NeedsConfirmation(unconfirmed)

    changes = [_change(c, existing.get(c.pk), price) for c, price in to_save.items()]
    changes += [_change(p.commodity, p, None) for p in to_remove]
    Price.objects.bulk_create(
        [
            Price(commodity=c, market=market, date=day, price=p, recorded_by=actor)
            for c, p in to_save.items()
        ],
        update_conflicts=True,
        unique_fields=["commodity", "market", "date"],
        update_fields=["price", "recorded_by", "recorded_at"],
    )
    if to_remove:
        Price.objects.filter(pk__in=[p.pk for p in to_remove]).delete()
    if changes:
        audit.record(
            "prices.record_day",
            actor=actor,
            obj=market,
            request=request,
            details={
                "market": market.name,
                "date": day.isoformat(),
                "changes": changes,
                "confirmed_outliers": [
                    {"commodity": o.commodity.name, "price": o.price, "median": o.median}
                    for o in outliers
                ],
            },
        )
    return DayResult(
        saved=len(to_save), removed=len(to_remove), unchanged=len(entries) - len(changes)
    )


def check_day(day: date) -> None:
    if day > selectors.region_today():
        raise ValidationError(
            _("%(day)s belum tiba; harga dicatat untuk hari ini atau hari yang sudah lewat.")
            % {"day": formats.date_format(day, "l, j F Y")},
            code="future",
        )


# --- helpers ------------------------------------------------------------------------------------
def _change(commodity: Commodity, before: Price | None, after: int | None) -> dict:
    return {
        "commodity_id": commodity.pk,
        "commodity": commodity.name,
        "before": before.price if before is not None else None,
        "after": after,
    }


def _free_code(name: str) -> str:
    base = slugify(name)[:50] or "komoditas"
    code, n = base, 2
    while Commodity.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _market(market: Market) -> dict:
    return {"name": market.name, "address": market.address, "active": market.active}


def _commodity(commodity: Commodity) -> dict:
    return {
        "name": commodity.name,
        "unit": commodity.unit,
        "order": commodity.order,
        "active": commodity.active,
    }
