from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EofficeConfig(AppConfig):
    name = "modules.eoffice"
    label = "eoffice"
    verbose_name = _("e-Office")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from modules.eoffice.tasks import ensure_reminder_schedule

        post_migrate.connect(ensure_reminder_schedule, sender=self)
