"""The region site's search: a commodity's name leads to its trend page."""

from __future__ import annotations

from django.db.models import Max, Min
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from modules.manifest import SearchResult
from modules.prices import selectors
from modules.prices.formatting import rupiah
from modules.prices.models import Commodity, Price


def search(query: str, limit: int) -> list[SearchResult]:
    found = Commodity.objects.filter(name__icontains=query.strip())[:limit]
    today = selectors.region_today()
    return [
        SearchResult(
            title=_("Harga %(name)s") % {"name": commodity.name},
            url=reverse("module-prices:commodity", args=[commodity.pk]),
            summary=_latest_summary(commodity, today),
        )
        for commodity in found
    ]


def _latest_summary(commodity: Commodity, today) -> str:
    prices = Price.objects.filter(commodity=commodity, market__active=True, date__lte=today)
    latest = prices.aggregate(last=Max("date"))["last"]
    if latest is None:
        return _("Belum ada harga tercatat.")
    span = prices.filter(date=latest).aggregate(low=Min("price"), high=Max("price"))
    amount = (
        rupiah(span["low"])
        if span["low"] == span["high"]
        else f"{rupiah(span['low'])}–{rupiah(span['high'])}"
    )
    return _("%(amount)s per %(unit)s pada %(day)s") % {
        "amount": amount,
        "unit": commodity.get_unit_display(),
        "day": formats.date_format(latest, "j F Y"),
    }
