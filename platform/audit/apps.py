from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Log audit")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from audit.tasks import ensure_purge_schedule

        post_migrate.connect(ensure_purge_schedule, sender=self)
