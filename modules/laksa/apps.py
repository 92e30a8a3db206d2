from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaksaConfig(AppConfig):
    name = "modules.laksa"
    label = "laksa"
    verbose_name = _("LAKSA")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from modules.laksa.tasks import ensure_sla_schedule

        post_migrate.connect(ensure_sla_schedule, sender=self)
