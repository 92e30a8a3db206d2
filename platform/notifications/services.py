"""Writes: notices and outbox messages, read marks, preferences and WhatsApp consent, gateway
changes. The idempotency key's unique constraints decide what is new, not a look first."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from audit import api as audit
from core.tasks import enqueue
from notifications import selectors
from notifications.models import Channel, ContactProfile, Message, Notice
from notifications.phones import normalise_phone

DELIVER_TASK = "notifications.tasks.deliver"


def create_notice(
    user, topic: str, subject: str, body: str, *, url: str, wanted: set[str], key: str
) -> Notice:
    """The in-app notice and one message per allowed channel, queued once committed."""
    with transaction.atomic():
        notice, created = Notice.objects.get_or_create(
            idempotency_key=key,
            defaults={"user": user, "topic": topic, "subject": subject, "body": body, "url": url},
        )
        if not created:
            return notice
        link = absolute_url(url) if url else ""
        for channel, address in selectors.allowed_deliveries(user, wanted):
            message, _created = _new_message(
                key,
                channel,
                to=address,
                user=user,
                notice=notice,
                topic=topic,
                subject=subject,
                body=compose(channel, subject, body, link),
            )
            queue_delivery(message)
    return notice


def create_email(
    to_email: str, subject: str, body: str, *, key: str, html_body: str = "", user=None
) -> Message:
    with transaction.atomic():
        message, created = _new_message(
            key,
            Channel.EMAIL,
            to=to_email,
            user=user,
            subject=subject,
            body=body,
            html_body=html_body,
        )
        if created:
            queue_delivery(message)
    return message


def _new_message(key: str, channel: str, **fields) -> tuple[Message, bool]:
    now = timezone.now()
    return Message.objects.get_or_create(
        idempotency_key=key,
        channel=channel,
        defaults={**fields, "next_attempt_at": now, "enqueued_at": now, "created_at": now},
    )


def queue_delivery(message: Message) -> None:
    """Queue one attempt once the surrounding transaction commits."""
    enqueue(DELIVER_TASK, message.pk, group=f"{connection.schema_name}:notifications")


def requeue_due(now=None, limit: int = 500) -> int:
    """Queue the due messages of the current schema (the sweep calls this per region)."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(selectors.due_messages(now).values_list("pk", flat=True)[:limit])
        Message.objects.filter(pk__in=ids).update(enqueued_at=now)
        for pk in ids:
            enqueue(DELIVER_TASK, pk, group=f"{connection.schema_name}:notifications")
    return len(ids)


def compose(channel: str, subject: str, body: str, link: str) -> str:
    if channel == Channel.EMAIL:
        return f"{body}\n\n{link}" if link else body
    return "\n".join(part for part in (subject, body, link) if part)


def absolute_url(url: str) -> str:
    """A link that works outside the site (mail, SMS): the region's own host."""
    if urlsplit(url).scheme:
        return url
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = f":{base.port}" if base.port else ""
    return f"{base.scheme or 'https'}://{_current_host()}{port}/{url.lstrip('/')}"


def _current_host() -> str:
    schema = connection.schema_name
    if schema == get_public_schema_name():
        return settings.PLATFORM_DOMAIN
    from tenants.models import Domain

    domain = Domain.objects.filter(tenant__schema_name=schema, is_primary=True).first()
    return domain.domain if domain is not None else settings.PLATFORM_DOMAIN


# --- reading ---------------------------------------------------------------------------------
def mark_read(user, notice_id: int) -> bool:
    return bool(
        Notice.objects.filter(user=user, pk=notice_id, read_at=None).update(read_at=timezone.now())
    )


def mark_all_read(user) -> int:
    return Notice.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


# --- preferences and consent -----------------------------------------------------------------
def update_preferences(
    user,
    *,
    phone: str,
    email_enabled: bool,
    sms_enabled: bool,
    whatsapp_consent: bool,
    actor=None,
    request=None,
) -> ContactProfile:
    """Save a person's channels. WhatsApp consent is given or withdrawn only by the person
    themself (actor None or the user): staff may change the number, which suspends consent
    given for the old one. Every change of consent goes to the audit log as evidence."""
    with transaction.atomic():
        profile, _created = ContactProfile.objects.select_for_update().get_or_create(user=user)
        before = _consent_state(profile)
        profile.phone = normalise_phone(phone)
        profile.email_enabled = email_enabled
        profile.sms_enabled = sms_enabled
        if actor is None or actor.pk == user.pk:
            _set_whatsapp_consent(profile, whatsapp_consent)
        profile.save()
        after = _consent_state(profile)
        if before != after:
            audit.record(
                "notifications.whatsapp_consent",
                actor=actor or user,
                obj=profile,
                request=request,
                details={"given": after[0], "phone": after[1] or before[1]},
            )
    return profile


def _consent_state(profile: ContactProfile) -> tuple[bool, str]:
    return (True, profile.phone) if profile.whatsapp_consent else (False, "")


def _set_whatsapp_consent(profile: ContactProfile, wanted: bool) -> None:
    now = timezone.now()
    if wanted and profile.phone and not profile.whatsapp_consent:
        profile.whatsapp_consent_given_at = now
        profile.whatsapp_consent_withdrawn_at = None
        profile.whatsapp_consent_phone = profile.phone
    elif (
        not wanted
        and profile.whatsapp_consent_given_at
        and not (profile.whatsapp_consent_withdrawn_at)
    ):
        profile.whatsapp_consent_withdrawn_at = now


# --- gateways --------------------------------------------------------------------------------
def record_gateway_change(action: str, gateway, *, actor, request=None) -> None:
    """Audit a gateway change made in the admin (never the token itself)."""
    audit.record(
        f"notifications.gateway_{action}",
        actor=actor,
        obj=gateway,
        request=request,
        details={"channel": gateway.channel, "url": gateway.url, "active": gateway.is_active},
    )
