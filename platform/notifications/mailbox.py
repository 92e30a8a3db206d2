"""A mailbox on disk for development and tests.

`MailboxBackend` writes each message as an .eml file under MAILBOX_DIR/<database name>/, so
every process on the same database (the web server, the worker, the test) shares one
mailbox, and /dev/mail/ can show it. A message is stored under its Message-ID: sending the
same message again replaces the file instead of adding a second one.

The folder remembers which database it belongs to (the database's oid): when a database of
the same name is made anew (each test run, a reset development database), the old mail is
cleared, so a test never reads a message from an earlier run.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import fcntl
import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connections

REGION_HEADER = "X-Sinergi-Region"
_MARKER = ".database"


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = mailbox_dir()
        with _locked(folder):
            for message in email_messages:
                _write(folder, message.message().as_bytes())
        return len(email_messages)


@dataclass(frozen=True)
class StoredMail:
    id: str
    subject: str
    from_email: str
    to: list[str]
    region: str
    sent_at: datetime | None
    body: str
    html_body: str
    message_id: str


def mailbox_dir() -> Path:
    """This database's mailbox, emptied first if it was left by an earlier database."""
    name = settings.DATABASES["default"]["NAME"]
    folder = Path(settings.MAILBOX_DIR) / name
    folder.mkdir(parents=True, exist_ok=True)
    identity = _database_identity()
    marker = folder / _MARKER
    if _read(marker) != identity:
        with _locked(folder):
            if _read(marker) != identity:
                for old in folder.glob("*.eml"):
                    old.unlink(missing_ok=True)
                marker.write_text(identity)
    return folder


def stored_mail() -> list[StoredMail]:
    """Every message in the mailbox, newest first."""
    files = sorted(mailbox_dir().glob("*.eml"), key=lambda f: f.name, reverse=True)
    return [_parse(file) for file in files]


def stored_mail_item(mail_id: str) -> StoredMail | None:
    if not mail_id.replace("-", "").isalnum():
        return None
    file = mailbox_dir() / f"{mail_id}.eml"
    return _parse(file) if file.is_file() else None


def _write(folder: Path, raw: bytes) -> None:
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    identity = parsed.get("Message-ID") or hashlib.sha256(raw).hexdigest()
    digest = hashlib.sha256(str(identity).encode()).hexdigest()[:16]
    existing = next(folder.glob(f"*-{digest}.eml"), None)
    # The name sorts by the time of first sending; a repeat keeps its place.
    name = existing.name if existing else f"{time.time_ns():020d}-{digest}.eml"
    temporary = folder / f".{name}.tmp"
    temporary.write_bytes(raw)
    temporary.replace(folder / name)


def _parse(file: Path) -> StoredMail:
    return parse_mail(file.stem, file.read_bytes())


def parse_mail(mail_id: str, raw: bytes) -> StoredMail:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    date = message.get("Date")
    return StoredMail(
        id=mail_id,
        subject=str(message.get("Subject", "")),
        from_email=str(message.get("From", "")),
        to=[address for _name, address in getaddresses(message.get_all("To", []))],
        region=str(message.get(REGION_HEADER, "")),
        sent_at=parsedate_to_datetime(str(date)) if date else None,
        body=plain.get_content() if plain is not None else "",
        html_body=html.get_content() if html is not None else "",
        message_id=str(message.get("Message-ID", "")),
    )


def _database_identity() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT oid FROM pg_database WHERE datname = current_database()")
        return str(cursor.fetchone()[0])


def _read(file: Path) -> str | None:
    try:
        return file.read_text()
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def _locked(folder: Path):
    """One writer at a time per mailbox, across processes."""
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clear_mailbox() -> None:
    """Empty this database's mailbox (tests that count messages start from nothing)."""
    folder = mailbox_dir()
    with _locked(folder):
        for old in folder.glob("*.eml"):
            old.unlink(missing_ok=True)
