"""AK/1 (kartu pencari kerja): the only write path for cards, and the reads their pages use.

A job seeker asks for a card online with the data of their KTP; Disnaker checks it and
issues the card with a number (`AK1/<year>/<sequence>`, one sequence per region and year)
valid for two years, or rejects it with a reason. While the card is valid its holder
reports every six months (wajib lapor): still looking, or working and where; a daily
schedule reminds them as the date nears. An employer's hire marks the placement on the
seeker's valid card. The NIK is shown only to its owner and to Disnaker; the card's
QR code opens a check page that shows neither the NIK nor the full name.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit import api as audit
from modules.jobs import selectors
from modules.jobs.models import JobCard, JobCardReport
from notifications import api as notifications

ISSUE = "jobs.issue_job_cards"
VALID_YEARS = 2
# A card may be renewed from this many days before it expires.
RENEW_DAYS = 30
REPORT_MONTHS = 6
# A report may be made from this many days before it is due; reminders start a week before.
REPORT_WINDOW_DAYS = 30
REPORT_REMIND_DAYS = 7


# --- reads ------------------------------------------------------------------------------------
def cards_of(user) -> QuerySet[JobCard]:
    return JobCard.objects.filter(user=user)


def valid_card(user, today: date | None = None) -> JobCard | None:
    return (
        cards_of(user)
        .filter(status=JobCard.Status.ISSUED, valid_until__gte=today or selectors.region_today())
        .order_by("-valid_until")
        .first()
    )


def reporting_cards(today: date | None = None) -> QuerySet[JobCard]:
    """Valid cards of holders not yet placed: the ones that report every six months."""
    return JobCard.objects.filter(
        status=JobCard.Status.ISSUED,
        valid_until__gte=today or selectors.region_today(),
        placed_at__isnull=True,
        report_due_on__isnull=False,
    )


def late_reports(today: date | None = None) -> QuerySet[JobCard]:
    """Valid cards whose six-monthly report is overdue: Disnaker's follow-up list."""
    today = today or selectors.region_today()
    return reporting_cards(today).filter(report_due_on__lt=today).order_by("report_due_on")


def may_report(card: JobCard, today: date | None = None) -> bool:
    today = today or selectors.region_today()
    return (
        reporting_cards(today).filter(pk=card.pk).exists()
        and card.report_due_on - timedelta(days=REPORT_WINDOW_DAYS) <= today
    )


def report_dates(card: JobCard) -> list[date]:
    """The card's reporting dates from issue to expiry (what the printed card lists)."""
    if card.issued_at is None or card.valid_until is None:
        return []
    issued = timezone.localtime(card.issued_at, selectors.region_zone()).date()
    dates, step = [], 1
    while (due := _months_later(issued, REPORT_MONTHS * step)) <= card.valid_until:
        dates.append(due)
        step += 1
    return dates


def cards_waiting() -> QuerySet[JobCard]:
    return JobCard.objects.filter(status=JobCard.Status.REQUESTED).order_by("requested_at")


def why_not_request(user) -> str:
    """'' when the person may ask for a card now, else the reason in their words."""
    if selectors.profile_of(user) is None:
        return _("Lengkapi profil pencari kerja Anda dulu.")
    if cards_of(user).filter(status=JobCard.Status.REQUESTED).exists():
        return _("Permohonan kartu AK/1 Anda sedang diperiksa Disnaker.")
    today = selectors.region_today()
    current = valid_card(user, today)
    if current is not None and current.valid_until > today + timedelta(days=RENEW_DAYS):
        return _("Kartu AK/1 Anda masih berlaku sampai %(day)s.") % {
            "day": formats.date_format(current.valid_until, "j F Y")
        }
    return ""


def masked_name(name: str) -> str:
    """`Rahmat Hidayat` → `R***** H******`: enough to match a card to its holder."""
    return " ".join(part[0] + "*" * (len(part) - 1) for part in name.split() if part)


# --- writes -----------------------------------------------------------------------------------
@transaction.atomic
def request_card(
    user, *, nik: str, full_name: str, birth_date: date, address: str, request=None
) -> JobCard:
    reason = why_not_request(user)
    if reason:
        raise ValidationError(reason)
    check_nik(nik, birth_date)
    card = JobCard(
        user=user,
        nik=nik,
        full_name=full_name.strip(),
        birth_date=birth_date,
        address=address.strip(),
        education=selectors.profile_of(user).education,
    )
    card.full_clean()
    card.save()
    for officer in selectors.verifiers(ISSUE):
        notifications.notify(
            officer,
            "jobs.card_waiting",
            _("Permohonan kartu AK/1: %(name)s") % {"name": card.full_name},
            _("Seorang pencari kerja mengajukan kartu AK/1."),
            url=reverse("module-jobs-admin:card", args=[card.pk]),
            idempotency_key=f"jobs.card_waiting:{card.pk}:{officer.pk}",
        )
    return card


def check_nik(nik: str, birth_date: date) -> None:
    """A NIK holds its owner's birth date as DDMMYY in digits 7–12 (women add 40 to the
    day); a mismatch is almost always a typo, so it is caught before Disnaker sees it."""
    nik = (nik or "").strip()
    if len(nik) != 16 or not nik.isdigit():
        raise ValidationError({"nik": _("NIK terdiri dari 16 angka.")})
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    if (day, month, year) != (birth_date.day, birth_date.month, birth_date.year % 100):
        raise ValidationError(
            {"nik": _("NIK tidak cocok dengan tanggal lahir; periksa lagi angka ke-7 sampai 12.")}
        )


@transaction.atomic
def issue_card(card: JobCard, *, actor, request=None) -> JobCard:
    _require(actor)
    card = JobCard.objects.select_for_update().get(pk=card.pk)
    if card.status != JobCard.Status.REQUESTED:
        raise ValidationError(_("Hanya permohonan yang menunggu yang dapat diterbitkan."))
    today = selectors.region_today()
    card.number = _next_number(today.year)
    card.status, card.issued_at = JobCard.Status.ISSUED, timezone.now()
    card.valid_until = _years_later(today, VALID_YEARS) - timedelta(days=1)
    card.reviewed_by = actor
    card.report_due_on = _months_later(today, REPORT_MONTHS)
    card.save()
    audit.record(
        "jobs.issue_card",
        actor=actor,
        obj=card,
        request=request,
        details={"number": card.number, "valid_until": card.valid_until.isoformat()},
    )
    _tell_holder(
        card,
        _("Kartu AK/1 Anda terbit"),
        _("Kartu AK/1 nomor %(number)s berlaku sampai %(day)s. Cetak dari halaman AK/1.")
        % {"number": card.number, "day": formats.date_format(card.valid_until, "j F Y")},
    )
    return card


@transaction.atomic
def reject_card(card: JobCard, reason: str, *, actor, request=None) -> JobCard:
    _require(actor)
    card = JobCard.objects.select_for_update().get(pk=card.pk)
    if card.status != JobCard.Status.REQUESTED:
        raise ValidationError(_("Hanya permohonan yang menunggu yang dapat ditolak."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasannya agar pemohon dapat memperbaiki.")})
    card.status, card.review_note, card.reviewed_by = JobCard.Status.REJECTED, reason, actor
    card.save(update_fields=["status", "review_note", "reviewed_by"])
    audit.record(
        "jobs.reject_card", actor=actor, obj=card, request=request, details={"reason": reason}
    )
    _tell_holder(
        card,
        _("Permohonan kartu AK/1 ditolak"),
        _("Disnaker menolak permohonan kartu AK/1 Anda: %(reason)s") % {"reason": reason},
    )
    return card


@transaction.atomic
def report(
    card: JobCard,
    *,
    user,
    still_looking: bool,
    employer: str = "",
    note: str = "",
    request=None,
) -> JobCardReport:
    """The holder's six-monthly report. Still looking: the next one is due six months on;
    working: the card records the placement and asks for no more reports."""
    card = JobCard.objects.select_for_update().get(pk=card.pk)
    if card.user_id != user.pk:
        raise PermissionDenied
    today = selectors.region_today()
    if not may_report(card, today):
        raise ValidationError(_("Kartu ini belum atau tidak perlu dilaporkan sekarang."))
    employer = (employer or "").strip()
    if not still_looking and not employer:
        raise ValidationError({"employer": _("Tuliskan nama tempat Anda bekerja.")})
    made = JobCardReport.objects.create(
        card=card,
        still_looking=still_looking,
        employer="" if still_looking else employer[:150],
        note=(note or "").strip(),
    )
    before = card.report_due_on
    if still_looking:
        card.report_due_on = _months_later(today, REPORT_MONTHS)
    else:
        card.report_due_on = None
        card.placed_at, card.placed_with = timezone.now(), employer[:150]
    card.save(update_fields=["report_due_on", "placed_at", "placed_with"])
    audit.record(
        "jobs.report_card",
        actor=user,
        obj=card,
        request=request,
        details={
            "still_looking": still_looking,
            "due": before.isoformat(),
            "next_due": card.report_due_on.isoformat() if card.report_due_on else None,
        },
    )
    return made


def remind_reports(today: date | None = None) -> int:
    """In the current region: remind holders whose report is due within a week (or late).
    Once per card and due date, so a re-run tells nobody twice; returns how many were told
    for the first time."""
    today = today or selectors.region_today()
    due = reporting_cards(today).filter(
        report_due_on__lte=today + timedelta(days=REPORT_REMIND_DAYS)
    )
    told = 0
    for card in due.select_related("user"):
        key = f"jobs.card_report:{card.pk}:{card.report_due_on.isoformat()}"
        if notifications.notices(card.user).filter(idempotency_key=key).exists():
            continue
        day = formats.date_format(card.report_due_on, "j F Y")
        notifications.notify(
            card.user,
            "jobs.card_report",
            _("Waktunya lapor kartu AK/1 %(number)s") % {"number": card.number},
            _(
                "Pemegang kartu AK/1 wajib lapor setiap enam bulan. Laporkan paling lambat "
                "%(day)s apakah Anda masih mencari kerja, dari halaman AK/1."
            )
            % {"day": day},
            url=reverse("module-jobs:cards"),
            idempotency_key=key,
        )
        told += 1
    return told


def mark_placement(user, company_name: str) -> int:
    """An employer hired `user`: their valid card records where. Called inside the hire's
    transaction; a card placed earlier keeps its first placement."""
    today = selectors.region_today()
    return (
        cards_of(user)
        .filter(status=JobCard.Status.ISSUED, valid_until__gte=today, placed_at__isnull=True)
        .update(placed_at=timezone.now(), placed_with=company_name[:150])
    )


def _next_number(year: int) -> str:
    """The next number of the year. A transaction-scoped advisory lock per region keeps two
    officers from taking the same one (the unique constraint would refuse it anyway)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"{connection.schema_name}:jobs.ak1"]
        )
    prefix = f"AK1/{year}/"
    last = (
        JobCard.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last.rsplit("/", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:06d}"


def _months_later(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _require(actor) -> None:
    if actor is None or not actor.has_perm(ISSUE):
        raise PermissionDenied


def _tell_holder(card: JobCard, subject: str, body: str) -> None:
    notifications.notify(
        card.user,
        "jobs.card",
        subject,
        body,
        url=reverse("module-jobs:cards"),
        idempotency_key=f"jobs.card:{card.pk}:{card.status}",
    )
