"""Helpers for tests of any app: read the mail that was sent.

Mail sent by other processes (the worker, the live server) is in the mailbox on disk; mail
sent inside the test process is in Django's locmem outbox (the test environment's backend).
Both are read; within each, the newest comes last.
"""

from __future__ import annotations

import re
import time

from django.core import mail

from notifications.mailbox import StoredMail, parse_mail, stored_mail

_LINK = re.compile(r"https?://[^\s<>\"')]+")


def sent_emails(address: str | None = None) -> list[StoredMail]:
    """Every message sent (to `address`, if given): the mailbox's, then this process's."""
    found = list(reversed(stored_mail()))
    for index, message in enumerate(getattr(mail, "outbox", [])):
        found.append(parse_mail(f"locmem-{index}", message.message().as_bytes()))
    if address is None:
        return found
    address = address.lower()
    return [item for item in found if address in (to.lower() for to in item.to)]


def last_email_to(address: str, *, timeout: float = 0) -> StoredMail:
    """The last message sent to `address`; waits up to `timeout` seconds for a worker."""
    deadline = time.monotonic() + timeout
    while True:
        found = sent_emails(address)
        if found:
            return found[-1]
        if time.monotonic() >= deadline:
            raise AssertionError(f"no email was sent to {address}")
        time.sleep(0.2)


def links_in(message: StoredMail) -> list[str]:
    """The links of a message's text, in order (e.g. to follow a verification link)."""
    return _LINK.findall(message.body)


def deliver_pending(schema_name: str) -> int:
    """Deliver, in this process, every message of a region still waiting in its outbox (what
    the worker would do after the commit a test transaction never makes)."""
    from django_tenants.utils import schema_context

    from notifications import delivery
    from notifications.models import Message

    with schema_context(schema_name):
        waiting = list(
            Message.objects.exclude(status__in=Message.FINAL_STATUSES).values_list("pk", flat=True)
        )
        for pk in waiting:
            delivery.deliver(pk)
    return len(waiting)
