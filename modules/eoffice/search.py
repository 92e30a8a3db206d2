"""PostgreSQL full-text search of letters: the vector is written by the services whenever a
letter's text changes (Indonesian stemming; number and sender weigh most).

The number's segments ("500.1", "123", "diskominfo", "2026") are also in the vector as
plain words, so a search by number or by sender is answered from the GIN index first and
then checked exactly, instead of scanning every letter with ILIKE (no pg_trgm here)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import F, Value
from django.db.models.functions import Replace

SEARCH_CONFIG = "indonesian"


def letter_vector():
    def part(field: str, weight: str):
        return SearchVector(field, weight=weight, config=SEARCH_CONFIG)

    segments = SearchVector(
        Replace(F("number"), Value("/"), Value(" ")), weight="A", config="simple"
    )
    return (
        segments
        + part("number", "A")
        + part("subject", "A")
        + part("sender", "B")
        + part("addressee", "B")
        + part("body", "C")
    )


def refresh_search_vector(letter) -> None:
    type(letter).objects.filter(pk=letter.pk).update(search_vector=letter_vector())


def number_query(number: str) -> SearchQuery | None:
    """The whole segments of a (partial) letter number as a plain-word query."""
    words = number.replace("/", " ").split()
    return SearchQuery(" ".join(words), config="simple") if words else None


def words_query(text: str) -> SearchQuery | None:
    return SearchQuery(text, config=SEARCH_CONFIG) if text.split() else None
