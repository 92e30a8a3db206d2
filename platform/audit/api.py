"""`record` is how every service writes the audit log. Call it in the same transaction as
the change it describes, so an action and its entry are committed (or undone) together."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from audit.models import AuditEntry


def record(
    action: str,
    *,
    actor=None,
    obj: Model | None = None,
    request=None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. `action` is '<area>.<verb>', e.g. 'accounts.invite'."""
    actor = actor if actor is not None else _request_user(request)
    return AuditEntry.objects.create(
        actor_id=getattr(actor, "pk", None),
        actor_name=_name(actor),
        actor_position=_position(actor),
        platform_identity=getattr(request, "platform_identity", "") if request else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        ip_address=client_ip(request) if request is not None else None,
        details=details or {},
    )


def client_ip(request) -> str | None:
    """The client's address; behind a proxy the first X-Forwarded-For hop, when trusted."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def anonymise_actor(actor_id: int, placeholder: str) -> None:
    """A person who left keeps no name or address in the log; what they did stays."""
    AuditEntry.objects.filter(actor_id=actor_id).update(actor_name=placeholder, ip_address=None)


def purge_expired(now=None) -> int:
    """Delete entries older than AUDIT_RETENTION_DAYS in the current schema."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted


def _request_user(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _name(actor) -> str:
    if actor is None:
        return ""
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return (full or getattr(actor, "email", "") or str(actor))[:200]


def _position(actor) -> str:
    if actor is None or connection.schema_name == "public":
        return ""
    from organisation.api import position_label

    return position_label(actor)[:300]
