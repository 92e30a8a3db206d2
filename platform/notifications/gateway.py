"""The HTTP contract with a region's SMS/WhatsApp gateway (docs/architecture.md,
"Notifications").

    POST <gateway url>
    Authorization: Bearer <token>
    Idempotency-Key: <delivery id>
    {"channel": "sms", "to": "+62812...", "sender": "...", "text": "...",
     "client_ref": "<delivery id>"}

A 2xx answer, or 409 (that key was already accepted), means the gateway has the message.
400, 404, 410 and 422 mean it never will: the message fails at once. Anything else (a
network error, a timeout, 5xx, 429, 401/403 while an admin fixes the token) is tried again
later with the same key.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PERMANENT_STATUSES = {400, 404, 410, 422}


@dataclass(frozen=True)
class Outcome:
    """How one attempt went: delivered, worth trying again, or hopeless."""

    delivered: bool
    retry: bool = False
    reference: str = ""
    error: str = ""

    @classmethod
    def sent(cls, reference: str = "") -> Outcome:
        return cls(delivered=True, reference=reference)

    @classmethod
    def transient(cls, error: str) -> Outcome:
        return cls(delivered=False, retry=True, error=error)

    @classmethod
    def permanent(cls, error: str) -> Outcome:
        return cls(delivered=False, retry=False, error=error)


def post_message(gateway, *, channel: str, to: str, text: str, delivery_id: str) -> Outcome:
    try:
        check_gateway_url(gateway.url)
    except ValidationError as exc:
        return Outcome.permanent(" ".join(exc.messages))
    try:
        response = requests.post(
            gateway.url,
            json={
                "channel": channel,
                "to": to,
                "sender": gateway.sender,
                "text": text,
                "client_ref": delivery_id,
            },
            headers={
                "Authorization": f"Bearer {gateway.token}",
                "Idempotency-Key": delivery_id,
            },
            timeout=settings.NOTIFICATIONS_GATEWAY_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        return Outcome.transient(f"{exc.__class__.__name__}: {exc}")
    return _outcome(response)


def _outcome(response: requests.Response) -> Outcome:
    status = response.status_code
    if 200 <= status < 300 or status == 409:
        return Outcome.sent(reference=_reference(response))
    error = f"HTTP {status}: {response.text[:300]}"
    if status in PERMANENT_STATUSES:
        return Outcome.permanent(error)
    return Outcome.transient(error)


def _reference(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    return str(data.get("id", ""))[:200] if isinstance(data, dict) else ""


def check_gateway_url(url: str) -> None:
    """Refuse gateway URLs that would make the worker call into our own network.

    A region admin sets the URL, and the worker posts to it: without this check an admin
    could reach internal services (SSRF). Development and tests allow loopback gateways.
    """
    parts = urlsplit(url)
    allow_private = settings.NOTIFICATIONS_GATEWAY_ALLOW_PRIVATE
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        raise ValidationError(_("Alamat gateway harus memakai https://."))
    if not parts.hostname:
        raise ValidationError(_("Alamat gateway tidak lengkap."))
    if allow_private:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, None)}
    except OSError as exc:
        raise ValidationError(_("Nama host gateway tidak dikenal.")) from exc
    if not all(ipaddress.ip_address(address).is_global for address in addresses):
        raise ValidationError(_("Gateway harus berada di internet, bukan di jaringan internal."))
