"""Harga Bahan Pokok: daily staple food prices per market, recorded by region staff and
shown to residents with their change and trend."""

from django.utils.translation import gettext_lazy as _

from modules.manifest import Manifest, Measure, MenuItem, Role, Setting

MANIFEST = Manifest(
    key="prices",
    name=_("Harga Bahan Pokok"),
    summary=_("Harga harian beras, cabai, telur dan bahan pokok lain di pasar-pasar daerah."),
    icon="table",
    version="1.0",
    urls="modules.prices.urls",
    url_prefix="harga",
    tile_url_name="index",
    admin_urls="modules.prices.admin_urls",
    admin_menu=(
        MenuItem(
            _("Harga Bahan Pokok"),
            "index",
            icon="table",
            order=300,
            permission="prices.record_prices",
        ),
    ),
    roles=(
        Role(
            "Petugas Harga Pasar",
            (
                "wagtailadmin.access_admin",
                "prices.record_prices",
                "prices.manage_markets",
            ),
            _("Mencatat harga harian bahan pokok dan mengelola daftar pasar."),
        ),
    ),
    settings=(
        Setting(
            "outlier_percent",
            _("Batas selisih harga (%)"),
            kind=int,
            default=30,
            minimum=5,
            maximum=300,
            help_text=_(
                "Harga yang berselisih lebih dari ini dari median 14 hari terakhir di pasar "
                "yang sama harus dikonfirmasi petugas sebelum disimpan."
            ),
        ),
        Setting(
            "trend_days",
            _("Panjang grafik tren (hari)"),
            kind=int,
            default=30,
            minimum=7,
            maximum=90,
        ),
    ),
    meters=(
        Measure(
            "prices_this_month",
            _("Harga tercatat bulan ini"),
            "modules.prices.selectors.prices_recorded_this_month",
            _("harga"),
        ),
    ),
    statistics=(
        Measure(
            "markets_reporting",
            _("Pasar yang melapor (7 hari terakhir)"),
            "modules.prices.selectors.markets_reporting",
            _("pasar"),
        ),
        Measure(
            "days_with_data",
            _("Hari dengan data (30 hari terakhir)"),
            "modules.prices.selectors.days_with_data_last_30",
            _("hari"),
        ),
    ),
    search="modules.prices.search.search",
    on_enable="modules.prices.services.seed_commodities",
    contract_objects="modules.prices.selectors.contract_objects",
    demo_data="modules.prices.demo.load",
)
