"""The archive: search by number, subject, sender, dates, classification and full text
(PostgreSQL, Indonesian stemming), and the list of letters past their retention (JRA)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.modules.eoffice.conftest import classification, head, in_region, incoming

pytestmark = pytest.mark.django_db


def _search(region, **fields):
    from modules.eoffice import selectors

    return list(selectors.search_archive(head(region), selectors.ArchiveQuery(**fields)))


def test_search_by_each_field_and_by_words_in_another_form(tangsel):
    in_region(tangsel)
    roads = incoming(
        tangsel,
        subject="Pembangunan jembatan penyeberangan orang",
        sender="Dinas Perhubungan Provinsi Banten",
        number="550/901/Dishub/2026",
        letter_date=date(2026, 3, 4),
        classification=classification("500.1"),
    )
    other = incoming(tangsel, subject="Undangan pelantikan", letter_date=date(2026, 5, 1))

    assert _search(tangsel, text="membangun jembatan") == [roads]
    assert _search(tangsel, number="550/901") == [roads]
    assert roads in _search(tangsel, sender="perhubungan provinsi")
    assert _search(tangsel, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)) == [roads]
    assert other not in _search(tangsel, classification="500")
    assert roads in _search(tangsel, classification="500")


def test_the_destruction_list_holds_only_what_is_past_retention_and_ends_in_destruction(
    tangsel,
):
    from modules.eoffice import selectors

    in_region(tangsel)
    old = incoming(
        tangsel,
        subject="Undangan lama",
        letter_date=timezone.localdate() - timedelta(days=365 * 3),
        classification=classification("000.5"),
    )
    permanent = incoming(
        tangsel,
        subject="Keputusan lama",
        letter_date=timezone.localdate() - timedelta(days=365 * 30),
        classification=classification("100"),
    )
    recent = incoming(tangsel, subject="Undangan baru", classification=classification("000.5"))

    due = list(selectors.due_for_destruction(head(tangsel)))

    assert old in due
    assert permanent not in due and recent not in due
