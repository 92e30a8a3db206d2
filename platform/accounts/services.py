"""Writes about people: staff invitations and deactivation, residents' sign-up, email
verification, and a resident's right to their data and to leave (UU 27/2022)."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import providers
from accounts.models import EmailVerification, Invitation, User
from accounts.tokens import new_token, token_hash
from audit import api as audit
from notifications.api import send_email

INVITATION_DAYS = 7
VERIFICATION_DAYS = 7


def site_name(request) -> str:
    region = getattr(request, "region", None)
    return region.name if region is not None else "Sinergi"


# --- staff -----------------------------------------------------------------------------------
@transaction.atomic
def invite_staff(actor, *, email: str, full_name: str, groups, request) -> Invitation:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Alamat ini sudah terdaftar sebagai pengguna.")})
    Invitation.objects.filter(
        email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    token, hashed = new_token()
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name.strip(),
        token_hash=hashed,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.groups.set(groups)
    link = request.build_absolute_uri(reverse("accounts:accept_invitation", args=[token]))
    body = _(
        "Yth. %(name)s,\n\n%(inviter)s mengundang Anda menjadi staf %(site)s di Sinergi.\n"
        "Buat kata sandi Anda melalui tautan berikut (berlaku %(days)s hari, sekali pakai):\n"
        "%(link)s\n"
    ) % {
        "name": invitation.full_name,
        "inviter": actor.get_full_name() or actor.email,
        "site": site_name(request),
        "days": INVITATION_DAYS,
        "link": link,
    }
    subject = _("Undangan staf %(site)s") % {"site": site_name(request)}
    send_email(email, subject, body, idempotency_key=f"invitation-{invitation.pk}-{hashed[:12]}")
    audit.record(
        "accounts.invite", actor=actor, obj=invitation, request=request, details={"email": email}
    )
    return invitation


def open_invitation(token: str) -> Invitation:
    invitation = Invitation.objects.filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.revoked_at is not None:
        raise ValidationError(_("Tautan undangan tidak dikenal atau sudah dibatalkan."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("Tautan undangan ini sudah dipakai. Silakan masuk."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("Tautan undangan sudah kedaluwarsa. Minta undangan baru."))
    return invitation


@transaction.atomic
def accept_invitation(token: str, password: str, request=None) -> User:
    invitation = open_invitation(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Tautan undangan ini sudah dipakai. Silakan masuk."))
    first, _sep, last = invitation.full_name.partition(" ")
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        first_name=first,
        last_name=last,
        is_staff=True,
        email_verified_at=timezone.now(),
    )
    user.groups.set(invitation.groups.all())
    use_region_time_zone(user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record("accounts.accept_invitation", actor=user, obj=user, request=request)
    return user


def use_region_time_zone(user: User) -> None:
    """Wagtail shows admin times in the staff member's profile zone, falling back to the
    platform's (WIB): staff of a WITA or WIT region get their region's zone."""
    from wagtail.users.models import UserProfile

    from core.timezones import current_zone_name

    zone = current_zone_name()
    if zone:
        profile = UserProfile.get_for_user(user)
        profile.current_time_zone = zone
        profile.save(update_fields=["current_time_zone"])


@transaction.atomic
def set_staff_active(actor, user: User, active: bool, request=None) -> User:
    """Deactivating keeps the account and its history; the person just cannot sign in."""
    if user.pk == actor.pk and not active:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = "accounts.reactivate" if active else "accounts.deactivate"
    audit.record(action, actor=actor, obj=user, request=request)
    if not active:
        from signing import api as signing

        # Their signing certificate is revoked; letters they signed before stay valid.
        with contextlib.suppress(signing.SigningUnavailable):
            signing.revoke_signer(user, actor=actor)
    return user


# --- residents ---------------------------------------------------------------------------
@transaction.atomic
def register_resident(*, email: str, full_name: str, password: str, request) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Alamat email ini sudah terdaftar. Silakan masuk.")})
    first, _sep, last = full_name.strip().partition(" ")
    user = User.objects.create_user(
        email=email, password=password, first_name=first, last_name=last
    )
    send_verification(user, request)
    audit.record("accounts.register", actor=user, obj=user, request=request)
    return user


def send_verification(user: User, request) -> None:
    token, hashed = new_token()
    verification = EmailVerification.objects.create(
        user=user, token_hash=hashed, expires_at=timezone.now() + timedelta(days=VERIFICATION_DAYS)
    )
    link = request.build_absolute_uri(reverse("accounts:verify_email", args=[token]))
    body = _(
        "Yth. %(name)s,\n\nTerima kasih telah mendaftar di %(site)s.\n"
        "Buka tautan berikut untuk memastikan alamat email Anda (berlaku %(days)s hari):\n"
        "%(link)s\n"
    ) % {
        "name": user.get_full_name(),
        "site": site_name(request),
        "days": VERIFICATION_DAYS,
        "link": link,
    }
    subject = _("Verifikasi email akun %(site)s") % {"site": site_name(request)}
    send_email(user.email, subject, body, idempotency_key=f"verify-{verification.pk}", user=user)


@transaction.atomic
def verify_email(token: str, request=None) -> User:
    verification = (
        EmailVerification.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if verification is None:
        raise ValidationError(_("Tautan verifikasi tidak dikenal."))
    if verification.used_at is not None:
        raise ValidationError(_("Tautan verifikasi ini sudah dipakai. Silakan masuk."))
    if verification.expires_at <= timezone.now():
        raise ValidationError(
            _("Tautan verifikasi sudah kedaluwarsa. Kirim ulang dari halaman masuk.")
        )
    verification.used_at = timezone.now()
    verification.save(update_fields=["used_at"])
    user = verification.user
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    audit.record("accounts.verify_email", actor=user, obj=user, request=request)
    return user


def export_personal_data(user: User) -> dict:
    """Everything the region holds about this person, as one JSON-able document."""
    return {
        "akun": {
            "email": user.email,
            "nama": user.get_full_name(),
            "terdaftar": user.date_joined.isoformat(),
            "email_terverifikasi": user.email_verified_at.isoformat()
            if user.email_verified_at
            else None,
            "terakhir_masuk": user.last_login.isoformat() if user.last_login else None,
        },
        **providers.personal_data(user),
    }


@transaction.atomic
def delete_resident_account(user: User, request=None) -> None:
    """Remove the person; what must stay public (e.g. reports) is anonymised by its owner."""
    if not user.is_resident:
        raise ValidationError(_("Akun staf dinonaktifkan oleh admin, tidak dihapus sendiri."))
    providers.erase(user)
    audit.record(
        "accounts.delete_account", actor=user, request=request, details={"user_id": user.pk}
    )
    audit.anonymise_actor(user.pk, _("Warga (akun dihapus)"))
    user.delete()


def groups_for_invitation():
    return Group.objects.order_by("name")
