"""Reads about applications: is a subdomain free, who reviews, what waits for review."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from onboarding.models import Application
from tenants.models import Region
from tenants.validation import validate_slug


def subdomain_problem(slug: str) -> str | None:
    """Why `slug` cannot be asked for (a sentence), or None when it is free."""
    try:
        validate_slug(slug)
    except ValidationError as exc:
        return exc.messages[0]
    if Region.objects.filter(slug=slug).exclude(status=Region.Status.FAILED).exists():
        return _("Subdomain “%(slug)s” sudah dipakai daerah lain.") % {"slug": slug}
    if Application.objects.open().filter(slug=slug).exists():
        return _("Subdomain “%(slug)s” sedang diajukan pendaftar lain.") % {"slug": slug}
    return None


def available_message(slug: str) -> str:
    return _("%(host)s tersedia.") % {"host": f"{slug}.{settings.PLATFORM_DOMAIN}"}


def email_problem(email: str) -> str | None:
    if Application.objects.open().filter(email=email).exists():
        return _(
            "Alamat email ini sudah dipakai untuk pendaftaran yang masih berjalan. "
            "Periksa kotak masuk Anda untuk tautan verifikasi atau status pendaftaran."
        )
    return None


def waiting_for_review() -> QuerySet[Application]:
    return Application.objects.filter(status=Application.Status.VERIFIED).order_by("verified_at")


def reviewers():
    """Active platform staff who may decide on applications (public schema)."""
    from django.contrib.auth.models import Permission

    from accounts.models import User

    permission = Permission.objects.filter(
        content_type__app_label="onboarding", codename="review_applications"
    ).first()
    by_permission = Q(groups__permissions=permission) | Q(user_permissions=permission)
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | by_permission)
        .distinct()
        .order_by("email")
    )


def recently_decided(limit: int = 20) -> QuerySet[Application]:
    return (
        Application.objects.filter(decided_at__isnull=False)
        .select_related("region")
        .order_by("-decided_at")[:limit]
    )


def module_names(keys) -> list[str]:
    from modules import registry

    return [str(registry.get(key).name) if registry.exists(key) else key for key in keys]


def job_of(application: Application):
    from tenants.models import ProvisioningJob

    if application.region_id is None:
        return None
    return ProvisioningJob.objects.filter(region_id=application.region_id).first()


def failed_provisioning() -> QuerySet[Application]:
    """Approved applications whose region could not be made (and was undone)."""
    return (
        Application.objects.filter(
            status=Application.Status.APPROVED, region__provisioning_job__status="failed"
        )
        .select_related("region", "region__provisioning_job")
        .order_by("-decided_at")
    )


def template_health() -> dict:
    from tenants import pool, template

    return {
        "status": template.template_status(),
        "stored": template.stored_fingerprint(),
        "code": template.migrations_fingerprint(),
        "pool": pool.health(),
    }


def failed_tasks(limit: int = 10):
    """The background tasks that failed most recently (django-q2's record)."""
    from django_q.models import Failure

    return Failure.objects.order_by("-stopped")[:limit]


def schedules() -> list[dict]:
    """Every schedule with its next run and the outcome of its last one."""
    from django_q.models import Schedule, Task

    rows = list(Schedule.objects.order_by("name"))
    last = Task.objects.in_bulk([row.task for row in rows if row.task])
    return [
        {"name": row.name, "next_run": row.next_run, "last": last.get(row.task)} for row in rows
    ]
