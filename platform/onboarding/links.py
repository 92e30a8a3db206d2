"""Links to the platform's pages about an application, for pages and for mail.

The status page is reached by a signed token of the application's public id: whoever has
the link (the applicant, from their mail) may watch it, and nothing has to be stored.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

STATUS_SALT = "onboarding.status"


def status_token(application) -> str:
    return signing.Signer(salt=STATUS_SALT).sign(str(application.public_id))


def public_id_of(token: str) -> str | None:
    try:
        return signing.Signer(salt=STATUS_SALT).unsign(token)
    except signing.BadSignature:
        return None


def platform_path(name: str, *args) -> str:
    # The worker's default URLconf is the region one: name the platform's explicitly.
    return reverse(name, args=args, urlconf=settings.PUBLIC_SCHEMA_URLCONF)


def platform_url(application, name: str, *args) -> str:
    return application.base_url.rstrip("/") + platform_path(name, *args)


def status_url(application) -> str:
    return platform_url(application, "onboarding:status", status_token(application))


def base_url_of(request) -> str:
    """Scheme, host and port the request came in on (the platform's address)."""
    return f"{request.scheme}://{request.get_host()}"


def region_url(application, path: str = "/") -> str:
    """The region's own address, on the scheme and port the applicant used."""
    parts = urlsplit(application.base_url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{application.hostname}{port}{path}"
