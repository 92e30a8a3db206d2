"""Sending one outbox message on its channel: email through Django's mail framework, SMS and
WhatsApp through the region's gateway. Never raises for a failed delivery: the result says
whether to try again."""

from __future__ import annotations

import smtplib
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django_tenants.utils import get_public_schema_name

from notifications import gateway as gateway_client
from notifications.gateway import Outcome
from notifications.mailbox import REGION_HEADER
from notifications.models import Channel, Gateway, Message


def send(message: Message) -> Outcome:
    try:
        if message.channel == Channel.EMAIL:
            return send_email_message(message)
        return send_through_gateway(message)
    except Exception as exc:  # a bug or an outage must not lose the message: try again later
        return Outcome.transient(f"{exc.__class__.__name__}: {exc}")


def send_email_message(message: Message) -> Outcome:
    message_id = email_message_id(message)
    mail = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=sender_address(),
        to=[message.to],
        headers={
            "Message-ID": message_id,
            REGION_HEADER: connection.schema_name,
            "X-Sinergi-Delivery": str(message.delivery_id),
        },
    )
    if message.html_body:
        mail.attach_alternative(message.html_body, "text/html")
    try:
        mail.send()
    except smtplib.SMTPRecipientsRefused as exc:
        return Outcome.permanent(f"SMTP menolak penerima: {exc.recipients}")
    except (smtplib.SMTPException, OSError) as exc:
        return Outcome.transient(f"{exc.__class__.__name__}: {exc}")
    return Outcome.sent(reference=message_id)


def send_through_gateway(message: Message) -> Outcome:
    gateway = Gateway.objects.filter(channel=message.channel, is_active=True).first()
    if gateway is None:
        # An admin may still set one up: worth trying again until the attempts run out.
        return Outcome.transient(f"Gateway {message.channel} belum diatur untuk daerah ini.")
    return gateway_client.post_message(
        gateway,
        channel=message.channel,
        to=message.to,
        text=message.body,
        delivery_id=str(message.delivery_id),
    )


def email_message_id(message: Message) -> str:
    """The same for every attempt, so a repeat is recognisable as the same mail."""
    return f"<{message.delivery_id}@{settings.PLATFORM_DOMAIN}>"


def sender_address() -> str:
    """ "Kota Tangerang Selatan <noreply@...>" in a region, "Sinergi <noreply@...>" on the
    platform: one sending address, the region's name shown."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return formataddr((sender_name(), address))


def sender_name() -> str:
    schema = connection.schema_name
    if schema == get_public_schema_name():
        return settings.PLATFORM_NAME
    from tenants.models import Region

    region = Region.objects.filter(schema_name=schema).only("name").first()
    return region.name if region is not None else settings.PLATFORM_NAME
