"""The region site's search (/cari/): open vacancies whose words match, newest relevant first."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from modules.jobs import selectors
from modules.jobs.formatting import salary_text
from modules.manifest import SearchResult


def search(query: str, limit: int) -> list[SearchResult]:
    if not query.strip():
        return []
    found = selectors.search(selectors.Filters(q=query))[:limit]
    return [
        SearchResult(
            title=_("Lowongan: %(title)s") % {"title": vacancy.title},
            url=reverse("module-jobs:vacancy", args=[vacancy.pk]),
            summary=_("%(company)s · %(salary)s · tutup %(day)s")
            % {
                "company": vacancy.company.name,
                "salary": salary_text(vacancy),
                "day": formats.date_format(vacancy.closes_on, "j F Y"),
            },
        )
        for vacancy in found
    ]
