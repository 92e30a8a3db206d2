from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Tagihan")

    def ready(self) -> None:
        from billing.tasks import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)

    def load_demo_data(self, region) -> None:
        """Called by core.demo inside each demo region's schema; idempotent."""
        from billing import demo

        demo.load(region)
