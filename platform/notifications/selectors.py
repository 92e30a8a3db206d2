"""Reads: a person's channels and notices, and the outbox messages that are due."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet

from notifications.models import Channel, ContactProfile, Message, Notice


def contact_profile(user) -> ContactProfile:
    """The person's profile, or an unsaved one with the defaults."""
    profile = ContactProfile.objects.filter(user=user).first()
    return profile if profile is not None else ContactProfile(user=user)


def allowed_deliveries(user, wanted: set[str]) -> list[tuple[str, str]]:
    """(channel, address) for each channel in `wanted` the person allows and can receive."""
    profile = contact_profile(user)
    deliveries = []
    if Channel.EMAIL in wanted and profile.email_enabled and user.email:
        deliveries.append((Channel.EMAIL, user.email))
    if Channel.SMS in wanted and profile.sms_enabled and profile.phone:
        deliveries.append((Channel.SMS, profile.phone))
    if Channel.WHATSAPP in wanted and profile.whatsapp_consent:
        deliveries.append((Channel.WHATSAPP, profile.phone))
    return deliveries


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user=user, read_at=None).count()


def notices_for(user) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user)


def notice_for(user, notice_id: int) -> Notice | None:
    return Notice.objects.filter(user=user, pk=notice_id).first()


def due_messages(now: datetime) -> QuerySet[Message]:
    """Messages whose next attempt is due and that no task is known to hold.

    A message is queued when it is made and when a retry falls due; one queued longer ago
    than the queue's own redelivery time (Q_CLUSTER["retry"]) has lost its task (a worker
    killed before django-q2 could hand it out again, a queue emptied by hand).
    """
    stale = now - timedelta(seconds=settings.Q_CLUSTER["retry"] + 60)
    return (
        Message.objects.exclude(status__in=Message.FINAL_STATUSES)
        .filter(next_attempt_at__lte=now)
        .filter(Q(enqueued_at__lt=F("next_attempt_at")) | Q(enqueued_at__lte=stale))
        .order_by("next_attempt_at")
    )
