from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipRegionConfig(AppConfig):
    """The region's half of the partnership: support grants live in the region's schema."""

    name = "partnership.region"
    label = "partnership_region"
    verbose_name = _("Akses dukungan")
