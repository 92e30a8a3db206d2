"""An officer records a market's prices of the day; residents see them with their change."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection

from audit.models import AuditEntry
from modules.services import update_settings
from tests.modules.prices.conftest import (
    ADMIN,
    RESIDENT,
    add_market,
    commodity_id,
    day_form,
    in_region,
    put_prices,
    region_today,
)

pytestmark = pytest.mark.django_db


def prices_of(region, market, day) -> dict[str, int]:
    from modules.prices.models import Price

    in_region(region)
    found = dict(
        Price.objects.filter(market=market, date=day).values_list("commodity__code", "price")
    )
    connection.set_schema_to_public()
    return found


def audit_entries(region, action="prices.record_day"):
    in_region(region)
    entries = list(AuditEntry.objects.filter(action=action).order_by("id"))
    connection.set_schema_to_public()
    return entries


def market_section(html: str, market) -> str:
    """The part of /harga/ about one market."""
    start = html.index(f'id="pasar-{market.pk}"')
    end = html.find("</section>", start)
    return html[start:end]


def row_of(html: str, name: str) -> str:
    """The table row (<tr>...</tr>) that names `name`."""
    return re.search(rf"<tr>(?:(?!</tr>).)*{name}(?:(?!</tr>).)*</tr>", html, re.S).group(0)


def test_officer_records_today_and_residents_see_prices_with_the_change(
    officer_client, site_client, tangsel
):
    market = add_market(tangsel, "Pasar Uji Ciputat")
    today = region_today(tangsel)
    put_prices(
        tangsel,
        market,
        today - timedelta(days=1),
        {"beras-medium": 14_000, "cabai-rawit-merah": 60_000, "telur-ayam-ras": 29_000},
    )
    client = officer_client(tangsel)
    url = f"{ADMIN}pasar/{market.pk}/harga/"

    form = client.get(url)
    response = client.post(
        url,
        day_form(
            tangsel,
            {"beras-medium": "14.500", "cabai-rawit-merah": "Rp 55.000", "telur-ayam-ras": "29000"},
        ),
    )

    assert form.status_code == 200
    assert "Beras Medium" in form.text
    assert response.status_code == 302
    saved = prices_of(tangsel, market, today)
    assert saved["beras-medium"] == 14_500
    assert saved["cabai-rawit-merah"] == 55_000
    assert len(saved) == 12
    board = market_section(site_client(tangsel).get(RESIDENT).text, market)
    assert "(hari ini)" in board
    beras, rawit = row_of(board, "Beras Medium"), row_of(board, "Cabai Rawit Merah")
    telur, sapi = row_of(board, "Telur Ayam Ras"), row_of(board, "Daging Sapi")
    assert "Rp 14.500/kg" in beras
    assert "naik Rp 500 (3,6%)" in beras
    assert "Rp 55.000/kg" in rawit
    assert "turun Rp 5.000 (8,3%)" in rawit
    assert "Rp 29.000/kg" in telur
    assert "tetap" in telur
    assert "belum ada pembanding" in sapi  # recorded for the first time
    entry = audit_entries(tangsel)[-1]
    assert entry.object_id == str(market.pk)
    assert entry.details["date"] == today.isoformat()
    beras = next(c for c in entry.details["changes"] if c["commodity"] == "Beras Medium")
    assert (beras["before"], beras["after"]) == (None, 14_500)


def test_the_officer_corrects_a_price_and_the_correction_is_audited(officer_client, tangsel):
    market = add_market(tangsel)
    today = region_today(tangsel)
    client = officer_client(tangsel)
    url = f"{ADMIN}pasar/{market.pk}/harga/"
    client.post(url, day_form(tangsel, {"beras-medium": "14500"}))

    form = client.get(url)
    corrected = client.post(url, day_form(tangsel, {"beras-medium": "14000"}))

    assert 'value="14500"' in form.text  # the day's prices are filled in
    assert corrected.status_code == 302
    assert prices_of(tangsel, market, today)["beras-medium"] == 14_000
    entries = audit_entries(tangsel)
    assert len(entries) == 2
    assert entries[-1].details["changes"] == [
        {
            "commodity_id": commodity_id(tangsel, "beras-medium"),
            "commodity": "Beras Medium",
            "before": 14_500,
            "after": 14_000,
        }
    ]


def test_a_past_day_can_be_recorded_but_not_a_future_one(officer_client, tangsel):
    market = add_market(tangsel)
    today = region_today(tangsel)
    client = officer_client(tangsel)
    url = f"{ADMIN}pasar/{market.pk}/harga/"
    last_week = today - timedelta(days=7)
    tomorrow = today + timedelta(days=1)

    past = client.post(f"{url}?tanggal={last_week:%Y-%m-%d}", day_form(tangsel, {}))
    future = client.get(f"{url}?tanggal={tomorrow:%Y-%m-%d}")
    nonsense = client.get(f"{url}?tanggal=kemarin")

    assert past.status_code == 302
    assert len(prices_of(tangsel, market, last_week)) == 12
    assert "belum tiba" in future.text
    assert "Tulis tanggal seperti" in nonsense.text


def test_a_commodity_not_sold_that_day_is_left_out(officer_client, tangsel):
    market = add_market(tangsel)
    today = region_today(tangsel)
    client = officer_client(tangsel)
    url = f"{ADMIN}pasar/{market.pk}/harga/"
    client.post(url, day_form(tangsel, {}))

    response = client.post(url, day_form(tangsel, {}, absent=("daging-sapi",)))

    assert response.status_code == 302
    saved = prices_of(tangsel, market, today)
    assert "daging-sapi" not in saved
    assert len(saved) == 11
    removal = audit_entries(tangsel)[-1].details["changes"]
    assert removal == [
        {
            "commodity_id": commodity_id(tangsel, "daging-sapi"),
            "commodity": "Daging Sapi",
            "before": 10_000,
            "after": None,
        }
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-14000", "Harga tidak boleh negatif."),
        ("murah", "“murah” bukan harga."),
        ("", "Isi harga Beras Medium, atau centang “tidak dijual hari ini”."),
        ("14,5", "tanpa sen"),
        ("0", "Harga harus lebih dari Rp 0."),
        ("140000000", "Harga paling tinggi Rp 5.000.000"),
    ],
)
def test_bad_input_is_answered_clearly_and_what_was_typed_is_kept(
    officer_client, tangsel, typed, message
):
    market = add_market(tangsel)
    client = officer_client(tangsel)

    response = client.post(
        f"{ADMIN}pasar/{market.pk}/harga/",
        day_form(tangsel, {"beras-medium": typed, "telur-ayam-ras": "29.000"}),
    )

    assert response.status_code == 200
    assert message in response.text
    assert "Harga belum tersimpan" in response.text
    assert 'value="29.000"' in response.text  # the rest is kept as typed
    if typed:
        assert f'value="{typed}"' in response.text
    assert prices_of(tangsel, market, region_today(tangsel)) == {}
    assert audit_entries(tangsel) == []


def test_a_price_and_not_sold_together_are_refused(officer_client, tangsel):
    market = add_market(tangsel)
    client = officer_client(tangsel)

    response = client.post(
        f"{ADMIN}pasar/{market.pk}/harga/",
        day_form(tangsel, {"daging-sapi": "135000"}, absent=("daging-sapi",)),
    )

    assert response.status_code == 200
    assert "Kosongkan harga Daging Sapi" in response.text
    assert prices_of(tangsel, market, region_today(tangsel)) == {}


# --- outliers ------------------------------------------------------------------------------------
def with_two_weeks_of_beras(region):
    market = add_market(region)
    today = region_today(region)
    for back in range(1, 15):
        put_prices(region, market, today - timedelta(days=back), {"beras-medium": 13_500})
    return market, today


def hidden_value(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_a_price_far_from_the_recent_median_is_saved_only_when_confirmed(officer_client, tangsel):
    market, today = with_two_weeks_of_beras(tangsel)
    client = officer_client(tangsel)
    url = f"{ADMIN}pasar/{market.pk}/harga/"
    typed = day_form(tangsel, {"beras-medium": "20.000"})

    asked = client.post(url, typed)

    assert asked.status_code == 200
    assert "Harga belum tersimpan" in asked.text
    assert "Rp 20.000 48,1% lebih tinggi dari median 14 hari terakhir (Rp 13.500)" in asked.text
    assert 'value="20.000"' in asked.text
    assert 'name="konfirmasi"' in asked.text
    assert prices_of(tangsel, market, today) == {}
    assert audit_entries(tangsel) == []

    confirmed = client.post(
        url, {**typed, "konfirmasi": "on", "diperiksa": hidden_value(asked.text, "diperiksa")}
    )

    assert confirmed.status_code == 302
    assert prices_of(tangsel, market, today)["beras-medium"] == 20_000
    entry = audit_entries(tangsel)[-1]
    assert entry.details["confirmed_outliers"] == [
        {"commodity": "Beras Medium", "price": 20_000, "median": 13_500}
    ]


def test_a_confirmation_covers_only_the_price_that_was_shown(officer_client, tangsel):
    market, today = with_two_weeks_of_beras(tangsel)
    client = officer_client(tangsel)
    url = f"{ADMIN}pasar/{market.pk}/harga/"
    asked = client.post(url, day_form(tangsel, {"beras-medium": "20000"}))

    changed = client.post(
        url,
        day_form(
            tangsel,
            {"beras-medium": "9000"},
            konfirmasi="on",
            diperiksa=hidden_value(asked.text, "diperiksa"),
        ),
    )

    assert changed.status_code == 200
    assert "Rp 9.000 33,3% lebih rendah dari median" in changed.text
    assert prices_of(tangsel, market, today) == {}


def test_the_outlier_limit_is_the_regions_setting(officer_client, tangsel):
    market, today = with_two_weeks_of_beras(tangsel)
    update_settings(tangsel, "prices", {"outlier_percent": 60, "trend_days": 30})
    client = officer_client(tangsel)

    response = client.post(
        f"{ADMIN}pasar/{market.pk}/harga/", day_form(tangsel, {"beras-medium": "20000"})
    )

    assert response.status_code == 302
    assert prices_of(tangsel, market, today)["beras-medium"] == 20_000
