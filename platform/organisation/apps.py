from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisasi")

    def load_demo_data(self, region) -> None:
        """Called by core.demo inside each demo region's schema; idempotent."""
        from organisation import demo

        demo.load(region)
