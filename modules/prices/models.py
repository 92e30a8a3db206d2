"""Staple food prices: what is sold (commodities), where (markets), and the price of each
commodity at each market on each day (one row, corrected in place)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Commodity(models.Model):
    class Unit(models.TextChoices):
        KG = "kg", _("kg")
        LITER = "liter", _("liter")

    # Stable name of a seeded commodity, so seeding again never duplicates a renamed one.
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(
        _("nama"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("Komoditas dengan nama ini sudah ada.")},
    )
    unit = models.CharField(_("satuan"), max_length=10, choices=Unit.choices, default=Unit.KG)
    order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    active = models.BooleanField(
        _("dicatat"),
        default=True,
        help_text=_("Komoditas yang tidak dicatat lagi tidak muncul di formulir harian."),
    )

    class Meta:
        verbose_name = _("komoditas")
        verbose_name_plural = _("komoditas")
        ordering = ["order", "name"]
        permissions = [("manage_markets", _("Dapat mengelola pasar dan komoditas"))]

    def __str__(self) -> str:
        return self.name


class Market(models.Model):
    name = models.CharField(
        _("nama pasar"),
        max_length=120,
        unique=True,
        error_messages={"unique": _("Pasar dengan nama ini sudah ada.")},
    )
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Pasar yang tidak aktif tidak tampil bagi warga; harganya tetap tersimpan."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pasar")
        verbose_name_plural = _("pasar")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Price(models.Model):
    commodity = models.ForeignKey(
        Commodity, on_delete=models.PROTECT, related_name="prices", verbose_name=_("komoditas")
    )
    market = models.ForeignKey(
        Market, on_delete=models.PROTECT, related_name="prices", verbose_name=_("pasar")
    )
    date = models.DateField(_("tanggal"))
    price = models.PositiveIntegerField(_("harga (Rp)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    class Meta:
        verbose_name = _("harga")
        verbose_name_plural = _("harga")
        ordering = ["-date", "market", "commodity"]
        permissions = [("record_prices", _("Dapat mencatat harga harian"))]
        constraints = [
            models.UniqueConstraint(
                fields=["commodity", "market", "date"], name="prices_one_price_per_day"
            ),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="prices_price_positive"),
        ]
        indexes = [models.Index(fields=["market", "date"], name="prices_market_date")]

    def __str__(self) -> str:
        return f"{self.commodity} @ {self.market} {self.date:%Y-%m-%d}: {self.price}"
