from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PricesConfig(AppConfig):
    name = "modules.prices"
    label = "prices"
    verbose_name = _("Harga Bahan Pokok")
