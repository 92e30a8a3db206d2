"""What other code calls to tell people something.

    from notifications import api as notifications

    notifications.notify(
        reporter, "laksa.status", _("Laporan Anda selesai"), body,
        url=f"/laksa/{report.pk}/", idempotency_key=f"laksa.status:{report.pk}:selesai",
    )
    notifications.send_email(
        email, _("Undangan ke Sinergi"), body, idempotency_key=f"accounts.invite:{invite.pk}",
    )

Both write in the current schema (the region's, or public for the platform) and queue the
delivery when the surrounding transaction commits. The idempotency key names the event
("what happened to whom"): calling again with the same key creates nothing new, so a retried
request or task never tells anyone twice. Keys are unique per schema.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet

from notifications import selectors, services
from notifications.models import Channel, ContactProfile, Message, Notice

IN_APP = "inapp"
ALL_CHANNELS = frozenset({IN_APP, *Channel.values})


def notify(
    user,
    topic: str,
    subject: str,
    body: str,
    *,
    url: str = "",
    channels: Iterable[str] | None = None,
    idempotency_key: str,
) -> Notice:
    """Tell a person of the current schema: an in-app notice, and a message on each of
    `channels` ("email", "sms", "whatsapp"; all by default) that the person allows.

    `url` may be a path of the current site ("/laksa/12/"): messages carry it as a full
    link to the region's host. Returns the notice (the existing one for a repeated key).
    """
    key = _checked_key(idempotency_key)
    wanted = set(ALL_CHANNELS if channels is None else channels)
    if unknown := wanted - ALL_CHANNELS:
        raise ValueError(f"unknown notification channels: {sorted(unknown)}")
    _check_user_of_this_schema(user)
    return services.create_notice(user, topic, subject[:200], body, url=url, wanted=wanted, key=key)


def send_email(
    to_email: str,
    subject: str,
    body: str,
    *,
    idempotency_key: str,
    html_body: str = "",
    user=None,
) -> Message:
    """Send one email to an address that may have no account yet (invitations, sign-up
    verification). Transactional: sent whatever the person's preferences say."""
    key = _checked_key(idempotency_key)
    try:
        validate_email(to_email)
    except ValidationError as exc:
        raise ValueError(f"not an email address: {to_email!r}") from exc
    if user is not None:
        _check_user_of_this_schema(user)
    return services.create_email(
        to_email, subject[:200], body, key=key, html_body=html_body, user=user
    )


def unread_count(user) -> int:
    return selectors.unread_count(user)


def notices(user) -> QuerySet[Notice]:
    """The person's notices, newest first."""
    return selectors.notices_for(user)


def mark_read(user, notice_id: int) -> bool:
    """Mark one of the person's notices read; False if it is not theirs or already read."""
    return services.mark_read(user, notice_id)


def mark_all_read(user) -> int:
    return services.mark_all_read(user)


def contact_profile(user) -> ContactProfile:
    """The person's phone, channels and WhatsApp consent (defaults when never saved)."""
    return selectors.contact_profile(user)


def _checked_key(key: str) -> str:
    if not key or not key.strip():
        raise ValueError("an idempotency_key is required")
    if len(key) > 200:
        raise ValueError("idempotency_key is longer than 200 characters")
    return key


def _check_user_of_this_schema(user) -> None:
    """A user object from another schema would name someone else here (ids repeat across
    regions): refuse it rather than tell the wrong person."""
    if not get_user_model().objects.filter(pk=user.pk, email=user.email).exists():
        raise ValueError("the user does not belong to the current schema")
