from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    name = "modules"
    label = "modules"
    verbose_name = _("Modul")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from modules import gate, registry
        from modules.models import ModuleActivation

        registry.collect()
        post_save.connect(gate.forget_on_change, sender=ModuleActivation)
        post_delete.connect(gate.forget_on_change, sender=ModuleActivation)
