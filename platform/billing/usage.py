"""Usage: the platform's own meters and every module's manifest meters, read inside a
region's schema and kept as one UsageRecord per region, meter and day."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context

from billing.models import DOMAINS, MESSAGES, STAFF, STORAGE, UsageRecord
from core.private_files import private_root


@dataclass(frozen=True)
class Meter:
    key: str
    label: object
    unit: object
    # "max": a level (accounts, megabytes), billed at its peak in the month;
    # "sum": a flow (messages sent that day), billed as the month's total.
    aggregate: str = "max"


PLATFORM_METERS = {
    STAFF: Meter(STAFF, _("Akun staf aktif"), _("akun")),
    STORAGE: Meter(STORAGE, _("Penyimpanan"), "MB"),
    MESSAGES: Meter(MESSAGES, _("Pesan SMS/WhatsApp terkirim"), _("pesan"), "sum"),
    DOMAINS: Meter(DOMAINS, _("Domain khusus"), _("domain")),
}


def meter(key: str) -> Meter:
    """The platform meter, or a module's manifest meter (`<module>.<meter>`)."""
    if key in PLATFORM_METERS:
        return PLATFORM_METERS[key]
    from modules import registry

    module_key, _dot, meter_key = key.partition(".")
    if registry.exists(module_key):
        for measure in registry.get(module_key).meters:
            if measure.key == meter_key:
                return Meter(key, measure.label, measure.unit)
    return Meter(key, key, "")


def read_region(region, day: date) -> dict[str, int]:
    """Every meter's value for the region on `day` (platform meters, then the meters of
    the modules it has on)."""
    from modules import gate, registry

    values = {DOMAINS: _custom_domains(region), STORAGE: _storage_mb(region.schema_name)}
    with schema_context(region.schema_name):
        values[STAFF] = _staff_accounts()
        values[MESSAGES] = _messages_sent(day, region.timezone)
        for key in sorted(gate.enabled_keys(region.schema_name)):
            for measure in registry.get(key).meters:
                values[f"{key}.{measure.key}"] = round(import_string(measure.function)() or 0)
    return values


def record(region, day: date, values: dict[str, int]) -> None:
    """Store the day's readings; recording the same day again overwrites them."""
    UsageRecord.objects.bulk_create(
        [UsageRecord(region=region, meter=k, day=day, value=v) for k, v in values.items()],
        update_conflicts=True,
        unique_fields=["region", "meter", "day"],
        update_fields=["value", "recorded_at"],
    )


def _staff_accounts() -> int:
    from accounts.models import User

    return User.objects.filter(is_active=True, is_staff=True).count()


def _messages_sent(day: date, tz: str) -> int:
    from notifications.models import Channel, Message

    start = datetime.combine(day, time.min, tzinfo=ZoneInfo(tz))
    return Message.objects.filter(
        channel__in=[Channel.SMS, Channel.WHATSAPP],
        status=Message.Status.SENT,
        sent_at__gte=start,
        sent_at__lt=start + timedelta(days=1),
    ).count()


def _custom_domains(region) -> int:
    from tenants.api import primary_hostname
    from tenants.models import Domain

    return Domain.objects.filter(tenant=region).exclude(domain=primary_hostname(region)).count()


def _storage_mb(schema: str) -> int:
    """The schema's tables and indexes plus its media and private folders, in whole MB."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'm') AND n.nspname = %s",
            [schema],
        )
        size = int(cursor.fetchone()[0])
    for top in (settings.MEDIA_ROOT, private_root()):
        for root, _dirs, files in os.walk(os.path.join(top, schema)):
            size += sum(os.path.getsize(os.path.join(root, name)) for name in files)
    return math.ceil(size / (1024 * 1024))
