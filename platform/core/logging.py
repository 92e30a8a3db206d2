"""JSON log lines that say which region they are about."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "region"}


def current_schema() -> str:
    try:
        from django.db import connection

        return getattr(connection, "schema_name", "public")
    except Exception:  # noqa: BLE001 - logging must never fail because settings are not ready
        return "-"


class RegionFilter(logging.Filter):
    """Stamp every record with the schema of the region being served."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "region"):
            record.region = current_schema()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "region": getattr(record, "region", current_schema()),
            "message": record.getMessage(),
        }
        entry.update(
            {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}
        )
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
