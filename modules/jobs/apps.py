from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "modules.jobs"
    label = "jobs"
    verbose_name = _("Siap Kerja")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from modules.jobs.tasks import ensure_reminder_schedule

        post_migrate.connect(ensure_reminder_schedule, sender=self)
