"""The DATABASE_URL of the database Django is connected to, for processes started from here."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings


def current_database_url(name: str | None = None) -> str:
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(db.get("HOST") or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{name or db['NAME']}"
