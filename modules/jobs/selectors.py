"""Reads of Siap Kerja. Everything is for the current region's schema; "today" is the
region's own date (WIB, WITA or WIT), so a vacancy closes at midnight where it is posted.

Who may see what is decided here, in the querysets the views start from:
- the public sees published vacancies of verified companies;
- a company's members see their company's vacancies and the applications to them (and
  through those, the applicant's profile, contact and CV);
- a seeker sees their own applications.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from modules import services as module_services
from modules.jobs.models import (
    EDUCATION_RANK,
    SEARCH_CONFIG,
    Application,
    Company,
    CompanyMember,
    Education,
    JobCard,
    JobFair,
    SeekerProfile,
    Vacancy,
)
from organisation import api as organisation

MODULE_KEY = "jobs"


# --- the region's day ---------------------------------------------------------------------
def region_zone() -> zoneinfo.ZoneInfo:
    """The current region's time zone, on a request (connection.tenant is the Region) and in
    a task or schema_context (only the schema's name is known, so the Region is looked up)."""
    name = getattr(connection.tenant, "timezone", None)
    if not name and connection.schema_name != "public":
        from tenants.models import Region

        name = (
            Region.objects.filter(schema_name=connection.schema_name)
            .values_list("timezone", flat=True)
            .first()
        )
    return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)


def region_today(now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(region_zone()).date()


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=region_zone())


def module_settings() -> dict:
    return module_services.module_settings(MODULE_KEY)


# --- what the public sees -------------------------------------------------------------------
def listed_vacancies() -> QuerySet[Vacancy]:
    """Vacancies anyone may read: published (open or closed) or filled, of a verified company."""
    return Vacancy.objects.filter(
        status__in=(Vacancy.Status.PUBLISHED, Vacancy.Status.FILLED),
        company__status=Company.Status.VERIFIED,
    ).select_related("company", "area")


def open_vacancies(today: date | None = None) -> QuerySet[Vacancy]:
    """Vacancies that take applications today."""
    return listed_vacancies().filter(
        status=Vacancy.Status.PUBLISHED, closes_on__gte=today or region_today()
    )


def is_open(vacancy: Vacancy, today: date | None = None) -> bool:
    return (
        vacancy.status == Vacancy.Status.PUBLISHED
        and vacancy.company.is_verified
        and vacancy.closes_on >= (today or region_today())
    )


@dataclass(frozen=True)
class Filters:
    """A resident's search; every field optional."""

    q: str = ""
    sector: str = ""
    education: str = ""  # the seeker's level: vacancies asking for it or less
    job_type: str = ""
    salary: int | None = None  # at least this much a month (ranges reaching it)
    area: int | None = None
    disability_friendly: bool = False


def search(filters: Filters, today: date | None = None) -> QuerySet[Vacancy]:
    """Open vacancies matching the filters; by relevance when there are words, else newest."""
    found = open_vacancies(today)
    if filters.sector:
        found = found.filter(company__sector=filters.sector)
    if filters.education in EDUCATION_RANK:
        rank = EDUCATION_RANK[filters.education]
        found = found.filter(education__in=[v for v, r in EDUCATION_RANK.items() if r <= rank])
    if filters.job_type:
        found = found.filter(job_type=filters.job_type)
    if filters.salary:
        found = found.filter(
            Q(salary_max__gte=filters.salary)
            | Q(salary_max__isnull=True, salary_min__gte=filters.salary)
        )
    if filters.area:
        found = found.filter(area_id=filters.area)
    if filters.disability_friendly:
        found = found.filter(disability_friendly=True)
    words = filters.q.strip()
    if not words:
        return found.order_by("-published_at", "-pk")
    query = SearchQuery(words, config=SEARCH_CONFIG, search_type="websearch")
    # Companies named like the words, as ids: an OR over a joined column would keep
    # PostgreSQL from the search vector's index (bench/jobs_search.py measured it).
    named = list(Company.objects.filter(name__icontains=words).values_list("pk", flat=True)[:500])
    return (
        found.filter(Q(search_vector=query) | Q(company_id__in=named))
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-published_at", "-pk")
    )


def kecamatan() -> QuerySet:
    return organisation.Area.objects.filter(kind=organisation.Area.Kind.KECAMATAN).order_by("name")


def upcoming_fairs(today: date | None = None) -> QuerySet[JobFair]:
    return JobFair.objects.filter(
        published=True, ends_on__gte=today or region_today()
    ).select_related("area")


# --- employers ----------------------------------------------------------------------------------
def companies_of(user) -> QuerySet[Company]:
    return Company.objects.filter(members__user=user).order_by("name")


def member_company(user, pk: int) -> QuerySet[Company]:
    """The company `pk` if `user` is one of its members (empty otherwise)."""
    return Company.objects.filter(pk=pk, members__user=user)


def member_vacancies(user) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(company__members__user=user).select_related("company", "area")


def member_applications(user) -> QuerySet[Application]:
    """Applications to the vacancies of `user`'s companies: all an employer may ever read."""
    return Application.objects.filter(vacancy__company__members__user=user).select_related(
        "vacancy", "vacancy__company", "seeker"
    )


def is_member(user, company: Company) -> bool:
    return (
        user.is_authenticated and CompanyMember.objects.filter(company=company, user=user).exists()
    )


def members_of(company: Company) -> QuerySet[CompanyMember]:
    return company.members.select_related("user").order_by("joined_at")


def applicant_counts(vacancy: Vacancy) -> dict[str, int]:
    counts = dict.fromkeys(Application.Stage.values, 0)
    for stage, n in vacancy.applications.values_list("stage").annotate(n=Count("pk")).order_by():
        counts[stage] = n
    return counts


# --- seekers ------------------------------------------------------------------------------------
def profile_of(user) -> SeekerProfile | None:
    if not user.is_authenticated:
        return None
    return SeekerProfile.objects.filter(user=user).select_related("area").first()


def has_cv(profile: SeekerProfile | None) -> bool:
    return profile is not None and hasattr(profile, "cv")


def applications_of(user) -> QuerySet[Application]:
    return Application.objects.filter(seeker=user).select_related("vacancy", "vacancy__company")


def application_of(user, vacancy: Vacancy) -> Application | None:
    if not user.is_authenticated:
        return None
    return Application.objects.filter(seeker=user, vacancy=vacancy).first()


# --- Disnaker -------------------------------------------------------------------------------------
def verifiers(permission: str = "jobs.verify_companies"):
    """Who is told of work waiting for Disnaker: the staff of the Disnaker unit (the module's
    setting names it in the organisation directory) who hold `permission`; when the unit has
    none, every active staff member given the permission through a role."""
    unit = organisation.unit_by_code(module_settings()["disnaker_unit_code"])
    if unit is not None:
        staff = [u for u in organisation.staff_of_unit(unit) if u.has_perm(permission)]
        if staff:
            return staff
    app_label, codename = permission.split(".")
    granted = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return list(get_user_model().objects.filter(granted, is_active=True, is_staff=True).distinct())


def companies_waiting() -> QuerySet[Company]:
    return Company.objects.filter(status=Company.Status.PENDING).order_by("submitted_at")


def vacancies_waiting() -> QuerySet[Vacancy]:
    return (
        Vacancy.objects.filter(status=Vacancy.Status.PENDING)
        .select_related("company")
        .order_by("submitted_at")
    )


# --- meters and statistics (called with no arguments in the region's schema) ----------------
def _month_start() -> datetime:
    return start_of_day(region_today().replace(day=1))


def vacancies_published_this_month() -> int:
    return Vacancy.objects.filter(published_at__gte=_month_start()).count()


def applications_this_month() -> int:
    return Application.objects.filter(created_at__gte=_month_start()).count()


def open_vacancy_count() -> int:
    return open_vacancies().count()


def verified_company_count() -> int:
    return Company.objects.filter(status=Company.Status.VERIFIED).count()


def placements_last_30_days() -> int:
    since = start_of_day(region_today() - timedelta(days=29))
    return Application.objects.filter(hired_at__gte=since).count()


def valid_job_card_count() -> int:
    return JobCard.objects.filter(
        status=JobCard.Status.ISSUED, valid_until__gte=region_today()
    ).count()


def education_label(value: str) -> str:
    return str(Education(value).label) if value in Education.values else value
