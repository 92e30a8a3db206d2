"""Delivering one outbox message, exactly once, however often the task runs.

An attempt has two steps, each its own transaction:

1. claim: lock the row, give up if it is sent, failed or being sent by a live worker
   (its row is locked: SKIP LOCKED), else count the attempt and mark it `sending`. This is
   committed, so an attempt killed half-way still counts towards the limit.
2. send: lock the row again, check it is still this attempt's, send, record the outcome.
   The row stays locked while the message is sent; when a worker dies mid-send its
   connection closes and PostgreSQL releases the lock, so the task's next run (django-q2
   hands it out again after `retry` seconds) or the sweep finds a `sending` message nobody
   holds and sends it again, with the same delivery id, which the gateway (or the mail's
   Message-ID) recognises as the same message.

A failed attempt that may succeed later waits NOTIFICATIONS_RETRY_DELAYS[n] seconds: the
sweep (tasks.sweep, every minute) queues it again when it is due.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from notifications import channels
from notifications.gateway import Outcome
from notifications.models import Message

log = logging.getLogger(__name__)


def max_attempts() -> int:
    return len(settings.NOTIFICATIONS_RETRY_DELAYS) + 1


def retry_delay(attempts: int) -> timedelta:
    delays = settings.NOTIFICATIONS_RETRY_DELAYS
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def deliver(message_id: int) -> str:
    """Try to deliver the message once. Returns what happened, for the task's result."""
    attempt = claim(message_id)
    if attempt is None:
        return "skipped"
    return send_claimed(message_id, attempt)


def claim(message_id: int) -> int | None:
    with transaction.atomic():
        message = Message.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None or message.status in Message.FINAL_STATUSES:
            return None
        if message.status == Message.Status.RETRY and message.next_attempt_at > timezone.now():
            return None  # waiting out its delay; the sweep queues it when it is due
        if message.attempts >= max_attempts():
            _give_up(message, message.last_error or "Batas percobaan habis.")
            return None
        message.status = Message.Status.SENDING
        message.attempts += 1
        message.last_attempt_at = timezone.now()
        message.save(update_fields=["status", "attempts", "last_attempt_at"])
        return message.attempts


def send_claimed(message_id: int, attempt: int) -> str:
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=Message.Status.SENDING, attempts=attempt)
            .first()
        )
        if message is None:  # a later attempt took it over
            return "skipped"
        outcome = channels.send(message)
        record(message, outcome)
    _log(message, outcome)
    return message.status


def record(message: Message, outcome: Outcome) -> None:
    now = timezone.now()
    if outcome.delivered:
        message.status = Message.Status.SENT
        message.sent_at = now
        message.provider_reference = outcome.reference
        message.last_error = ""
    elif outcome.retry and message.attempts < max_attempts():
        message.status = Message.Status.RETRY
        message.next_attempt_at = now + retry_delay(message.attempts)
        message.last_error = outcome.error[:2000]
    else:
        message.status = Message.Status.FAILED
        message.last_error = outcome.error[:2000]
    message.save(
        update_fields=["status", "sent_at", "provider_reference", "next_attempt_at", "last_error"]
    )


def _give_up(message: Message, error: str) -> None:
    message.status = Message.Status.FAILED
    message.last_error = error
    message.save(update_fields=["status", "last_error"])


def _log(message: Message, outcome: Outcome) -> None:
    log.info(
        "notification attempt",
        extra={
            "region": connection.schema_name,
            "message_id": message.pk,
            "channel": message.channel,
            "attempt": message.attempts,
            "status": message.status,
            "error": outcome.error,
        },
    )
