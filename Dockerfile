# syntax=docker/dockerfile:1
# Sinergi's image: one image for web (gunicorn), worker (qcluster) and the migration Job.
# Build: docker build -t sinergi:$(git rev-parse --short HEAD) .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
# Region exports and restores run pg_dump/psql inside this image: they must be at least the
# server's major version (Debian's own client is 15), so they come from PostgreSQL's apt repo.
ARG PG_MAJOR=18

# --- builder: the pinned dependency tree in a venv, then translations and static files -----
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY requirements.lock .
RUN pip install --no-compile -r requirements.lock
COPY . .
# The same script CI runs; it needs no database.
RUN PYTHON=/opt/venv/bin/python scripts/build-assets /app/staticfiles
# Byte-code now: the running container cannot write it (read-only root file system).
RUN python -m compileall -q platform tenants modules themes

# --- runtime: slim, non-root, nothing written outside /tmp ----------------------------------
FROM ${PYTHON_IMAGE} AS runtime
ARG PG_MAJOR
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && install -d /usr/share/postgresql-common/pgdg \
    && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
       https://www.postgresql.org/media/keys/ACCC4CF8.asc \
    && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
       > /etc/apt/sources.list.d/pgdg.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-${PG_MAJOR} \
    && apt-get purge -y curl && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
ENV PATH=/opt/venv/bin:$PATH \
    PG_BIN_DIR=/usr/lib/postgresql/${PG_MAJOR}/bin \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=config.settings.prod \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/tmp/media \
    MAILBOX_DIR=/tmp/mailbox \
    PORT=8000
# libpq for psycopg2's binary wheel is bundled; only the user is added.
RUN groupadd --system --gid 10001 sinergi \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin sinergi
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder --chown=root:root /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 8000
# Worker tmp in /tmp (an emptyDir when the root file system is read-only).
CMD ["sh", "-c", "exec gunicorn config.wsgi --pythonpath platform,. --bind 0.0.0.0:${PORT} --workers ${GUNICORN_WORKERS:-3} --worker-tmp-dir /tmp --access-logfile - --timeout ${GUNICORN_TIMEOUT:-60} --graceful-timeout 25"]
