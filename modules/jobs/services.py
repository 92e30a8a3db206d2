"""The only write path of Siap Kerja. Every change a person makes on behalf of a company or
of Disnaker is audited in its transaction; people are told through notifications.

Rules that hold whatever page a request comes from:
- only a verified company's vacancies can be submitted and approved;
- only an open vacancy (published, verified company, closing date not passed in the
  region's time zone) takes applications, once per person;
- only a company's members act on its vacancies and applicants, only Disnaker staff with
  the module's permissions verify companies and moderate vacancies.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit import api as audit
from modules.jobs import cards, documents, notices, selectors
from modules.jobs.models import (
    Application,
    ApplicationEvent,
    Company,
    CompanyInvitation,
    CompanyMember,
    CurriculumVitae,
    JobFair,
    SeekerProfile,
    Vacancy,
)

VERIFY = "jobs.verify_companies"
MODERATE = "jobs.moderate_vacancies"
INVITATION_DAYS = 7
COMPANY_FIELDS = (
    "name",
    "nib",
    "sector",
    "address",
    "area",
    "description",
    "website",
    "contact_name",
    "contact_phone",
    "contact_email",
)
# What a verified company may no longer change by itself: Disnaker checked these.
VERIFIED_FIELDS = ("name", "nib")
VACANCY_FIELDS = (
    "title",
    "description",
    "requirements",
    "education",
    "experience_years",
    "job_type",
    "openings",
    "area",
    "location",
    "salary_min",
    "salary_max",
    "salary_negotiable",
    "disability_friendly",
    "closes_on",
)
PROFILE_FIELDS = ("phone", "education", "major", "skills", "experience", "area", "share_phone")
FINAL_STAGES = (Application.Stage.HIRED, Application.Stage.NOT_SELECTED)


# --- companies ------------------------------------------------------------------------------
@transaction.atomic
def register_company(
    *, actor, request=None, files: dict[str, UploadedFile] | None = None, **data: Any
) -> Company:
    """A resident registers a company; they become its first member and Disnaker is asked
    to verify it. `files` maps a document kind to its upload (a bad one refuses the
    whole registration, with its message under `<kind>_document`)."""
    uploads = {kind: upload for kind, upload in (files or {}).items() if upload}
    for kind, upload in uploads.items():
        documents.check_document(upload, f"{kind}_document")
    company = Company(created_by=actor, submitted_at=timezone.now())
    _assign(company, data, COMPANY_FIELDS)
    company.full_clean()
    company.save()
    CompanyMember.objects.create(company=company, user=actor, is_owner=True)
    for kind, upload in uploads.items():
        documents.add_document(
            company, kind, upload, actor=actor, request=request, field=f"{kind}_document"
        )
    audit.record(
        "jobs.register_company", actor=actor, obj=company, request=request, details=_co(company)
    )
    notices.company_waiting(company)
    return company


@transaction.atomic
def update_company(company: Company, *, actor, request=None, **data: Any) -> Company:
    """A member changes the company's details. A verified company keeps its name and NIB; a
    rejected one that is changed goes back to Disnaker."""
    _require_member(actor, company)
    before = _co(Company.objects.select_for_update().get(pk=company.pk))
    locked = VERIFIED_FIELDS if company.status == Company.Status.VERIFIED else ()
    _assign(company, data, [f for f in COMPANY_FIELDS if f not in locked])
    resubmitted = company.status == Company.Status.REJECTED
    if resubmitted:
        company.status, company.submitted_at = Company.Status.PENDING, timezone.now()
    company.full_clean()
    company.save()
    audit.record(
        "jobs.update_company",
        actor=actor,
        obj=company,
        request=request,
        details={**_co(company), "before": before},
    )
    if resubmitted:
        notices.company_waiting(company)
    return company


@transaction.atomic
def verify_company(company: Company, *, actor, request=None) -> Company:
    _require_perm(actor, VERIFY)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.status == Company.Status.VERIFIED:
        raise ValidationError(_("Perusahaan ini sudah terverifikasi."))
    return _review_company(company, Company.Status.VERIFIED, "", actor, request)


@transaction.atomic
def reject_company(company: Company, reason: str, *, actor, request=None) -> Company:
    _require_perm(actor, VERIFY)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.status != Company.Status.PENDING:
        raise ValidationError(_("Hanya perusahaan yang menunggu verifikasi yang dapat ditolak."))
    return _review_company(company, Company.Status.REJECTED, _reason(reason), actor, request)


@transaction.atomic
def suspend_company(company: Company, reason: str, *, actor, request=None) -> Company:
    """A verified company that turns out fake or abusive: its vacancies disappear at once."""
    _require_perm(actor, VERIFY)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.status != Company.Status.VERIFIED:
        raise ValidationError(_("Hanya perusahaan terverifikasi yang dapat dibekukan."))
    return _review_company(company, Company.Status.SUSPENDED, _reason(reason), actor, request)


def _review_company(company, status, note, actor, request) -> Company:
    before = company.status
    company.status, company.review_note = status, note
    company.reviewed_at, company.reviewed_by = timezone.now(), actor
    company.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
    audit.record(
        f"jobs.{status}_company",
        actor=actor,
        obj=company,
        request=request,
        details={"name": company.name, "nib": company.nib, "before": before, "note": note},
    )
    notices.company_reviewed(company)
    _public_pages_changed()
    return company


# --- colleagues -----------------------------------------------------------------------------
@transaction.atomic
def invite_member(
    company: Company, email: str, *, actor, request=None
) -> tuple[CompanyInvitation, str]:
    """Invite a colleague by email; returns the invitation and the link's secret token."""
    _require_member(actor, company)
    email = get_user_model().objects.normalize_email(email).strip().lower()
    if company.members.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s sudah menjadi anggota perusahaan ini.") % {"email": email}
        )
    token = secrets.token_urlsafe(32)
    invitation = CompanyInvitation.objects.create(
        company=company,
        email=email,
        token_hash=_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    audit.record(
        "jobs.invite_member",
        actor=actor,
        obj=company,
        request=request,
        details={"email": email, "invitation_id": invitation.pk},
    )
    notices.invitation(invitation, token, actor, request)
    return invitation, token


def invitation_for(token: str) -> CompanyInvitation | None:
    return (
        CompanyInvitation.objects.filter(token_hash=_hash(token)).select_related("company").first()
    )


@transaction.atomic
def accept_invitation(token: str, *, user, request=None) -> CompanyMember:
    invitation = CompanyInvitation.objects.select_for_update().filter(token_hash=_hash(token))
    invitation = invitation.first()
    if invitation is None or invitation.accepted_at or invitation.expires_at <= timezone.now():
        raise ValidationError(_("Undangan ini tidak berlaku lagi. Minta undangan baru."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("Undangan ini untuk %(email)s. Masuk dengan alamat itu untuk menerimanya.")
            % {"email": invitation.email}
        )
    member, _created = CompanyMember.objects.get_or_create(company=invitation.company, user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(
        "jobs.join_company",
        actor=user,
        obj=invitation.company,
        request=request,
        details={"invitation_id": invitation.pk},
    )
    return member


# --- vacancies --------------------------------------------------------------------------------
@transaction.atomic
def create_vacancy(company: Company, *, actor, request=None, **data: Any) -> Vacancy:
    """A draft: it is seen by nobody outside the company until Disnaker approves it."""
    _require_member(actor, company)
    vacancy = Vacancy(company=company, created_by=actor)
    _assign(vacancy, data, VACANCY_FIELDS)
    _clean_vacancy(vacancy)
    vacancy.save()
    audit.record(
        "jobs.create_vacancy", actor=actor, obj=vacancy, request=request, details=_va(vacancy)
    )
    return vacancy


@transaction.atomic
def update_vacancy(vacancy: Vacancy, *, actor, request=None, **data: Any) -> Vacancy:
    """Only a draft or a rejected vacancy is changed; a rejected one becomes a draft again."""
    _require_member(actor, vacancy.company)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status not in (Vacancy.Status.DRAFT, Vacancy.Status.REJECTED):
        raise ValidationError(_("Lowongan yang sudah diajukan atau tayang tidak dapat diubah."))
    before = _va(vacancy)
    _assign(vacancy, data, VACANCY_FIELDS)
    vacancy.status = Vacancy.Status.DRAFT
    _clean_vacancy(vacancy)
    vacancy.save()
    audit.record(
        "jobs.update_vacancy",
        actor=actor,
        obj=vacancy,
        request=request,
        details={**_va(vacancy), "before": before},
    )
    return vacancy


@transaction.atomic
def submit_vacancy(vacancy: Vacancy, *, actor, request=None) -> Vacancy:
    _require_member(actor, vacancy.company)
    vacancy = Vacancy.objects.select_for_update().select_related("company").get(pk=vacancy.pk)
    if not vacancy.company.is_verified:
        raise ValidationError(
            _(
                "%(company)s belum diverifikasi Disnaker; lowongan dapat diajukan setelah "
                "perusahaan terverifikasi."
            )
            % {"company": vacancy.company.name}
        )
    if vacancy.status not in (Vacancy.Status.DRAFT, Vacancy.Status.REJECTED):
        raise ValidationError(_("Lowongan ini sudah diajukan."))
    check_closing_date(vacancy.closes_on)
    vacancy.status, vacancy.submitted_at = Vacancy.Status.PENDING, timezone.now()
    vacancy.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record("jobs.submit_vacancy", actor=actor, obj=vacancy, request=request)
    notices.vacancy_waiting(vacancy)
    return vacancy


@transaction.atomic
def approve_vacancy(vacancy: Vacancy, *, actor, request=None) -> Vacancy:
    _require_perm(actor, MODERATE)
    vacancy = Vacancy.objects.select_for_update().select_related("company").get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.PENDING:
        raise ValidationError(_("Hanya lowongan yang menunggu persetujuan yang dapat disetujui."))
    if not vacancy.company.is_verified:
        raise ValidationError(
            _("%(company)s belum terverifikasi; verifikasi perusahaannya dulu.")
            % {"company": vacancy.company.name}
        )
    if vacancy.closes_on < selectors.region_today():
        raise ValidationError(
            _("Tanggal tutupnya sudah lewat; tolak lowongan ini agar perusahaan memperbaikinya.")
        )
    vacancy.status, vacancy.review_note = Vacancy.Status.PUBLISHED, ""
    vacancy.published_at, vacancy.reviewed_by = timezone.now(), actor
    vacancy.save(update_fields=["status", "review_note", "published_at", "reviewed_by"])
    audit.record("jobs.approve_vacancy", actor=actor, obj=vacancy, request=request)
    notices.vacancy_reviewed(vacancy)
    _public_pages_changed()
    return vacancy


@transaction.atomic
def reject_vacancy(vacancy: Vacancy, reason: str, *, actor, request=None) -> Vacancy:
    _require_perm(actor, MODERATE)
    vacancy = Vacancy.objects.select_for_update().select_related("company").get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.PENDING:
        raise ValidationError(_("Hanya lowongan yang menunggu persetujuan yang dapat ditolak."))
    vacancy.status, vacancy.review_note = Vacancy.Status.REJECTED, _reason(reason)
    vacancy.reviewed_by = actor
    vacancy.save(update_fields=["status", "review_note", "reviewed_by", "updated_at"])
    audit.record(
        "jobs.reject_vacancy",
        actor=actor,
        obj=vacancy,
        request=request,
        details={"reason": vacancy.review_note},
    )
    notices.vacancy_reviewed(vacancy)
    return vacancy


@transaction.atomic
def extend_vacancy(vacancy: Vacancy, closes_on: date, *, actor, request=None) -> Vacancy:
    """A later closing date; a published vacancy whose date has passed opens again."""
    _require_member(actor, vacancy.company)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.PUBLISHED:
        raise ValidationError(_("Hanya lowongan yang tayang yang dapat diperpanjang."))
    if closes_on <= vacancy.closes_on:
        raise ValidationError(
            _("Pilih tanggal setelah %(day)s.") % {"day": _day(vacancy.closes_on)}
        )
    check_closing_date(closes_on)
    before, vacancy.closes_on = vacancy.closes_on, closes_on
    vacancy.save(update_fields=["closes_on", "updated_at"])
    audit.record(
        "jobs.extend_vacancy",
        actor=actor,
        obj=vacancy,
        request=request,
        details={"before": before.isoformat(), "after": closes_on.isoformat()},
    )
    _public_pages_changed()
    return vacancy


@transaction.atomic
def fill_vacancy(vacancy: Vacancy, *, actor, request=None) -> Vacancy:
    """Every opening is taken: the vacancy stays readable but takes no more applications."""
    return _end_vacancy(vacancy, Vacancy.Status.FILLED, (Vacancy.Status.PUBLISHED,), actor, request)


@transaction.atomic
def withdraw_vacancy(vacancy: Vacancy, *, actor, request=None) -> Vacancy:
    allowed = (Vacancy.Status.DRAFT, Vacancy.Status.PENDING, Vacancy.Status.PUBLISHED)
    return _end_vacancy(vacancy, Vacancy.Status.WITHDRAWN, allowed, actor, request)


def _end_vacancy(vacancy, status, allowed, actor, request) -> Vacancy:
    _require_member(actor, vacancy.company)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status not in allowed:
        raise ValidationError(
            _("Lowongan berstatus %(status)s tidak dapat diubah menjadi %(new)s.")
            % {"status": vacancy.get_status_display(), "new": Vacancy.Status(status).label}
        )
    before = vacancy.status
    vacancy.status, vacancy.ended_at = status, timezone.now()
    vacancy.save(update_fields=["status", "ended_at", "updated_at"])
    audit.record(
        f"jobs.{status}_vacancy",
        actor=actor,
        obj=vacancy,
        request=request,
        details={"before": before},
    )
    _public_pages_changed()
    return vacancy


def check_closing_date(day: date) -> None:
    today = selectors.region_today()
    longest = selectors.module_settings()["max_open_days"]
    if day < today:
        raise ValidationError(
            _("Tanggal tutup %(day)s sudah lewat; pilih hari ini atau sesudahnya.")
            % {"day": _day(day)},
            code="past",
        )
    if day > today + timedelta(days=longest):
        raise ValidationError(
            _("Lowongan tayang paling lama %(days)s hari: tutup paling lambat %(day)s.")
            % {"days": longest, "day": _day(today + timedelta(days=longest))},
            code="too_long",
        )


def _clean_vacancy(vacancy: Vacancy) -> None:
    errors: dict[str, list[str]] = {}
    low, high = vacancy.salary_min, vacancy.salary_max
    if low and high and low > high:
        errors["salary_max"] = [_("Gaji tertinggi tidak boleh di bawah gaji terendah.")]
    if not low and not high and not vacancy.salary_negotiable:
        errors["salary_min"] = [_("Isi kisaran gaji, atau centang “gaji dapat dinegosiasikan”.")]
    try:
        vacancy.full_clean(exclude=["search_vector"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


# --- job fairs --------------------------------------------------------------------------------
FAIR_FIELDS = ("title", "starts_on", "ends_on", "place", "area", "description", "published")


@transaction.atomic
def save_fair(fair: JobFair | None, *, actor, request=None, companies=(), **data: Any) -> JobFair:
    """Create or change a job fair; only verified companies take part."""
    _require_perm(actor, MODERATE)
    created = fair is None
    fair = (
        JobFair(created_by=actor)
        if created
        else JobFair.objects.select_for_update().get(pk=fair.pk)
    )
    _assign(fair, data, FAIR_FIELDS)
    if fair.starts_on and fair.ends_on and fair.ends_on < fair.starts_on:
        raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    fair.full_clean()
    fair.save()
    fair.companies.set([c for c in companies if c.is_verified])
    audit.record(
        "jobs.add_fair" if created else "jobs.change_fair",
        actor=actor,
        obj=fair,
        request=request,
        details={
            "title": fair.title,
            "starts_on": fair.starts_on.isoformat(),
            "companies": sorted(c.pk for c in fair.companies.all()),
        },
    )
    _public_pages_changed()
    return fair


# --- seekers ---------------------------------------------------------------------------------
PDF_MAGIC = b"%PDF-"


@transaction.atomic
def save_profile(
    user,
    *,
    cv: UploadedFile | None = None,
    remove_cv: bool = False,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
    **data: Any,
) -> SeekerProfile:
    """The resident's own job-seeker profile, with their CV (PDF) and photo when given."""
    content = check_cv(cv) if cv is not None else None
    picture = check_photo(photo) if photo is not None else None
    profile = SeekerProfile.objects.filter(user=user).first() or SeekerProfile(user=user)
    _assign(profile, data, PROFILE_FIELDS)
    profile.full_clean(exclude=["photo"])
    old_photo = profile.photo.name if profile.photo else ""
    if picture is not None:
        profile.photo.save("foto.jpg", ContentFile(picture), save=False)
    elif remove_photo:
        profile.photo = ""
    profile.save()
    if old_photo and old_photo != profile.photo.name:
        storage, name = profile.photo.storage, old_photo
        transaction.on_commit(lambda: storage.delete(name))
    if content is not None:
        CurriculumVitae.objects.update_or_create(
            profile=profile,
            defaults={
                "file_name": _safe_name(cv.name),
                "size": len(content),
                "content": content,
            },
        )
    elif remove_cv:
        CurriculumVitae.objects.filter(profile=profile).delete()
    return profile


def check_cv(upload: UploadedFile) -> bytes:
    """The CV's bytes, if it is a PDF no larger than the region allows."""
    limit_mb = selectors.module_settings()["cv_max_mb"]
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {"cv": _("CV paling besar %(mb)s MB; ukuran berkas ini %(size)s MB.")
             % {"mb": limit_mb, "size": formats.number_format(upload.size / 1048576, 1)}}
        )  # fmt: skip
    name_ok = (upload.name or "").lower().endswith(".pdf")
    type_ok = (upload.content_type or "").split(";")[0].strip() in (
        "application/pdf",
        "application/x-pdf",
    )
    content = upload.read()
    if not (name_ok and type_ok and content.startswith(PDF_MAGIC)):
        raise ValidationError({"cv": _("CV harus berupa berkas PDF (.pdf).")})
    return content


PHOTO_MAX_MB = 2
PHOTO_MAX_SIDE = 800


def check_photo(upload: UploadedFile) -> bytes:
    """The photo re-encoded as a JPEG of at most PHOTO_MAX_SIDE pixels a side, without its
    metadata (a phone's photo may carry where it was taken)."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > PHOTO_MAX_MB * 1024 * 1024:
        raise ValidationError(
            {"photo": _("Foto paling besar %(mb)s MB; ukuran berkas ini %(size)s MB.")
             % {"mb": PHOTO_MAX_MB, "size": formats.number_format(upload.size / 1048576, 1)}}
        )  # fmt: skip
    try:
        with Image.open(upload) as image:
            if image.format not in ("JPEG", "PNG", "WEBP"):
                raise UnidentifiedImageError
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=85)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError({"photo": _("Foto harus berupa gambar JPG atau PNG.")}) from None
    return out.getvalue()


def _safe_name(name: str) -> str:
    base = "".join(c for c in (name or "") if c.isalnum() or c in " ._-()").strip() or "cv.pdf"
    return base[-150:]


# --- applications -----------------------------------------------------------------------------
@transaction.atomic
def apply(vacancy: Vacancy, *, user, cover_note: str = "", request=None) -> Application:
    vacancy = (
        Vacancy.objects.select_for_update(of=("self",)).select_related("company").get(pk=vacancy.pk)
    )
    if not selectors.is_open(vacancy):
        raise ValidationError(_("Lowongan ini sudah ditutup dan tidak menerima lamaran lagi."))
    profile = selectors.profile_of(user)
    if profile is None:
        raise ValidationError(_("Lengkapi profil pencari kerja Anda dulu sebelum melamar."))
    if selectors.is_member(user, vacancy.company):
        raise ValidationError(_("Anda anggota perusahaan ini; Anda tidak dapat melamar di sini."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                vacancy=vacancy,
                seeker=user,
                cover_note=cover_note.strip(),
                education=profile.education,
            )
    except IntegrityError:
        raise ValidationError(_("Anda sudah melamar lowongan ini.")) from None
    ApplicationEvent.objects.create(
        application=application, stage=Application.Stage.RECEIVED, actor=user
    )
    notices.application_received(application)
    return application


def next_stages(application: Application) -> list[str]:
    """Where an employer may move an application: any other stage until it is final."""
    if application.stage in FINAL_STAGES:
        return []
    return [s for s in Application.Stage.values if s not in (application.stage, "received")]


@transaction.atomic
def move_application(
    application: Application, stage: str, *, message: str = "", actor, request=None
) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__company")
        .get(pk=application.pk)
    )
    _require_member(actor, application.vacancy.company)
    if stage not in next_stages(application):
        raise ValidationError(
            _("Lamaran pada tahap %(stage)s tidak dapat dipindahkan ke tahap itu.")
            % {"stage": application.get_stage_display()}
        )
    before, now = application.stage, timezone.now()
    application.stage, application.stage_changed_at = stage, now
    if stage == Application.Stage.HIRED:
        application.hired_at = now
    application.save(update_fields=["stage", "stage_changed_at", "hired_at"])
    if stage == Application.Stage.HIRED and application.seeker is not None:
        cards.mark_placement(application.seeker, application.vacancy.company.name)
    event = ApplicationEvent.objects.create(
        application=application, stage=stage, message=message.strip(), actor=actor
    )
    audit.record(
        "jobs.move_application",
        actor=actor,
        obj=application,
        request=request,
        details={"vacancy_id": application.vacancy_id, "before": before, "after": stage},
    )
    notices.stage_changed(application, event)
    return application


def record_cv_download(application: Application, *, actor, request=None) -> None:
    """An employer opened an applicant's CV: personal data leaving the platform."""
    with transaction.atomic():
        audit.record(
            "jobs.download_cv",
            actor=actor,
            obj=application,
            request=request,
            details={"vacancy_id": application.vacancy_id},
        )


# --- helpers ------------------------------------------------------------------------------------
def _require_member(actor, company: Company) -> None:
    if actor is None or not selectors.is_member(actor, company):
        raise PermissionDenied(_("Anda bukan anggota perusahaan ini."))


def _require_perm(actor, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasannya agar pemohon dapat memperbaiki.")})
    return reason


def _assign(obj, data: dict, fields) -> None:
    for field in fields:
        if field in data:
            value = data[field]
            setattr(obj, field, value.strip() if isinstance(value, str) else value)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _day(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _public_pages_changed() -> None:
    """Anonymous pages (the vacancy list) are cached; retire them once this commits."""
    from pages.cache import invalidate_region

    schema = connection.schema_name
    transaction.on_commit(lambda: invalidate_region(schema))


def _co(company: Company) -> dict:
    return {
        "name": company.name,
        "nib": company.nib,
        "sector": company.sector,
        "status": company.status,
    }


def _va(vacancy: Vacancy) -> dict:
    return {
        "title": vacancy.title,
        "company_id": vacancy.company_id,
        "status": vacancy.status,
        "closes_on": vacancy.closes_on.isoformat() if vacancy.closes_on else None,
    }
