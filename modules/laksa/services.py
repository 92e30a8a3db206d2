"""The only write path of LAKSA. Every change is logged as a report event and audited in the
same transaction; the people concerned are told through the shared notifications.

Staff notices never name the reporter (a report may be anonim or rahasia); the reporter is
told through their account, or by email when they reported without one.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit import api as audit
from modules import services as module_services
from modules.laksa import selectors
from modules.laksa.models import (
    ApiKey,
    Category,
    Escalation,
    Follower,
    Report,
    ReportEvent,
    ReportPhoto,
)
from modules.laksa.photos import CleanPhoto
from modules.laksa.seeds import CATEGORIES
from notifications import api as notifications
from organisation import api as organisation
from workdays import api as workdays

MODULE_KEY = "laksa"
Action = ReportEvent.Action
Status = Report.Status


def module_settings() -> dict:
    return module_services.module_settings(MODULE_KEY)


# --- categories -------------------------------------------------------------------------------
def find_unit(names: Iterable[str]):
    """The first active unit known by one of `names`: its code, short name or name."""
    for name in names:
        unit = organisation.unit_by_code(name)
        if unit is None:
            unit = (
                organisation.Unit.objects.filter(active=True, short_name__iexact=name).first()
                or organisation.Unit.objects.filter(active=True, name__iexact=name).first()
            )
        if unit is not None and unit.active:
            return unit
    return None


def seed_categories(region=None) -> int:
    """Create the default categories the region does not have yet (idempotent: matched by
    code, or by name for one staff added themselves), each routed to its unit when the
    region's directory has it. Staff's renames and routing are kept."""
    existing_codes = set(Category.objects.values_list("code", flat=True))
    existing_names = {n.lower() for n in Category.objects.values_list("name", flat=True)}
    created = []
    with transaction.atomic():
        for position, (code, name, description, unit_names) in enumerate(CATEGORIES, start=1):
            if code in existing_codes or name.lower() in existing_names:
                continue
            unit = find_unit(unit_names)
            Category.objects.create(
                code=code, name=name, description=description, unit=unit, order=position * 10
            )
            created.append({"code": code, "unit": unit.code if unit else None})
        if created:
            audit.record("laksa.seed_categories", details={"created": created})
    return len(created)


@transaction.atomic
def add_category(
    *,
    name: str,
    description: str = "",
    unit=None,
    verify_days: int | None = None,
    respond_days: int | None = None,
    order: int = 100,
    active: bool = True,
    actor,
    request=None,
) -> Category:
    category = Category(
        code=_free_code(name),
        name=name.strip(),
        description=description.strip(),
        unit=unit,
        verify_days=verify_days,
        respond_days=respond_days,
        order=order,
        active=active,
    )
    category.full_clean()
    category.save()
    audit.record(
        "laksa.add_category",
        actor=actor,
        obj=category,
        request=request,
        details=_category(category),
    )
    return category


@transaction.atomic
def change_category(category: Category, *, actor, request=None, **values) -> Category:
    before = _category(Category.objects.select_for_update().get(pk=category.pk))
    for field, value in values.items():
        setattr(category, field, value.strip() if isinstance(value, str) else value)
    category.full_clean()
    category.save()
    audit.record(
        "laksa.change_category",
        actor=actor,
        obj=category,
        request=request,
        details={**_category(category), "before": before},
    )
    return category


def days_for(category: Category) -> tuple[int, int]:
    """(verify, respond) working days of a category: its own, else the region's setting."""
    settings = module_settings()
    return (
        category.verify_days or settings["verify_days"],
        category.respond_days or settings["respond_days"],
    )


def deadlines(category: Category, received: datetime) -> tuple[datetime, datetime]:
    """(verify by, first response by), counted in the region's working days from receipt."""
    verify_days, respond_days = days_for(category)
    calendar = workdays.work_calendar()
    return (
        calendar.add_working_days(received, verify_days),
        calendar.add_working_days(received, respond_days),
    )


# --- a resident submits -----------------------------------------------------------------------
def submit_report(
    *,
    kind: str,
    category: Category,
    title: str,
    description: str,
    privacy: str,
    address: str = "",
    latitude=None,
    longitude=None,
    photos: Iterable[CleanPhoto] = (),
    reporter=None,
    reporter_name: str = "",
    reporter_email: str = "",
    now: datetime | None = None,
    api_key: ApiKey | None = None,
) -> Report:
    """File a report: a tracking code, its deadlines, the responsible unit (from the
    category), the unit head position's inbox, and a receipt to the reporter. A report
    posted through Open311 (`api_key`) also gets the token its client looks it up by."""
    if not category.active:
        raise ValidationError(_("Kategori ini tidak dipakai lagi; pilih kategori lain."))
    received = now or timezone.now()
    verify_due, respond_due = deadlines(category, received)
    if reporter is not None:
        reporter_name = reporter.get_full_name() or reporter_name
        reporter_email = reporter.email
    report = Report(
        kind=kind,
        category=category,
        unit=category.unit,
        title=title.strip(),
        description=description.strip(),
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
        privacy=privacy,
        reporter=reporter,
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip().lower(),
        submitted_at=received,
        verify_due_at=verify_due,
        respond_due_at=respond_due,
        api_key=api_key,
        open311_token=secrets.token_hex(16) if api_key is not None else None,
    )
    report.full_clean(exclude=["tracking_code"])
    with transaction.atomic():
        _save_with_code(report)
        event = _event(report, Action.SUBMITTED, label=_("Pelapor"), at=received)
        for photo in photos:
            _save_photo(report, photo, ReportPhoto.Stage.LAPORAN)
        # The reporter acts only when the report is public; an anonim or rahasia reporter
        # leaves no name in the audit log either.
        audit.record(
            "laksa.submit",
            actor=reporter if privacy == Report.Privacy.PUBLIK else None,
            obj=report,
            details={
                "category": category.code,
                "kind": kind,
                "privacy": privacy,
                **({"api_key": api_key.prefix} if api_key is not None else {}),
            },
        )
        _route(report, event)
        _tell_reporter(
            report,
            event,
            _("Laporan Anda diterima: %(code)s") % {"code": report.tracking_code},
            _(
                "Terima kasih. Laporan “%(title)s” kami terima dengan kode pelacakan %(code)s. "
                "Laporan akan diverifikasi paling lambat %(due)s. Ikuti perkembangannya di "
                "halaman berikut."
            )
            % {"title": report.title, "code": report.tracking_code, "due": _when(verify_due)},
        )
    return report


def _save_with_code(report: Report) -> None:
    for _attempt in range(5):
        report.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                report.save()
            return
        except IntegrityError:
            if not Report.objects.filter(tracking_code=report.tracking_code).exists():
                raise
    raise RuntimeError("no free tracking code after 5 attempts")


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(selectors.CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


# --- triage -----------------------------------------------------------------------------------
@transaction.atomic
def verify_report(report: Report, *, actor, request=None, note: str = "") -> Report:
    report = _locked(report)
    _require_open(report)
    if report.verified_at is not None:
        raise ValidationError(_("Laporan ini sudah diverifikasi."))
    report.verified_at = timezone.now()
    report.save(update_fields=["verified_at", "updated_at"])
    unit = report.unit.display_name if report.unit else _("unit terkait")
    event = _event(
        report,
        Action.VERIFIED,
        actor=actor,
        label=_("Verifikator LAKSA"),
        note=note.strip() or _("Laporan diteruskan ke %(unit)s.") % {"unit": unit},
    )
    audit.record("laksa.verify", actor=actor, obj=report, request=request)
    _public_pages_changed()
    _tell_reporter_and_followers(
        report,
        event,
        _("Laporan %(code)s diverifikasi") % {"code": report.tracking_code},
        _("Laporan “%(title)s” sudah diverifikasi dan diteruskan ke %(unit)s.")
        % {"title": report.title, "unit": unit},
    )
    return report


@transaction.atomic
def reject_report(report: Report, *, reason: str, actor, request=None) -> Report:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tulis alasan penolakan; pelapor akan membacanya."))
    report = _locked(report)
    _require_open(report)
    report.status = Status.DITOLAK
    report.rejected_reason = reason
    report.closed_at = timezone.now()
    report.save(update_fields=["status", "rejected_reason", "closed_at", "updated_at"])
    event = _event(report, Action.REJECTED, actor=actor, label=_("Verifikator LAKSA"), note=reason)
    organisation.close_inbox_item(source=report, actor=actor, request=request)
    audit.record(
        "laksa.reject", actor=actor, obj=report, request=request, details={"reason": reason}
    )
    _public_pages_changed()
    _tell_reporter_and_followers(
        report,
        event,
        _("Laporan %(code)s ditolak") % {"code": report.tracking_code},
        _("Laporan “%(title)s” tidak dapat ditindaklanjuti. Alasannya: %(reason)s")
        % {"title": report.title, "reason": reason},
    )
    return report


@transaction.atomic
def merge_report(duplicate: Report, *, into: Report, actor, request=None) -> Report:
    """Close a duplicate in favour of the report it repeats: the duplicate's reporter follows
    that one from now on (told of its changes, never named on it)."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("Laporan tidak dapat digabung dengan dirinya sendiri."))
    duplicate = _locked(duplicate)
    into = Report.objects.select_for_update(of=("self",)).get(pk=into.pk)
    _require_open(duplicate)
    if into.merged_into_id is not None or into.status == Status.DITOLAK:
        raise ValidationError(_("Laporan tujuan sudah ditutup; pilih laporan lain."))
    duplicate.status = Status.DITOLAK
    duplicate.merged_into = into
    duplicate.closed_at = timezone.now()
    duplicate.rejected_reason = _("Laporan ganda: masalah yang sama sudah dilaporkan.")
    duplicate.save(
        update_fields=["status", "merged_into", "closed_at", "rejected_reason", "updated_at"]
    )
    event = _event(
        duplicate,
        Action.MERGED,
        actor=actor,
        label=_("Verifikator LAKSA"),
        note=_("Masalah yang sama sudah dilaporkan; perkembangannya dikirim kepada Anda."),
        details={"into": into.pk},
    )
    if duplicate.reporter is not None:
        Follower.objects.get_or_create(report=into, user=duplicate.reporter)
    elif duplicate.reporter_email:
        Follower.objects.get_or_create(report=into, user=None, email=duplicate.reporter_email)
    organisation.close_inbox_item(source=duplicate, actor=actor, request=request)
    audit.record(
        "laksa.merge",
        actor=actor,
        obj=duplicate,
        request=request,
        details={"into": into.pk, "into_code": into.tracking_code},
    )
    _public_pages_changed()
    _tell_reporter(
        duplicate,
        event,
        _("Laporan %(code)s digabung") % {"code": duplicate.tracking_code},
        _(
            "Masalah dalam laporan “%(title)s” sudah dilaporkan warga lain dan sedang "
            "ditangani. Kami akan mengabari Anda setiap perkembangannya."
        )
        % {"title": duplicate.title},
    )
    return duplicate


@transaction.atomic
def set_privacy(report: Report, privacy: str, *, actor, request=None) -> Report:
    if privacy not in Report.Privacy.values:
        raise ValidationError(_("Pilihan kerahasiaan tidak dikenal."))
    report = _locked(report)
    before = report.privacy
    if before == privacy:
        return report
    report.privacy = privacy
    report.save(update_fields=["privacy", "updated_at"])
    _event(
        report,
        Action.PRIVACY,
        actor=actor,
        label=_("Verifikator LAKSA"),
        note=_("Kerahasiaan laporan kini: %(privacy)s.")
        % {"privacy": report.get_privacy_display()},
    )
    audit.record(
        "laksa.set_privacy",
        actor=actor,
        obj=report,
        request=request,
        details={"before": before, "after": privacy},
    )
    _public_pages_changed()
    return report


@transaction.atomic
def reclassify(report: Report, category: Category, *, actor, request=None) -> Report:
    """Move a report to another category and so to that category's unit (and its head's
    inbox); the deadlines keep running from receipt."""
    report = _locked(report)
    _require_open(report)
    before = {"category": report.category.code, "unit": getattr(report.unit, "code", None)}
    if category.pk == report.category_id and category.unit_id == report.unit_id:
        return report
    unit_changed = category.unit_id != report.unit_id
    report.category, report.unit = category, category.unit
    report.save(update_fields=["category", "unit", "updated_at"])
    unit = report.unit.display_name if report.unit else _("unit terkait")
    event = _event(
        report,
        Action.RECLASSIFIED,
        actor=actor,
        label=_("Verifikator LAKSA"),
        note=_("Kategori: %(category)s; ditangani %(unit)s.")
        % {"category": category.name, "unit": unit},
    )
    if unit_changed:
        organisation.close_inbox_item(source=report, actor=actor, request=request)
        _route(report, event)
    _public_pages_changed()
    audit.record(
        "laksa.reclassify",
        actor=actor,
        obj=report,
        request=request,
        details={
            "before": before,
            "after": {"category": category.code, "unit": getattr(category.unit, "code", None)},
        },
    )
    return report


# --- the responsible unit answers -------------------------------------------------------------
ANSWER_STATUSES = (Status.PROSES, Status.SELESAI)


@transaction.atomic
def answer_report(
    report: Report,
    *,
    note: str,
    status: str,
    actor,
    request=None,
    photos: Iterable[tuple[CleanPhoto, str]] = (),
) -> Report:
    """The unit's answer: a note residents read, the new status (proses or selesai), and
    photos (before/after). Answering an unverified report verifies it: the unit accepted it."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Tulis tanggapan untuk pelapor."))
    if status not in ANSWER_STATUSES:
        raise ValidationError(_("Pilih status: proses atau selesai."))
    report = _locked(report)
    _require_open(report)
    now = timezone.now()
    changed = ["status", "answered_at", "updated_at"]
    report.status = status
    report.answered_at = now
    if report.first_response_at is None:
        report.first_response_at = now
        changed.append("first_response_at")
    if report.verified_at is None:
        report.verified_at = now
        changed.append("verified_at")
    if status == Status.SELESAI:
        report.closed_at = now
        changed.append("closed_at")
    report.save(update_fields=changed)
    unit = report.unit.display_name if report.unit else _("Petugas LAKSA")
    event = _event(report, Action.ANSWERED, actor=actor, label=unit, note=note, at=now)
    for photo, stage in photos:
        _save_photo(report, photo, stage, event=event)
    if status == Status.SELESAI:
        organisation.close_inbox_item(source=report, actor=actor, request=request)
    audit.record(
        "laksa.answer",
        actor=actor,
        obj=report,
        request=request,
        details={"status": status, "photos": len(list(event.photos.all()))},
    )
    _public_pages_changed()
    subject = (
        _("Laporan %(code)s selesai")
        if status == Status.SELESAI
        else _("Laporan %(code)s diproses")
    ) % {"code": report.tracking_code}
    _tell_reporter_and_followers(
        report,
        event,
        subject,
        _("Tanggapan %(unit)s atas laporan “%(title)s”: %(note)s")
        % {
            "unit": unit,
            "title": report.title,
            "note": note,
        },
    )
    return report


# --- the reporter, after the answer -----------------------------------------------------------
@transaction.atomic
def rate_report(report: Report, *, rating: int, comment: str = "") -> Report:
    report = _locked(report)
    if report.status != Status.SELESAI:
        raise ValidationError(_("Laporan dapat dinilai setelah selesai."))
    if report.rating is not None:
        raise ValidationError(_("Laporan ini sudah dinilai."))
    if rating not in range(1, 6):
        raise ValidationError(_("Pilih nilai 1 sampai 5."))
    report.rating, report.rating_comment = rating, (comment or "").strip()[:1000]
    report.rated_at = timezone.now()
    report.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    _event(
        report,
        Action.RATED,
        label=_("Pelapor"),
        note=report.rating_comment,
        details={"rating": rating},
    )
    audit.record("laksa.rate", obj=report, details={"rating": rating})
    return report


def reopen_deadline(report: Report) -> datetime | None:
    if report.status != Status.SELESAI or report.closed_at is None:
        return None
    return report.closed_at + timedelta(days=module_settings()["reopen_days"])


@transaction.atomic
def reopen_report(report: Report, *, reason: str) -> Report:
    """The reporter says it is not really fixed: back to the unit with a new deadline."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tulis mengapa masalahnya belum selesai."))
    report = _locked(report)
    until = reopen_deadline(report)
    if until is None:
        raise ValidationError(_("Hanya laporan yang selesai yang dapat dibuka kembali."))
    now = timezone.now()
    if now > until:
        raise ValidationError(
            _("Laporan hanya dapat dibuka kembali sampai %(until)s.") % {"until": _when(until)}
        )
    _verify_days, respond_days = days_for(report.category)
    report.status = Status.MENUNGGU
    report.closed_at = None
    report.answered_at = None
    report.respond_due_at = workdays.work_calendar().add_working_days(now, respond_days)
    report.rating, report.rating_comment, report.rated_at = None, "", None
    report.reopened_count += 1
    report.save()
    event = _event(report, Action.REOPENED, label=_("Pelapor"), note=reason, at=now)
    audit.record("laksa.reopen", obj=report, details={"round": report.reopened_count})
    _public_pages_changed()
    _route(report, event)
    return report


# --- a resident follows a report instead of filing the same problem ----------------------------
def follow_report(report: Report, *, user=None, email: str = "") -> tuple[Follower, bool]:
    """(follower, created): told of the report's public changes from now on. Only a public
    report can be followed (one offered as "is this the same problem?")."""
    if not report.is_public:
        raise ValidationError(_("Laporan ini tidak dapat diikuti."))
    email = (email or "").strip().lower()
    if user is None and not email:
        raise ValidationError(_("Tulis email Anda untuk menerima kabar perkembangan laporan."))
    with transaction.atomic():
        if user is not None:
            follower, created = Follower.objects.get_or_create(report=report, user=user)
        else:
            follower, created = Follower.objects.get_or_create(
                report=report, user=None, email=email
            )
        if created:
            audit.record(
                "laksa.follow",
                actor=user,
                obj=report,
                details={"account": user is not None},
            )
    return follower, created


# --- moderation ----------------------------------------------------------------------------------
@transaction.atomic
def hide_report(report: Report, *, reason: str, actor, request=None) -> Report:
    """Take a report off every public page and the API (abuse, personal data, spam)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tulis alasan menyembunyikan laporan."))
    report = _locked(report)
    if report.hidden_at is not None:
        raise ValidationError(_("Laporan ini sudah disembunyikan."))
    report.hidden_at, report.hidden_reason = timezone.now(), reason
    report.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    _event(report, Action.HIDDEN, actor=actor, label=_("Moderator LAKSA"), note=reason)
    audit.record("laksa.hide", actor=actor, obj=report, request=request, details={"reason": reason})
    _public_pages_changed()
    return report


@transaction.atomic
def show_report(report: Report, *, actor, request=None) -> Report:
    report = _locked(report)
    if report.hidden_at is None:
        return report
    report.hidden_at, report.hidden_reason = None, ""
    report.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    _event(report, Action.SHOWN, actor=actor, label=_("Moderator LAKSA"), public=False)
    audit.record("laksa.show", actor=actor, obj=report, request=request)
    _public_pages_changed()
    return report


@transaction.atomic
def redact_report(
    report: Report, *, title: str, description: str, reason: str, actor, request=None
) -> Report:
    """Replace the report's words (e.g. a name, a phone number, an insult). The audit trail
    says which fields changed and why, not the removed words: they are what was redacted."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tulis alasan penyuntingan."))
    title, description = (title or "").strip(), (description or "").strip()
    if not title or not description:
        raise ValidationError(_("Judul dan uraian tidak boleh kosong."))
    report = _locked(report)
    changed = [
        field
        for field, value in (("title", title), ("description", description))
        if getattr(report, field) != value
    ]
    if not changed:
        raise ValidationError(_("Tidak ada yang diubah."))
    report.title, report.description = title, description
    report.save(update_fields=[*changed, "updated_at"])
    _event(
        report,
        Action.REDACTED,
        actor=actor,
        label=_("Moderator LAKSA"),
        note=reason,
        details={"fields": changed},
    )
    audit.record(
        "laksa.redact",
        actor=actor,
        obj=report,
        request=request,
        details={"fields": changed, "reason": reason},
    )
    _public_pages_changed()
    return report


@transaction.atomic
def redact_photo(photo: ReportPhoto, *, reason: str, actor, request=None) -> ReportPhoto:
    """Delete a photo's file (a face, a number plate...); its row says it was removed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tulis alasan menghapus foto."))
    photo = ReportPhoto.objects.select_for_update().select_related("report").get(pk=photo.pk)
    if photo.redacted_at is not None:
        raise ValidationError(_("Foto ini sudah dihapus."))
    name = photo.image.name
    photo.redacted_at = timezone.now()
    photo.save(update_fields=["redacted_at"])
    _event(
        photo.report,
        Action.REDACTED,
        actor=actor,
        label=_("Moderator LAKSA"),
        note=reason,
        details={"photo": photo.pk},
    )
    audit.record(
        "laksa.redact_photo",
        actor=actor,
        obj=photo.report,
        request=request,
        details={"photo": photo.pk, "reason": reason},
    )
    _public_pages_changed()
    storage = photo.image.storage
    transaction.on_commit(lambda: storage.delete(name))
    return photo


# --- Open311 API keys -----------------------------------------------------------------------------
def hash_api_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def issue_api_key(*, name: str, actor, request=None) -> tuple[ApiKey, str]:
    """(key, the raw key): the raw key is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Tulis nama klien yang memakai kunci ini."))
    raw = "lk_" + secrets.token_urlsafe(30)
    key = ApiKey.objects.create(
        name=name[:100], prefix=raw[3:11], key_hash=hash_api_key(raw), created_by=actor
    )
    audit.record(
        "laksa.issue_api_key",
        actor=actor,
        obj=key,
        request=request,
        details={"name": key.name, "prefix": key.prefix},
    )
    return key, raw


@transaction.atomic
def revoke_api_key(key: ApiKey, *, actor, request=None) -> ApiKey:
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is not None:
        raise ValidationError(_("Kunci ini sudah dicabut."))
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    audit.record(
        "laksa.revoke_api_key",
        actor=actor,
        obj=key,
        request=request,
        details={"name": key.name, "prefix": key.prefix},
    )
    return key


def api_key_in_use(raw: str) -> ApiKey | None:
    """The active key `raw` is, marked as used now; None for an unknown or revoked key."""
    if not raw:
        return None
    key = ApiKey.objects.filter(key_hash=hash_api_key(raw), revoked_at__isnull=True).first()
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


# --- deadlines ----------------------------------------------------------------------------------
def escalate_overdue(now: datetime | None = None) -> int:
    """Tell the unit head and the region's admins of every deadline missed, once per missed
    deadline (Escalation's unique constraint). Returns how many escalations were made."""
    now = now or timezone.now()
    made = 0
    for report in selectors.overdue_reports(now).select_related("unit", "category"):
        for kind, due in report.missed_deadlines(now):
            if _escalate(report, kind, due, now):
                made += 1
    return made


def _escalate(report: Report, kind: str, due: datetime, now: datetime) -> bool:
    with transaction.atomic():
        escalation, created = Escalation.objects.get_or_create(
            report=report, kind=kind, due_at=due, defaults={"escalated_at": now}
        )
        if not created:
            return False
        what = escalation.get_kind_display().lower()
        _event(
            report,
            Action.ESCALATED,
            label=_("Sistem"),
            note=_("Batas %(what)s %(due)s terlewat.") % {"what": what, "due": _when(due)},
            public=False,
            at=now,
        )
        audit.record(
            "laksa.escalate",
            obj=report,
            details={
                "kind": kind,
                "due_at": due.isoformat(),
                "unit": getattr(report.unit, "code", None),
            },
        )
        unit = report.unit.display_name if report.unit else _("(belum ada unit)")
        _tell_staff(
            _escalation_recipients(report),
            "laksa.escalation",
            _("LAKSA terlambat: %(code)s (%(unit)s)")
            % {"code": report.tracking_code, "unit": unit},
            _(
                "Laporan “%(title)s” (%(category)s) melewati batas %(what)s %(due)s dan belum "
                "ditindaklanjuti oleh %(unit)s."
            )
            % {
                "title": report.title,
                "category": report.category.name,
                "what": what,
                "due": _when(due),
                "unit": unit,
            },
            url=staff_url(report),
            key=f"laksa.escalation:{escalation.pk}",
        )
    return True


def _escalation_recipients(report: Report) -> list:
    people = {}
    if report.unit is not None:
        head = organisation.head_position(report.unit)
        if head is not None:
            people.update({u.pk: u for u in organisation.holders_of(head)})
    people.update({u.pk: u for u in selectors.region_admins()})
    return list(people.values())


# --- "Akun saya": a resident who deletes their account ----------------------------------------
def erase_reporter(user) -> int:
    """Reports stay (they are the region's public record); who sent them does not, nor
    which reports the person followed."""
    Follower.objects.filter(user=user).delete()
    if user.email:
        Follower.objects.filter(user=None, email__iexact=user.email).delete()
    return Report.objects.filter(reporter=user).update(
        reporter=None, reporter_name="", reporter_email=""
    )


# --- helpers ------------------------------------------------------------------------------------
def staff_url(report: Report) -> str:
    return reverse("module-laksa-admin:report", args=[report.pk])


def tracking_url(report: Report) -> str:
    return reverse("module-laksa:track", args=[report.tracking_code])


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("category", "unit")
        .get(pk=report.pk)
    )


def _require_open(report: Report) -> None:
    if not report.is_open:
        raise ValidationError(
            _("Laporan ini sudah %(status)s.") % {"status": report.get_status_display().lower()}
        )


def _event(
    report: Report,
    action: str,
    *,
    actor=None,
    label: str = "",
    note: str = "",
    public: bool = True,
    at: datetime | None = None,
    details: dict | None = None,
) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        action=action,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(label)[:200],
        note=note,
        status=report.status,
        public=public,
        details=details or {},
    )


def _save_photo(report: Report, photo: CleanPhoto, stage: str, *, event=None) -> ReportPhoto:
    saved = ReportPhoto(
        report=report,
        event=event,
        stage=stage,
        width=photo.width,
        height=photo.height,
        size=photo.size,
    )
    saved.image.save("foto.jpg", photo.content, save=False)
    saved.save()
    return saved


def _route(report: Report, event: ReportEvent) -> None:
    """Put the report in the inbox of its unit's head position and tell whoever holds it."""
    if report.unit is None:
        return
    head = organisation.head_position(report.unit)
    if head is None:
        return
    organisation.add_to_inbox(
        head,
        _("LAKSA %(code)s: %(title)s") % {"code": report.tracking_code, "title": report.title},
        staff_url(report),
        source=report,
        due_at=report.respond_due_at,
    )
    _tell_staff(
        organisation.holders_of(head),
        "laksa.new",
        _("Laporan LAKSA baru untuk %(unit)s: %(code)s")
        % {"unit": report.unit.display_name, "code": report.tracking_code},
        _("%(kind)s “%(title)s” (%(category)s). Tanggapi paling lambat %(due)s.")
        % {
            "kind": report.get_kind_display(),
            "title": report.title,
            "category": report.category.name,
            "due": _when(report.respond_due_at),
        },
        url=staff_url(report),
        key=f"laksa.routed:{event.pk}",
    )


def _tell_staff(users, topic: str, subject: str, body: str, *, url: str, key: str) -> None:
    for user in users:
        notifications.notify(
            user, topic, subject, body, url=url, idempotency_key=f"{key}:{user.pk}"
        )


def _tell_reporter(report: Report, event: ReportEvent, subject: str, body: str) -> None:
    key = f"laksa.reporter:{event.pk}"
    if report.reporter is not None and report.reporter.is_active:
        notifications.notify(
            report.reporter,
            "laksa.status",
            subject,
            body,
            url=tracking_url(report),
            idempotency_key=key,
        )
    elif report.reporter_email:
        from notifications.services import absolute_url

        link = absolute_url(tracking_url(report))
        notifications.send_email(
            report.reporter_email, subject, f"{body}\n\n{link}", idempotency_key=key
        )


def _tell_reporter_and_followers(report: Report, event: ReportEvent, subject: str, body: str):
    _tell_reporter(report, event, subject, body)
    if not report.is_public:
        return  # a report made rahasia tells no one but its reporter
    link = reverse("module-laksa:detail", args=[report.pk])
    for follower in report.followers.select_related("user"):
        key = f"laksa.follower:{event.pk}:{follower.pk}"
        if follower.user is not None:
            if follower.user.is_active:
                notifications.notify(
                    follower.user, "laksa.follow", subject, body, url=link, idempotency_key=key
                )
        else:
            from notifications.services import absolute_url

            notifications.send_email(
                follower.email, subject, f"{body}\n\n{absolute_url(link)}", idempotency_key=key
            )


def _public_pages_changed() -> None:
    """Anonymous pages (the public list, map, scorecard) are cached; retire the region's
    once this commits, so a report hidden or made rahasia leaves them at once."""
    from pages.cache import invalidate_region

    schema = connection.schema_name
    transaction.on_commit(lambda: invalidate_region(schema))


def _when(moment: datetime) -> str:
    local = moment.astimezone(workdays.work_calendar().zone)
    return formats.date_format(local, "l, j F Y H.i") + " " + _zone_abbreviation(local)


def _zone_abbreviation(local: datetime) -> str:
    return {7: "WIB", 8: "WITA", 9: "WIT"}.get(int(local.utcoffset().total_seconds() // 3600), "")


def _free_code(name: str) -> str:
    base = slugify(name)[:50] or "kategori"
    code, n = base, 2
    while Category.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _category(category: Category) -> dict:
    return {
        "name": category.name,
        "unit": getattr(category.unit, "code", None),
        "verify_days": category.verify_days,
        "respond_days": category.respond_days,
        "active": category.active,
    }
