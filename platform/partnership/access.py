"""Support access: a region admin grants a named mentor a limited stay in the region's
admin; the mentor enters from the console through a signed, short-lived, single-use link.

The writes live here (the services of support access); views stay thin."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from audit import api as audit
from partnership import scopes
from partnership.models import SupportGrantMirror
from partnership.region.models import SupportEntry, SupportGrant, SupportIdentity

ENTRY_SALT = "partnership.support-entry"
ENTRY_MAX_AGE = 120  # seconds an entry link stays good
MAX_HOURS = 72
SESSION_KEY = "partnership_support_grant"
SUPPORT_PERMISSION = "partnership.support_regions"


class SupportRefused(Exception):
    """Why a mentor may not enter (a sentence for the page they see)."""


# --- platform side (public schema) --------------------------------------------------------
def mentors() -> list:
    """Platform staff who may be granted access, read from the public schema."""
    app_label, codename = SUPPORT_PERMISSION.split(".")
    with schema_context(get_public_schema_name()):
        # By role only: a superuser who runs the platform is not a mentor.
        return list(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__permissions__content_type__app_label=app_label,
                groups__permissions__codename=codename,
            )
            .distinct()
            .order_by("first_name", "email")
        )


def entry_token(mirror: SupportGrantMirror, mentor) -> str:
    """A signed link token for `mentor` to enter through `mirror`'s grant, or refusal."""
    if mirror.mentor_id != mentor.pk or not mentor.has_perm(SUPPORT_PERMISSION):
        raise SupportRefused(_("Akses dukungan ini bukan untuk Anda."))
    if not mirror.is_active():
        raise SupportRefused(_("Akses dukungan ini sudah berakhir atau dicabut."))
    payload = {
        "grant": str(mirror.grant_public_id),
        "schema": mirror.region.schema_name,
        "mentor": mentor.pk,
        "nonce": secrets.token_urlsafe(24),
    }
    audit.record(
        "partnership.support_link", actor=mentor, obj=mirror, details={"scope": mirror.scope}
    )
    return signing.dumps(payload, salt=ENTRY_SALT, compress=True)


# --- region side (the region's schema) ----------------------------------------------------
def grant_access(
    *, mentor_id: int, hours: int, scope: str, read_only: bool, reason: str, actor, request=None
) -> SupportGrant:
    region = connection.tenant
    mentor = next((m for m in mentors() if m.pk == mentor_id), None)
    if mentor is None:
        raise ValidationError(_("Pilih mentor Tangerang yang terdaftar."))
    if not 1 <= hours <= MAX_HOURS:
        raise ValidationError(_("Lama akses 1 sampai %(max)s jam.") % {"max": MAX_HOURS})
    if scopes.get(scope) is None:
        raise ValidationError(_("Pilih cakupan akses yang tersedia."))
    with transaction.atomic():
        grant = SupportGrant.objects.create(
            mentor_platform_id=mentor.pk,
            mentor_email=mentor.email,
            mentor_name=str(mentor),
            scope=scope,
            read_only=read_only,
            reason=reason,
            granted_by=actor,
            granted_by_name=str(actor),
            expires_at=timezone.now() + timedelta(hours=hours),
        )
        audit.record(
            "partnership.grant_support",
            actor=actor,
            obj=grant,
            request=request,
            details={
                "mentor": mentor.email,
                "hours": hours,
                "scope": scope,
                "read_only": read_only,
            },
        )
        with schema_context(get_public_schema_name()):
            SupportGrantMirror.objects.create(
                region=region,
                grant_public_id=grant.public_id,
                mentor_id=mentor.pk,
                scope=scope,
                read_only=read_only,
                reason=reason,
                granted_by_name=str(actor),
                created_at=grant.created_at,
                expires_at=grant.expires_at,
            )
    return grant


def revoke_access(grant: SupportGrant, *, actor, request=None) -> SupportGrant:
    if grant.revoked_at is not None:
        return grant
    with transaction.atomic():
        grant.revoked_at = timezone.now()
        grant.revoked_by_name = str(actor)
        grant.save(update_fields=["revoked_at", "revoked_by_name"])
        audit.record("partnership.revoke_support", actor=actor, obj=grant, request=request)
        with schema_context(get_public_schema_name()):
            SupportGrantMirror.objects.filter(grant_public_id=grant.public_id).update(
                revoked_at=grant.revoked_at
            )
    return grant


def enter(token: str, request):
    """The support identity to sign in for a valid, unspent link to this region; every
    refusal is logged in the region's audit log and raised as SupportRefused."""
    try:
        payload = signing.loads(token, salt=ENTRY_SALT, max_age=ENTRY_MAX_AGE)
        grant = _grant_for(payload)
        with transaction.atomic():
            SupportEntry.objects.create(
                grant=grant, nonce=payload["nonce"], ip_address=audit.client_ip(request)
            )
            user = _identity_for(grant)
            audit.record(
                "partnership.support_enter",
                actor=user,
                obj=grant,
                request=request,
                details={"mentor": grant.mentor_email, "scope": grant.scope},
            )
    except signing.SignatureExpired:
        _refused(request, "expired")
        raise SupportRefused(
            _("Tautan masuk sudah kedaluwarsa. Buat tautan baru dari konsol.")
        ) from None
    except signing.BadSignature:
        _refused(request, "bad_signature")
        raise SupportRefused(_("Tautan masuk tidak sah.")) from None
    except IntegrityError:
        _refused(request, "replayed")
        raise SupportRefused(_("Tautan masuk ini sudah pernah dipakai.")) from None
    except SupportRefused as exc:
        _refused(request, str(exc))
        raise
    return user, grant


def _grant_for(payload: dict) -> SupportGrant:
    if payload.get("schema") != connection.schema_name:
        raise SupportRefused(_("Tautan masuk ini untuk daerah lain."))
    grant = SupportGrant.objects.filter(public_id=payload.get("grant")).first()
    if grant is None or grant.mentor_platform_id != payload.get("mentor"):
        raise SupportRefused(_("Tidak ada akses dukungan untuk Anda di daerah ini."))
    if not grant.is_active():
        raise SupportRefused(_("Akses dukungan sudah berakhir atau dicabut."))
    return grant


def _identity_for(grant: SupportGrant):
    """The mentor's own account in this region, its permissions set to the grant's scope."""
    identity = SupportIdentity.objects.filter(mentor_platform_id=grant.mentor_platform_id).first()
    if identity is None:
        user = get_user_model().objects.create_user(
            email=f"dukungan-{grant.mentor_platform_id}@mentor.sinergi.invalid",
            password=None,  # unusable: a support identity never signs in with a password
            first_name=grant.mentor_name[:150],
            last_name=_("(Mentor Tangerang)")[:150],
            is_staff=True,
        )
        identity = SupportIdentity.objects.create(
            user=user, mentor_platform_id=grant.mentor_platform_id, mentor_email=grant.mentor_email
        )
    user = identity.user
    user.set_unusable_password()
    user.is_active, user.is_superuser = True, False
    user.save()
    user.groups.clear()
    # Read-only grants keep the scope's permissions (its pages need them to be seen); the
    # middleware refuses every request that would change something.
    user.user_permissions.set(_permissions(scopes.get(grant.scope)))
    return user


def _permissions(scope):
    from django.contrib.auth.models import Permission

    wanted = list(scope.permissions) if scope is not None else [scopes.ACCESS_ADMIN]
    found = []
    for dotted in wanted:
        app_label, codename = dotted.split(".")
        found += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return found


def _refused(request, reason: str) -> None:
    audit.record("partnership.support_refused", request=request, details={"reason": reason})


def active_grant_of(user, grant_id) -> SupportGrant | None:
    """The grant a support identity's session entered with, if still active and theirs."""
    if not grant_id:
        return None
    identity = getattr(user, "support_identity", None)
    grant = SupportGrant.objects.filter(public_id=grant_id).first()
    if grant is None or identity is None or not grant.is_active():
        return None
    if grant.mentor_platform_id != identity.mentor_platform_id:
        return None
    return grant
