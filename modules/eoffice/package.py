"""Hand-over packages (for SRIKANDI or another agency): a zip with the letter's PDF
(`naskah.pdf`) and its metadata (`metadata.json`), and reading such a package back as an
incoming letter."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from modules.eoffice.models import Document, Letter

FORMAT = "sinergi-eoffice-paket/1"
MAX_PACKAGE_BYTES = 60 * 1024 * 1024


def main_document(letter: Letter) -> Document | None:
    signed = letter.documents.filter(kind=Document.Kind.SIGNED).last()
    return signed or letter.documents.filter(kind=Document.Kind.SCAN).last()


def metadata(letter: Letter, document: Document | None, origin: str) -> dict:
    return {
        "format": FORMAT,
        "asal": origin,
        "jenis": letter.kind,
        "nomor": letter.number,
        "tanggal": letter.letter_date.isoformat() if letter.letter_date else None,
        "pengirim": letter.sender or origin,
        "kepada": letter.addressee,
        "perihal": letter.subject,
        "klasifikasi": letter.classification.code,
        "sifat": letter.urgency,
        "keamanan": letter.confidentiality,
        "ditandatangani": letter.signed_at.isoformat() if letter.signed_at else None,
        "jabatan_penandatangan": letter.signer_capacity,
        "berkas": {"nama": "naskah.pdf", "sha256": document.sha256 if document else None},
    }


def build(letter: Letter, origin: str) -> bytes:
    document = main_document(letter)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        meta = metadata(letter, document, origin)
        archive.writestr("metadata.json", json.dumps(meta, ensure_ascii=False, indent=2))
        if document is not None:
            archive.writestr("naskah.pdf", bytes(document.content))
    return buffer.getvalue()


def read(content: bytes) -> tuple[dict, bytes]:
    """The metadata and the PDF of a package; ValidationError with a clear message."""
    import hashlib

    if len(content) > MAX_PACKAGE_BYTES:
        raise ValidationError({"package": _("Paket terlalu besar.")})
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if not {"metadata.json", "naskah.pdf"} <= names:
                raise ValidationError(
                    {"package": _("Paket harus berisi metadata.json dan naskah.pdf.")}
                )
            meta = json.loads(archive.read("metadata.json").decode("utf-8"))
            pdf = archive.read("naskah.pdf")
    except (zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError({"package": _("Berkas bukan paket naskah yang valid.")}) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ValidationError({"package": _("Format paket tidak dikenal.")})
    expected = (meta.get("berkas") or {}).get("sha256")
    if expected and hashlib.sha256(pdf).hexdigest() != expected:
        raise ValidationError({"package": _("Isi naskah.pdf tidak cocok dengan metadata.")})
    return meta, pdf


def parse_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
