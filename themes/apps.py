from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = _("Tema dan tampilan situs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from themes import registry
        from themes.signals import branding_changed

        registry.discover()
        branding_changed.connect(forget_cached_pages, dispatch_uid="themes.forget_cached_pages")

    def load_demo_data(self, region):
        from themes.services import load_demo_branding

        load_demo_branding(region)


def forget_cached_pages(sender, schema_name, **kwargs):
    """Cached pages of the region show its old colours: retire them."""
    from pages.cache import invalidate_region

    invalidate_region(schema_name)
