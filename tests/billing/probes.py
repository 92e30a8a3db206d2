"""Hooks the billing worker tests give a real worker (settings.BILLING_CHECKPOINT)."""

from __future__ import annotations

from django.db import connection

PAUSE_LOCK = 7_310_001  # a PostgreSQL advisory lock key the test holds to stop the worker


def pause_after_two(invoice) -> None:
    """Called just before an invoice commits: once two invoices of the period are in, wait
    on the test's advisory lock, so the worker is killed holding an uncommitted third."""
    from billing.models import Invoice

    if Invoice.objects.filter(period=invoice.period).exclude(pk=invoice.pk).count() >= 2:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [PAUSE_LOCK])
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PAUSE_LOCK])
