"""Reads: what a person may see, their inbox and counters, the disposition tree, the archive
search, and what the manifest's measures and the contract test call.

Visibility: an ordinary letter is visible to anyone with e-Office access; a confidential
one (terbatas, rahasia) only to the positions in its chain (LetterAccess), and so to whoever
holds or acts for one of them now. Superusers are no exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core.timezones import region_today, region_zone
from modules.eoffice.models import (
    Classification,
    Delivery,
    Disposition,
    Letter,
    LetterAccess,
    Review,
    Template,
)
from modules.eoffice.search import SEARCH_CONFIG, number_query, words_query
from modules.manifest import Figure
from organisation import api as organisation


def my_position_ids(user) -> list[int]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(organisation.positions_of(user).values_list("pk", flat=True))


def visible_letters(user) -> QuerySet[Letter]:
    positions = my_position_ids(user)
    in_chain = LetterAccess.objects.filter(letter=OuterRef("pk"), position__in=positions)
    return Letter.objects.filter(
        Q(confidentiality=Letter.Confidentiality.ORDINARY) | Exists(in_chain)
    ).select_related("classification")


def letter_for(user, pk: int) -> Letter | None:
    """The letter if `user` may see it; None otherwise (the views answer 404 either way)."""
    return visible_letters(user).filter(pk=pk).first()


def in_chain(user, letter: Letter) -> bool:
    return LetterAccess.objects.filter(letter=letter, position__in=my_position_ids(user)).exists()


# --- the inbox -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Counters:
    reviews: int
    to_sign: int
    unread: int
    open_dispositions: int
    overdue: int

    @property
    def total(self) -> int:
        return self.reviews + self.to_sign + self.unread + self.open_dispositions


def pending_reviews(positions) -> QuerySet[Review]:
    return Review.objects.filter(position__in=positions, status=Review.Status.PENDING)


def letters_to_sign(positions) -> QuerySet[Letter]:
    return Letter.objects.filter(signatory_position__in=positions, status=Letter.Status.READY)


def incoming_deliveries(positions) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(position__in=positions, delivered_at__isnull=False)
        .select_related("letter__classification", "position__unit")
        .order_by("-delivered_at", "-id")
    )


def open_dispositions(positions) -> QuerySet[Disposition]:
    return (
        Disposition.objects.filter(to_position__in=positions, done_at__isnull=True)
        .select_related("letter", "instruction", "from_position__unit", "to_position__unit")
        .order_by("due_at", "created_at")
    )


def counters_for(user) -> Counters:
    positions = my_position_ids(user)
    dispositions = open_dispositions(positions)
    return Counters(
        reviews=pending_reviews(positions).count(),
        to_sign=letters_to_sign(positions).count(),
        unread=incoming_deliveries(positions).filter(read_at__isnull=True).count(),
        open_dispositions=dispositions.count(),
        overdue=dispositions.filter(due_at__lt=timezone.now()).count(),
    )


def my_drafts(user) -> QuerySet[Letter]:
    positions = my_position_ids(user)
    return Letter.objects.filter(
        origin_position__in=positions,
        status__in=[Letter.Status.DRAFT, Letter.Status.RETURNED, Letter.Status.IN_REVIEW],
    ).order_by("-created_at")


# --- one letter ----------------------------------------------------------------------------------
@dataclass
class Node:
    disposition: Disposition
    children: list[Node]


def disposition_tree(letter: Letter) -> list[Node]:
    """The dispositions of a letter as a tree, each level in the order given."""
    rows = list(
        letter.dispositions.select_related(
            "instruction", "from_position__unit", "to_position__unit", "done_by", "read_by"
        )
    )
    nodes = {row.pk: Node(row, []) for row in rows}
    roots = []
    for row in rows:
        parent = nodes.get(row.parent_id)
        (parent.children if parent else roots).append(nodes[row.pk])
    return roots


def dispositions_held_by(user, letter: Letter) -> list[Disposition]:
    """The open dispositions of `letter` addressed to a position `user` holds now."""
    return list(open_dispositions(my_position_ids(user)).filter(letter=letter))


def can_dispose(user, letter: Letter) -> bool:
    """The addressee of an incoming letter, and anyone it was disposed to, may dispose it on."""
    if not letter.is_incoming:
        return False
    positions = my_position_ids(user)
    return (
        letter.deliveries.filter(position__in=positions, kind=Delivery.Kind.TO).exists()
        or letter.dispositions.filter(to_position__in=positions).exists()
    )


def positions_below(user):
    """Positions a person may dispose to: those whose chain of command reaches one of the
    person's positions (any depth), in tree order."""
    mine = set(my_position_ids(user))
    if not mine:
        return []
    units = set()
    for position in organisation.Position.objects.filter(pk__in=mine).select_related("unit"):
        units.update(
            organisation.units_under(position.unit, include_self=True).values_list("pk", flat=True)
        )
    candidates = (
        organisation.Position.objects.filter(unit__in=units, active=True)
        .exclude(pk__in=mine)
        .select_related("unit")
    )
    return list(candidates)


def current_review(letter: Letter) -> Review | None:
    return letter.reviews.filter(status=Review.Status.PENDING).first()


# --- archive -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ArchiveQuery:
    text: str = ""
    number: str = ""
    sender: str = ""
    date_from: date | None = None
    date_to: date | None = None
    classification: str = ""
    kind: str = ""


def search_archive(user, query: ArchiveQuery) -> QuerySet[Letter]:
    letters = visible_letters(user)
    if query.number:
        letters = letters.filter(number__icontains=query.number)
        if (segments := number_query(query.number)) is not None:
            letters = letters.filter(search_vector=segments)
    if query.sender:
        letters = letters.filter(sender__icontains=query.sender)
        if (words := words_query(query.sender)) is not None:
            letters = letters.filter(search_vector=words)
    if query.date_from:
        letters = letters.filter(letter_date__gte=query.date_from)
    if query.date_to:
        letters = letters.filter(letter_date__lte=query.date_to)
    if query.classification:
        letters = letters.filter(classification__code__startswith=query.classification)
    if query.kind:
        letters = letters.filter(kind=query.kind)
    if query.text:
        # Newest first, not by rank: ranking reads every match's vector, and the archive's
        # readers look for a recent letter (bench/eoffice_search.py).
        terms = SearchQuery(query.text, config=SEARCH_CONFIG, search_type="websearch")
        letters = letters.filter(search_vector=terms)
    return letters.order_by("-created_at", "-id")


def due_for_destruction(user, today: date | None = None) -> QuerySet[Letter]:
    """Letters whose retention (active + inactive years) has passed and whose classification
    ends in destruction, oldest first."""
    today = today or region_today()
    condition = Q(pk__in=[])
    for classification in Classification.objects.filter(
        final_disposition=Classification.FinalDisposition.DESTROY
    ):
        limit = _years_before(today, classification.retention_years)
        condition |= Q(classification=classification, letter_date__lte=limit)
    return (
        visible_letters(user)
        .filter(condition, destruction__isnull=True)
        .select_related("classification")
        .order_by("letter_date", "id")
    )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# --- measures ------------------------------------------------------------------------------------
def _month_start() -> datetime:
    today = region_today()
    return datetime(today.year, today.month, 1, tzinfo=region_zone())


def letters_this_month() -> int:
    return Letter.objects.filter(created_at__gte=_month_start()).count()


def signatures_this_month() -> int:
    return Letter.objects.filter(signed_at__gte=_month_start()).count()


def letters_last_30_days() -> int:
    return Letter.objects.filter(created_at__gte=timezone.now() - timedelta(days=30)).count()


def letters_signed_last_30_days() -> int:
    since = timezone.now() - timedelta(days=30)
    return Letter.objects.filter(status=Letter.Status.SIGNED, signed_at__gte=since).count()


def _disposition_hours_last_365_days() -> list[float]:
    since = timezone.now() - timedelta(days=365)
    done = Disposition.objects.filter(done_at__isnull=False, done_at__gte=since)
    return [
        max(0.0, (finished - created).total_seconds() / 3600)
        for created, finished in done.values_list("created_at", "done_at")
    ]


def disposition_hours_figure_last_365_days() -> Figure:
    """Anonymous durations, so the partnership can pool the median across regions."""
    return Figure.of_durations(_disposition_hours_last_365_days())


def median_disposition_hours() -> float | None:
    since = timezone.now() - timedelta(days=365)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.5) WITHIN GROUP "
            "(ORDER BY EXTRACT(EPOCH FROM done_at - created_at)) "
            "FROM eoffice_disposition WHERE done_at IS NOT NULL AND done_at >= %s",
            [since],
        )
        (seconds,) = cursor.fetchone()
    return None if seconds is None else round(seconds / 3600, 1)


def overdue_dispositions() -> int:
    return Disposition.objects.filter(done_at__isnull=True, due_at__lt=timezone.now()).count()


def contract_objects(region) -> dict:
    """An ordinary incoming letter with a scan and a disposition, for the cross-region test."""
    from modules.eoffice import demo

    letter = demo.contract_letter()
    return {
        "pk": letter.pk,
        # New rows, so their ids are past every other region's (the test moves sequences).
        "classification:pk": Classification.objects.create(code="999.99", name="Uji kontrak").pk,
        "template:pk": Template.objects.create(name="Templat uji kontrak", body="Isi.").pk,
        "doc": letter.documents.first().pk,
        "disposition": letter.dispositions.first().pk,
    }
