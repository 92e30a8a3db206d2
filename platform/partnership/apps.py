from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = _("Kemitraan")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from partnership.snapshot import ensure_snapshot_schedule

        post_migrate.connect(ensure_snapshot_schedule, sender=self)

    def load_platform_demo_data(self, regions) -> None:
        from partnership import demo

        demo.load(regions)
