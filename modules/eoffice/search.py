"""PostgreSQL full-text search of letters: the vector is written by the services whenever a
letter's text changes (Indonesian stemming; number and sender weigh most)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector

SEARCH_CONFIG = "indonesian"


def letter_vector():
    def part(field: str, weight: str):
        return SearchVector(field, weight=weight, config=SEARCH_CONFIG)

    return (
        part("number", "A")
        + part("subject", "A")
        + part("sender", "B")
        + part("addressee", "B")
        + part("body", "C")
    )


def refresh_search_vector(letter) -> None:
    type(letter).objects.filter(pk=letter.pk).update(search_vector=letter_vector())
