"""The new region's first admin sets their password by a link on the region's own host.

The link is Django's password-reset link for that account: it stops working once the
password is set (the token covers the password hash) or after PASSWORD_RESET_TIMEOUT.
The status page makes a fresh one on each visit while the password is unset, for
LINK_ON_PAGE_DAYS after the region went live; after that, a new link goes by email only.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tenants.utils import schema_context

from onboarding import links

LINK_ON_PAGE_DAYS = 7


def link_days() -> int:
    return max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1)


def password_link(application) -> str | None:
    """A link to set the admin's password, or None when it is set (or there is no admin)."""
    from accounts.models import User

    region = application.region
    if region is None or region.status not in region.LIVE_STATUSES:
        return None
    with schema_context(region.schema_name):
        admin = User.objects.filter(email=application.email).first()
        if admin is None or admin.has_usable_password():
            return None
        uid = urlsafe_base64_encode(force_bytes(admin.pk))
        token = default_token_generator.make_token(admin)
    path = reverse(
        "accounts:password_reset_confirm", args=[uid, token], urlconf=settings.ROOT_URLCONF
    )
    return links.region_url(application, path)


def password_is_set(application) -> bool:
    from accounts.models import User

    region = application.region
    if region is None or region.status not in region.LIVE_STATUSES:
        return False
    with schema_context(region.schema_name):
        admin = User.objects.filter(email=application.email).first()
        return admin is not None and admin.has_usable_password()


def link_shown_on_page(application) -> bool:
    # No live_at yet: the job is done and its callback has not marked the application.
    live_at = application.live_at or timezone.now()
    return timezone.now() - live_at < timedelta(days=LINK_ON_PAGE_DAYS)
