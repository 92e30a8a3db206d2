"""People. One model, two homes: platform staff live in the public schema, a region's staff
and residents in that region's schema, so an account belongs to exactly one of them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("Alamat email wajib diisi."))
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """Signs in with an email address; no separate user name to forget."""

    username = None
    email = models.EmailField(_("alamat email"), unique=True)
    email_verified_at = models.DateTimeField(_("email terverifikasi"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        permissions = [
            ("requires_two_factor", _("Wajib masuk dengan verifikasi dua langkah")),
            ("manage_staff", _("Mengundang dan menonaktifkan staf")),
            ("manage_modules", _("Mengaktifkan modul dan mengubah pengaturannya")),
            ("view_audit_log", _("Melihat log audit")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_resident(self) -> bool:
        return not self.is_staff and not self.is_superuser


class Invitation(models.Model):
    """A staff member invited by email; the link sets their password, once, before it expires."""

    email = models.EmailField(_("alamat email"))
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    groups = models.ManyToManyField("auth.Group", verbose_name=_("peran"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("pengundang")
    )
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("undangan staf")
        verbose_name_plural = _("undangan staf")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class EmailVerification(models.Model):
    """A resident proves their address by opening a single-use link."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_verifications")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verifikasi email")
        verbose_name_plural = _("verifikasi email")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
