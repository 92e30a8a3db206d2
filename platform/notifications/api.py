"""What other code may call to tell people things. (Placeholder until the outbox lands:
the signature is the contract.)"""

from __future__ import annotations

from django.core.mail import send_mail


def send_email(to_email, subject, body, *, idempotency_key, html_body="", user=None) -> None:
    send_mail(subject, body, None, [to_email], html_message=html_body or None)
