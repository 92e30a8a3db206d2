"""Siap Kerja at a big city's scale: vacancy search with 50,000 vacancies and 500,000
applications in one region (Tangsel), and the pages that read the applications.

The rows are made by SQL inside the region's schema (INSERT ... SELECT generate_series:
the vacancies' search vector is a generated column, so PostgreSQL fills it as it would for
the services). Each query is timed as the resident's page runs it: the count for the
pager and the first page of 20. Run alone with `python -m bench.jobs_search`."""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import timedelta

from bench.report import ROOT, Figure

VACANCIES = 50_000
APPLICATIONS = 500_000
COMPANIES = 1_000
SEEKERS = 5_000  # 100 applications each, to distinct vacancies
RUNS = 30
PAGE = 20

TITLES = [
    "Kasir Toko", "Staf Gudang", "Operator Produksi", "Staf Administrasi", "Sopir Pengiriman",
    "Teknisi Listrik", "Perawat", "Guru Bahasa Inggris", "Juru Masak", "Pelayan Restoran",
    "Staf Penjualan Lapangan", "Customer Service", "Akuntan", "Programmer Web", "Satpam",
    "Petugas Kebersihan", "Montir Sepeda Motor", "Penjahit", "Desainer Grafis", "Apoteker",
    "Kurir", "Staf Pemasaran Digital", "Admin Media Sosial", "Operator Forklift",
    "Barista", "Resepsionis Hotel", "Teknisi AC", "Tukang Las", "Staf HRD", "Analis Data",
]  # fmt: skip
PHRASES = [
    "melayani pelanggan dengan ramah", "mencatat stok barang masuk dan keluar",
    "menjual produk ke toko-toko", "merawat mesin produksi", "membuat laporan harian",
    "mengantar barang ke pelanggan", "menyiapkan makanan", "mengelola media sosial",
    "memperbaiki instalasi listrik", "menjaga keamanan gedung",
]  # fmt: skip
SECTORS = ["perdagangan", "industri", "akomodasi", "transportasi", "informasi", "kesehatan"]
EDUCATION = ["none", "sd", "smp", "sma", "diploma", "sarjana"]
JOB_TYPES = ["full_time", "part_time", "contract", "internship", "apprenticeship"]


def _sql_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def load(today) -> None:
    """Companies, seekers, vacancies and applications of Tangsel (current schema)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT id FROM organisation_area WHERE kind = 'kecamatan' ORDER BY id")
        areas = [row[0] for row in cur.fetchall()] or [None]
        area_array = "ARRAY[" + ", ".join("NULL" if a is None else str(a) for a in areas)
        area_array += "]::bigint[]"
        cur.execute(
            f"""
            INSERT INTO jobs_company (name, nib, sector, address, description, website,
                contact_name, contact_phone, contact_email, status, review_note,
                submitted_at, reviewed_at, created_at)
            SELECT 'PT Bench ' || i, lpad((9000000000000 + i)::text, 13, '0'),
                ({_sql_array(SECTORS)})[1 + i % {len(SECTORS)}], 'Jl. Bench ' || i, '', '',
                'HRD', '0210000000', 'hrd' || i || '@bench.test',
                CASE WHEN i % 50 = 0 THEN 'suspended' ELSE 'verified' END, '',
                now(), now(), now()
            FROM generate_series(1, {COMPANIES}) AS i
            """
        )
        cur.execute(
            f"""
            INSERT INTO accounts_user (password, is_superuser, first_name, last_name,
                email, is_staff, is_active, date_joined)
            SELECT '!', false, 'Pencari', 'Bench ' || i,
                'pencari' || i || '@bench.test', false, true, now()
            FROM generate_series(1, {SEEKERS}) AS i
            """
        )
        # Vacancies: 70% published and open, the rest closed, filled, pending or drafts,
        # published over the last year (newest first is the list's default order).
        cur.execute(
            f"""
            WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM jobs_company
                       WHERE nib LIKE '9%')
            INSERT INTO jobs_vacancy (company_id, title, description, requirements, education,
                experience_years, job_type, openings, area_id, location, salary_min,
                salary_max, salary_negotiable, disability_friendly, closes_on, status,
                review_note, submitted_at, published_at, created_at, updated_at)
            SELECT c.ids[1 + i % {COMPANIES}],
                ({_sql_array(TITLES)})[1 + i % {len(TITLES)}],
                'Tugas: ' || ({_sql_array(PHRASES)})[1 + i % {len(PHRASES)}] || ' dan '
                    || ({_sql_array(PHRASES)})[1 + (i / 7) % {len(PHRASES)}] || '.',
                'Pendidikan minimal sesuai; ' || ({_sql_array(PHRASES)})[1 + (i / 3) % 10],
                ({_sql_array(EDUCATION)})[1 + i % {len(EDUCATION)}],
                i % 4,
                ({_sql_array(JOB_TYPES)})[1 + (i / 2) % {len(JOB_TYPES)}],
                1 + i % 5,
                ({area_array})[1 + i % {len(areas)}],
                '',
                CASE WHEN i % 6 = 0 THEN NULL ELSE 3000000 + (i % 40) * 100000 END,
                CASE WHEN i % 6 = 0 THEN NULL ELSE 4000000 + (i % 40) * 150000 END,
                i % 6 = 0,
                i % 9 = 0,
                CASE WHEN i % 10 < 7 THEN '{today}'::date + (i % 60)
                     ELSE '{today}'::date - (i % 90) END,
                CASE WHEN i % 10 < 8 THEN 'published' WHEN i % 10 = 8 THEN 'filled'
                     WHEN i % 20 = 9 THEN 'pending' ELSE 'draft' END,
                '', now(),
                CASE WHEN i % 10 < 9 THEN now() - (i % 365) * interval '1 day'
                     - (i % 1440) * interval '1 minute' END,
                now(), now()
            FROM c, generate_series(1, {VACANCIES}) AS i
            """
        )
        cur.execute(
            f"""
            WITH v AS (SELECT array_agg(id ORDER BY id) AS ids FROM jobs_vacancy),
                 s AS (SELECT array_agg(id ORDER BY id) AS ids FROM accounts_user
                       WHERE email LIKE '%@bench.test')
            INSERT INTO jobs_application (vacancy_id, seeker_id, cover_note, education, stage,
                created_at, stage_changed_at, hired_at)
            SELECT v.ids[1 + ((i % {SEEKERS}) * 7 + (i / {SEEKERS}) * 503) % {VACANCIES}],
                s.ids[1 + i % {SEEKERS}], 'Saya berminat.',
                ({_sql_array(EDUCATION[1:])})[1 + i % 5],
                CASE WHEN i % 50 = 0 THEN 'hired' WHEN i % 7 = 0 THEN 'not_selected'
                     WHEN i % 5 = 0 THEN 'shortlisted' ELSE 'received' END,
                now() - (i % 365) * interval '1 day', now(),
                CASE WHEN i % 50 = 0 THEN now() - (i % 365) * interval '1 day' END
            FROM v, s, generate_series(0, {APPLICATIONS - 1}) AS i
            """
        )
        # As autovacuum leaves a settled table: statistics and the visibility map.
        for table in ("jobs_company", "jobs_vacancy", "jobs_application", "accounts_user"):
            cur.execute(f"VACUUM ANALYZE {table}")


def _timed(action) -> list[float]:
    action()  # warm
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20)[-1]


def searches(today) -> dict[str, object]:
    """The typical searches of the resident's page, each as the pager runs it."""
    from modules.jobs.selectors import Filters

    return {
        "newest (no filter)": Filters(),
        "keyword 'kasir'": Filters(q="kasir"),
        "keyword 'menjual' (stemmed, many matches)": Filters(q="menjual"),
        "sector + job type": Filters(sector="perdagangan", job_type="full_time"),
        "education SMA + salary >= Rp 5 jt": Filters(education="sma", salary=5_000_000),
        "keyword + sector + disability-friendly": Filters(
            q="gudang", sector="industri", disability_friendly=True
        ),
    }


def measure_in_region(today) -> tuple[list[Figure], list[str]]:
    from django.core.paginator import Paginator
    from django.db.models import Count

    from modules.jobs import selectors
    from modules.jobs import statistics as figures
    from modules.jobs.models import Application, Vacancy

    some = Vacancy.objects.filter(status="published").order_by("pk").first()
    by_pk = _timed(lambda: selectors.listed_vacancies().get(pk=some.pk))
    baseline = statistics.median(by_pk)
    lines = [f"vacancy by id (baseline): median {baseline:.2f} ms"]
    out: list[Figure] = []
    for label, filters in searches(today).items():

        def run(filters=filters):
            page = Paginator(selectors.search(filters, today), PAGE).get_page(1)
            return page.paginator.count, list(page.object_list)

        count, _rows = run()
        timings = _timed(run)
        median, p95 = statistics.median(timings), _p95(timings)
        lines.append(f"{label}: {count} found, median {median:.1f} ms, p95 {p95:.1f} ms")
        out.append(
            Figure(
                name=f"jobs search p95: {label}",
                value=p95,
                unit="ms, count + first page of 20",
                baseline_name="one vacancy by id (median)",
                baseline=baseline,
                target="p95 < 150 ms",
            )
        )

    busiest = (
        Application.objects.values("vacancy").annotate(n=Count("pk")).order_by("-n")
    ).first()["vacancy"]
    vacancy = Vacancy.objects.get(pk=busiest)
    applicants = _timed(
        lambda: list(vacancy.applications.select_related("seeker").order_by("created_at"))
    )
    seeker = Application.objects.order_by("pk").first().seeker
    mine = _timed(lambda: list(selectors.applications_of(seeker)))
    year = _timed(lambda: figures.report(today.replace(month=1, day=1), today))
    for label, timings in (
        ("employer: applicants of one vacancy", applicants),
        ("seeker: own applications", mine),
        ("Disnaker: statistics of the year", year),
    ):
        median, p95 = statistics.median(timings), _p95(timings)
        lines.append(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms")
        out.append(
            Figure(
                name=f"jobs p95: {label}",
                value=p95,
                unit="ms",
                baseline_name="one vacancy by id (median)",
                baseline=baseline,
            )
        )
    return out, lines


def measure(_database_name: str = "") -> list[Figure]:
    from django.db import connection

    from modules.jobs.selectors import region_today
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    connection.set_tenant(region)
    try:
        today = region_today()
        started = time.perf_counter()
        load(today)
        print(
            f"jobs: {VACANCIES} vacancies, {APPLICATIONS} applications loaded in "
            f"{time.perf_counter() - started:.1f} s"
        )
        found, lines = measure_in_region(today - timedelta(days=0))
        for line in lines:
            print("jobs: " + line)
        return found
    finally:
        connection.set_schema_to_public()


def main() -> None:
    sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from bench.report import publish
    from tests.harness.database import drop_worker_database, prepare_worker_database

    name = prepare_worker_database("bench_jobs")
    try:
        figures = measure(name)
    finally:
        drop_worker_database(name)
    publish(figures)


if __name__ == "__main__":
    main()
