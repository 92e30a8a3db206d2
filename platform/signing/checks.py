from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security, deploy=False)
def signing_key_is_usable(app_configs, **kwargs):
    from signing.crypto import check_encryption_key

    try:
        check_encryption_key()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="signing.E001")]
    return []
