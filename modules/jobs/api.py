"""What other code may call of Siap Kerja (never its models directly)."""

from modules.jobs.cards import valid_card
from modules.jobs.selectors import (
    Filters,
    applications_of,
    is_open,
    open_vacancies,
    open_vacancy_count,
    placements_last_30_days,
    search,
)
from modules.jobs.statistics import Report, report

__all__ = [
    "Filters",
    "Report",
    "applications_of",
    "is_open",
    "open_vacancies",
    "open_vacancy_count",
    "placements_last_30_days",
    "report",
    "search",
    "valid_card",
]
