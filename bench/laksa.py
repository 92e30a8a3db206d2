"""LAKSA under load, behind the same gunicorn (2 sync workers) as the throughput figure:
report submissions per second (the resident's form with a photo, each from its own address),
and the response times of the public list, a deep page of it, the map and the "is this the
same problem?" lookup with 100,000 reports in the region, beside the same pages with the
demo data only."""

from __future__ import annotations

import http.client
import io
import os
import re
import statistics
import subprocess
import threading
import time
import uuid

from django.db import connection
from PIL import Image

from bench.report import Figure
from bench.throughput import _gunicorn
from tests.harness.processes import free_port, wait_for_http

HOST = "tangsel.localhost"
REPORTS = 100_000
CLIENT_THREADS = 4
SECONDS = 6.0
RUNS = 15
PAGES = {
    "public list": "/laksa/",
    "public list, page 2000": "/laksa/?halaman=2000",
    "public map": "/laksa/peta/",
}


def _photo() -> bytes:
    """A phone-sized photo (noise, so it does not compress to nothing)."""
    image = Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": HOST, **(headers or {})})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def _multipart(fields: dict, photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    head = "".join(parts).encode()
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; '
        f'filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    ).encode()
    return head + photo + f"\r\n--{boundary}--\r\n".encode(), boundary


def _submissions_per_second(port: int, category_id: int) -> tuple[float, int]:
    """(reports filed per second, refusals): every thread fetches the form once for its CSRF
    cookie and token, then posts reports with a photo as fast as the server answers."""
    photo = _photo()
    stop = time.monotonic() + SECONDS
    filed, refused = [0] * CLIENT_THREADS, [0] * CLIENT_THREADS

    def loop(index: int) -> None:
        form = _get(port, "/laksa/lapor/")
        cookie = re.search(r"csrftoken=([^;]+)", form.getheader("Set-Cookie", "")).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
        n = 0
        while time.monotonic() < stop:
            n += 1
            body, boundary = _multipart(
                {
                    "csrfmiddlewaretoken": token.decode(),
                    "kind": "pengaduan",
                    "category": category_id,
                    "title": f"Lampu mati {index}-{n}",
                    "description": "Uji beban pengiriman laporan.",
                    "address": "Jl. Uji Beban",
                    "latitude": "-6.290000",
                    "longitude": "106.710000",
                    "privacy": "publik",
                    "reporter_name": "Warga Uji",
                    "reporter_email": "warga.uji@example.test",
                },
                photo,
            )
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request(
                "POST",
                "/laksa/lapor/",
                body=body,
                headers={
                    "Host": HOST,
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Cookie": f"csrftoken={cookie}",
                    "Referer": f"http://{HOST}/laksa/lapor/",
                    # Each report from its own resident: the per-address limit is not measured.
                    "X-Forwarded-For": f"10.{index}.{n // 250}.{n % 250}",
                },
            )
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 302:
                filed[index] += 1
            else:
                refused[index] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(CLIENT_THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(filed) / (time.monotonic() - started), sum(refused)


def _median_ms(port: int, path: str, *, cached: bool = False) -> float:
    """Median time to the full answer; a fresh query string each time makes every request a
    miss of the anonymous page cache (the page is rendered), unless `cached`."""
    _get(port, path)  # warm
    timings = []
    joiner = "&" if "?" in path else "?"
    for n in range(RUNS):
        url = path if cached else f"{path}{joiner}bench={n}-{uuid.uuid4().hex[:8]}"
        started = time.perf_counter()
        response = _get(port, url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, (path, response.status)
    return statistics.median(timings)


def _similar_path() -> str:
    from modules.laksa.models import Category

    category = Category.objects.get(code="jalan-rusak")
    return f"/laksa/lapor/serupa/?category={category.pk}&latitude=-6.3&longitude=106.7"


def _fill(schema: str, count: int) -> None:
    """`count` verified reports spread over 20 x 20 km and the last year, in one statement."""
    from modules.laksa.models import Category

    categories = list(Category.objects.values_list("id", "unit_id"))
    ids = ",".join(str(c) for c, _u in categories)
    units = ",".join(str(u) if u else "NULL" for _c, u in categories)
    n = len(categories)
    with connection.cursor() as cursor:
        # %% is the SQL modulo (psycopg's placeholders are %s).
        cursor.execute(
            f"""
            INSERT INTO "{schema}".laksa_report (
                tracking_code, kind, category_id, unit_id, title, description, latitude,
                longitude, address, privacy, status, reporter_name, reporter_email,
                submitted_at, verify_due_at, respond_due_at, verified_at, first_response_at,
                answered_at, closed_at, rejected_reason, rating_comment, reopened_count,
                updated_at, hidden_reason)
            SELECT 'BEBAN' || lpad(i::text, 7, '0'), 'pengaduan',
                (ARRAY[{ids}])[1 + i %% {n}], (ARRAY[{units}]::int[])[1 + i %% {n}],
                'Laporan uji beban ' || i, 'Uraian laporan uji beban.',
                round((-6.3 + (random() - 0.5) * 0.18)::numeric, 6),
                round((106.7 + (random() - 0.5) * 0.18)::numeric, 6),
                'Jl. Uji Beban ' || i,
                CASE WHEN i %% 10 = 0 THEN 'rahasia' WHEN i %% 3 = 0 THEN 'anonim'
                    ELSE 'publik' END,
                CASE WHEN i %% 4 = 0 THEN 'selesai' WHEN i %% 4 = 1 THEN 'proses'
                    ELSE 'menunggu' END,
                'Warga ' || i, '',
                now() - (i * 5 || ' minutes')::interval,
                now() - (i * 5 || ' minutes')::interval + interval '3 days',
                now() - (i * 5 || ' minutes')::interval + interval '7 days',
                now() - (i * 5 || ' minutes')::interval + interval '1 day',
                NULL, NULL, NULL, '', '', 0, now(), ''
            FROM generate_series(1, %s) AS i
            """,
            [count],
        )
        cursor.execute(f'ANALYZE "{schema}".laksa_report')


def _remove_bench_photos() -> None:
    """The database copy is dropped afterwards; the photo files are not in it."""
    from modules.laksa.models import ReportPhoto

    for photo in ReportPhoto.objects.filter(report__title__startswith="Lampu mati "):
        photo.image.delete(save=False)


def measure(database_name: str) -> list[Figure]:
    from modules.laksa.models import Category
    from tenants.models import Region

    region = Region.objects.get(slug="tangsel")
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_NAME=database_name,
        REGION_ROUTING_TTL="60",
        USE_X_FORWARDED_FOR="true",
    )
    connection.set_tenant(region)
    category_id = Category.objects.get(code="penerangan-jalan-umum").pk
    similar = _similar_path()
    port = free_port()
    server = _gunicorn("config.wsgi:application", port, env)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz")
        before = {
            name: _median_ms(port, path) for name, path in PAGES.items() if "2000" not in path
        }
        before["similar"] = _median_ms(port, similar)
        per_second, refused = _submissions_per_second(port, category_id)
        form_page = 1000 / _median_ms(port, "/laksa/lapor/")
        _fill(region.schema_name, REPORTS)
        after = {name: _median_ms(port, path) for name, path in PAGES.items()}
        after["similar"] = _median_ms(port, similar)
        cached_list = _median_ms(port, PAGES["public list"], cached=True)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:  # a worker stuck in a request: do not hide the error
            server.kill()
            server.wait()
        _remove_bench_photos()
        connection.set_schema_to_public()
    print(
        f"LAKSA: {per_second:.1f} reports with a photo filed per second ({refused} refused); "
        + "; ".join(f"{name} {ms:.0f} ms" for name, ms in after.items())
        + f" with {REPORTS:,} reports"
    )
    figures = [
        Figure(
            name="LAKSA report submissions (form + photo)",
            value=per_second,
            unit="reports/s, 2 sync workers, 4 clients",
            baseline_name="the empty form, one client",
            baseline=form_page,
        )
    ]
    for name in PAGES:
        figures.append(
            Figure(
                name=f"LAKSA {name}, {REPORTS:,} reports",
                value=after[name],
                unit="ms, median",
                baseline_name="public list with demo data only"
                if name not in before
                else f"{name} with demo data only",
                baseline=before.get(name, before["public list"]),
                target="< 300 ms",
            )
        )
    figures.append(
        Figure(
            name=f"LAKSA public list from the page cache, {REPORTS:,} reports",
            value=cached_list,
            unit="ms, median",
            baseline_name="the same list rendered",
            baseline=after["public list"],
        )
    )
    figures.append(
        Figure(
            name=f"LAKSA nearby duplicates lookup, {REPORTS:,} reports",
            value=after["similar"],
            unit="ms, median",
            baseline_name="same lookup with demo data only",
            baseline=before["similar"],
            target="< 100 ms",
        )
    )
    return figures
