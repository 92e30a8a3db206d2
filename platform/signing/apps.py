from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "signing"
    verbose_name = _("Tanda tangan elektronik")

    def ready(self) -> None:
        from signing import checks  # noqa: F401  (registers the key check)

    def account_section(self, user):
        from signing.views import account_section

        return account_section(user)
