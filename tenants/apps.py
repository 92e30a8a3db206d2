from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Daerah")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from tenants import checks, domains, lifecycle, routing  # noqa: F401 - checks register themselves
        from tenants.models import Domain, Region

        for model in (Region, Domain):
            post_save.connect(routing.forget_routes_on_change, sender=model)
            post_delete.connect(routing.forget_routes_on_change, sender=model)
        post_migrate.connect(lifecycle.ensure_deletion_schedule, sender=self)
        post_migrate.connect(domains.ensure_recheck_schedule, sender=self)
