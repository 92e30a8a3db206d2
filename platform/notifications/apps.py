from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self):
        from notifications.tasks import ensure_sweep_schedule

        post_migrate.connect(ensure_sweep_schedule, sender=self)
