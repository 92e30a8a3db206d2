"""Writes about applications: applying, confirming the email, and (later) the lead city's
decision. Every write goes through here and is audited in the public schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.tokens import new_token, token_hash
from audit import api as audit
from onboarding import admin_account, emails, selectors
from onboarding.emails import VERIFICATION_DAYS
from onboarding.models import Application
from tenants.provinces import PROVINCES


@dataclass
class JoinRequest:
    region_name: str
    kind: str
    province: str
    slug: str
    applicant_name: str
    applicant_position: str
    email: str
    phone: str
    modules: list[str] = field(default_factory=list)


def submit_application(join: JoinRequest, *, base_url: str, request=None) -> Application:
    """Record the application and mail its verification link; refuse (ValidationError, with
    the field) a subdomain or an email that an open application or a region already holds."""
    connection.set_schema_to_public()
    with transaction.atomic():
        _expire_stale(slug=join.slug, email=join.email)
        _check_free(join)
        token, hashed = new_token()
        application = _insert(join, hashed, base_url)
        emails.verification(application, token)
        audit.record(
            "onboarding.apply",
            obj=application,
            request=request,
            details={"slug": application.slug, "email": application.email},
        )
    return application


def _expire_stale(*, slug: str, email: str) -> None:
    """Unverified applications whose link has run out let go of their subdomain and email."""
    Application.objects.filter(
        status=Application.Status.UNVERIFIED, verification_expires_at__lte=timezone.now()
    ).filter(slug=slug).update(status=Application.Status.EXPIRED)
    Application.objects.filter(
        status=Application.Status.UNVERIFIED, verification_expires_at__lte=timezone.now()
    ).filter(email=email).update(status=Application.Status.EXPIRED)


def _check_free(join: JoinRequest) -> None:
    errors = {}
    if problem := selectors.subdomain_problem(join.slug):
        errors["slug"] = problem
    if problem := selectors.email_problem(join.email):
        errors["email"] = problem
    if errors:
        raise ValidationError(errors)


def _insert(join: JoinRequest, hashed: str, base_url: str) -> Application:
    now = timezone.now()
    try:
        with transaction.atomic():
            return Application.objects.create(
                region_name=join.region_name.strip(),
                kind=join.kind,
                province=join.province,
                slug=join.slug,
                applicant_name=join.applicant_name.strip(),
                applicant_position=join.applicant_position.strip(),
                email=join.email,
                phone=join.phone,
                modules=list(join.modules),
                terms_accepted_at=now,
                base_url=base_url,
                verification_token_hash=hashed,
                verification_expires_at=now + timedelta(days=VERIFICATION_DAYS),
            )
    except IntegrityError as exc:
        # Another sign-up took the subdomain or the email between our check and now.
        if "one_open_application_per_email" in str(exc):
            raise ValidationError({"email": selectors.email_problem(join.email)}) from exc
        raise ValidationError(
            {
                "slug": _("Subdomain “%(slug)s” baru saja diajukan pendaftar lain.")
                % {"slug": join.slug}
            }
        ) from exc


def verify_email(token: str, *, request=None) -> Application:
    """Confirm the applicant's email by the single-use link; the application then waits
    for the lead city's decision. Raises ValidationError for unknown, used or expired links."""
    connection.set_schema_to_public()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .filter(verification_token_hash=token_hash(token))
            .first()
        )
        problem = _link_problem(application)
        if problem is None:
            application.status = Application.Status.VERIFIED
            application.verified_at = timezone.now()
            application.save(update_fields=["status", "verified_at"])
            audit.record("onboarding.verify_email", obj=application, request=request)
            _ask_for_decision(application, request)
    if problem is not None:
        raise ValidationError(problem)
    return application


def _ask_for_decision(application: Application, request) -> None:
    """Tell the coordinators; with approval switched off, approve at once."""
    if not settings.ONBOARDING_REQUIRES_APPROVAL:
        _approve(application, actor=None, request=request)
        return
    for reviewer in selectors.reviewers():
        emails.review_needed(application, reviewer)


def _link_problem(application: Application | None) -> str | None:
    if application is None:
        return _("Tautan verifikasi tidak dikenal.")
    if application.verified_at is not None:
        return _("Tautan verifikasi ini sudah dipakai. Email Anda sudah terverifikasi.")
    if application.status == Application.Status.EXPIRED or (
        application.verification_expires_at <= timezone.now()
    ):
        if application.status == Application.Status.UNVERIFIED:
            application.status = Application.Status.EXPIRED
            application.save(update_fields=["status"])
        return _(
            "Tautan verifikasi sudah kedaluwarsa (berlaku %(days)s hari). Silakan mendaftar lagi."
        ) % {"days": VERIFICATION_DAYS}
    return None


# --- the lead city's decision ------------------------------------------------------------------
REASON_MAX_LENGTH = 2000


def approve_application(application: Application, *, actor, request=None) -> Application:
    """A coordinator lets the region in: the applicant is told and provisioning starts."""
    connection.set_schema_to_public()
    with transaction.atomic():
        application = _lock_undecided(application)
        _approve(application, actor=actor, request=request)
    return application


def reject_application(
    application: Application, reason: str, *, actor, request=None
) -> Application:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penolakan untuk pemohon.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Alasan paling banyak %(max)s karakter.") % {"max": REASON_MAX_LENGTH}}
        )
    connection.set_schema_to_public()
    with transaction.atomic():
        application = _lock_undecided(application)
        application.status = Application.Status.REJECTED
        application.rejection_reason = reason
        _record_decision(application, actor)
        audit.record(
            "onboarding.reject",
            actor=actor,
            obj=application,
            request=request,
            details={"slug": application.slug, "reason": reason},
        )
        emails.rejected(application)
    return application


def _lock_undecided(application: Application) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Application.Status.VERIFIED:
        raise ValidationError(
            _("Pendaftaran ini tidak menunggu keputusan (status: %(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def _approve(application: Application, *, actor, request) -> None:
    application.status = Application.Status.APPROVED
    application.region = _start_provisioning(application).region
    _record_decision(application, actor)
    audit.record(
        "onboarding.approve",
        actor=actor,
        obj=application,
        request=request,
        details={"slug": application.slug, "automatic": actor is None},
    )
    emails.approved(application)


def _record_decision(application: Application, actor) -> None:
    application.decided_at = timezone.now()
    application.decided_by_id = getattr(actor, "pk", None)
    application.decided_by_name = (
        (actor.get_full_name() or actor.email) if actor is not None else _("otomatis")
    )
    application.save()


# --- provisioning ------------------------------------------------------------------------------
FINISHED_CALLBACK = "onboarding.services.provisioning_finished"


def _start_provisioning(application: Application):
    """Claim the region and queue its provisioning on the worker (after the commit)."""
    from tenants import api as tenants

    job = tenants.start_provisioning(
        tenants.RegionRequest(
            slug=application.slug,
            name=application.region_name,
            kind=application.kind,
            province=application.province,
            timezone=PROVINCES[application.province],
            admin_email=application.email,
            admin_name=application.applicant_name,
            modules=application.modules,
        ),
        on_finish=FINISHED_CALLBACK,
    )
    tenants.queue_job(job)
    return job


def provisioning_finished(job) -> None:
    """Called by the job when it is done or has failed; idempotent, like the job."""
    from tenants.models import ProvisioningJob

    connection.set_schema_to_public()
    application = Application.objects.filter(
        region_id=job.region_id, status=Application.Status.APPROVED
    ).first()
    if application is None:
        return
    if job.status == ProvisioningJob.Status.DONE:
        with transaction.atomic():
            application.status = Application.Status.LIVE
            application.live_at = timezone.now()
            application.save(update_fields=["status", "live_at"])
            emails.live(application)
    elif job.status == ProvisioningJob.Status.FAILED:
        for reviewer in selectors.reviewers():
            emails.provisioning_failed(application, job, reviewer)


def retry_provisioning(application: Application, *, actor, request=None) -> None:
    from tenants import api as tenants

    job = selectors.job_of(application)
    if application.status != Application.Status.APPROVED or job is None:
        raise ValidationError(_("Pendaftaran ini tidak sedang disiapkan."))
    tenants.retry_job(job, actor=actor, request=request)


def send_password_link(application: Application) -> None:
    """Mail the applicant a fresh link to set the region admin's password."""
    if application.status != Application.Status.LIVE:
        raise ValidationError(_("Daerah ini belum aktif."))
    link = admin_account.password_link(application)
    if link is None:
        raise ValidationError(_("Kata sandi admin sudah dibuat. Silakan masuk ke admin daerah."))
    emails.password_link(application, link)
