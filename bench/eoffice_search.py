"""e-Office archive search over 200,000 letters in one region: the full-text query (GIN
index on the stored vector) against the same words looked up with ILIKE, and a number
lookup, each through the selector the archive page uses (first page of 50 and the count)."""

from __future__ import annotations

from django.db import connection

from bench.report import Figure, median_seconds

LETTERS = 200_000
RUNS = 7
SUBJECTS = (
    "Undangan rapat koordinasi", "Permohonan data", "Laporan pelaksanaan", "Pemberitahuan",
    "Pembangunan jembatan", "Penyampaian hasil evaluasi", "Usulan anggaran", "Peminjaman aula",
    "Pengadaan perangkat jaringan", "Surat edaran libur",
)  # fmt: skip
TOPICS = (
    "kota cerdas", "jalan rusak", "penerangan jalan", "sampah pasar", "banjir", "kepegawaian",
    "satu data", "keamanan siber", "pelayanan publik", "pajak daerah", "posyandu", "UMKM",
)  # fmt: skip
SENDERS = ("Dinas PUPR", "Bappeda", "BKPSDM", "Kementerian Dalam Negeri", "Dinas Kesehatan")


def _fill(count: int) -> None:
    """Letters made in SQL (the services would take minutes): varied subjects, senders, dates
    and codes, then every search vector in one statement."""
    from modules.eoffice.models import Letter
    from modules.eoffice.search import letter_vector

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO eoffice_letter (kind, status, number, letter_date, sender, addressee,
                subject, body, classification_id, urgency, confidentiality, origin_position_id,
                created_at, on_behalf, signer_capacity, signing_token, verify_path,
                imported_from)
            SELECT 'masuk', 'terdaftar', format('%%s/%%s/BENCH/%%s', c.code, i, 2020 + i %% 6),
                DATE '2020-01-01' + (i %% 2190), (%(senders)s)[1 + i %% 5], '',
                (%(subjects)s)[1 + i %% 10] || ' ' || (%(topics)s)[1 + (i / 10) %% 12]
                    || ' ' || i,
                'Dengan hormat, bersama ini kami sampaikan ' || (%(topics)s)[1 + i %% 12]
                    || ' untuk ditindaklanjuti sesuai ketentuan yang berlaku.',
                c.id, 'biasa', CASE WHEN i %% 20 = 0 THEN 'rahasia' ELSE 'biasa' END,
                p.id, now() - (i || ' minutes')::interval, '', '', '', '', ''
            FROM generate_series(1, %(count)s) AS i,
                 LATERAL (SELECT id, code FROM eoffice_classification
                          ORDER BY id OFFSET (i %% 5) LIMIT 1) AS c,
                 (SELECT id FROM organisation_position WHERE code = 'DISKOMINFO.KEPALA') AS p
            """,
            {
                "count": count,
                "subjects": list(SUBJECTS),
                "topics": list(TOPICS),
                "senders": list(SENDERS),
            },
        )
    Letter.objects.filter(search_vector__isnull=True).update(search_vector=letter_vector())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE eoffice_letter")


def _page(letters) -> int:
    return len(list(letters[:50])) + letters.count()


def measure() -> list[Figure]:
    from accounts.models import User
    from modules.eoffice import selectors
    from tenants.models import Region

    connection.set_tenant(Region.objects.get(slug="tangsel"))
    _fill(LETTERS)
    reader = User.objects.get(email="admin@tangsel.test")

    def full_text(i: int) -> int:
        query = selectors.ArchiveQuery(text=f"{TOPICS[i % len(TOPICS)]} jembatan")
        return _page(selectors.search_archive(reader, query))

    def like(i: int) -> int:
        words = f"{TOPICS[i % len(TOPICS)]}"
        letters = selectors.visible_letters(reader).filter(body__icontains=words)
        return _page(letters.filter(subject__icontains="jembatan").order_by("-created_at"))

    def by_number(i: int) -> int:
        query = selectors.ArchiveQuery(number=f"{1000 + i}/BENCH")
        return _page(selectors.search_archive(reader, query))

    fts, _ = median_seconds(full_text, RUNS)
    scan, _ = median_seconds(like, RUNS)
    number, _ = median_seconds(by_number, RUNS)
    connection.set_schema_to_public()
    print(
        f"e-Office search over {LETTERS:,} letters: full text {fts * 1000:.0f} ms, "
        f"ILIKE {scan * 1000:.0f} ms, number {number * 1000:.0f} ms"
    )
    return [
        Figure(
            name=f"e-Office archive full-text search ({LETTERS:,} letters)",
            value=fts * 1000,
            unit="ms per page of 50 with count",
            baseline_name="same words with ILIKE",
            baseline=scan * 1000,
            target="< 300 ms",
        ),
        Figure(
            name=f"e-Office archive search by number ({LETTERS:,} letters)",
            value=number * 1000,
            unit="ms per page of 50 with count",
            baseline_name="full-text search",
            baseline=fts * 1000,
        ),
    ]
