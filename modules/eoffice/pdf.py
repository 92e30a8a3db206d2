"""PDFs: checking an uploaded scan, and drawing an outgoing letter (fpdf2) with the region's
letterhead and a QR code (segno) of its verification address."""

from __future__ import annotations

import io
import logging

import segno
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

log = logging.getLogger(__name__)
MARGIN = 20


def check_pdf(content: bytes, *, max_bytes: int) -> None:
    """Refuse what is not a readable PDF (by its content, not its name) or is too large."""
    if not content:
        raise ValidationError({"scan": _("Berkas pindaian wajib diunggah.")})
    if len(content) > max_bytes:
        raise ValidationError(
            {"scan": _("Berkas terlalu besar (paling besar %(mb)s MB).")
             % {"mb": max_bytes // (1024 * 1024)}}
        )  # fmt: skip
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise ValidationError({"scan": _("Berkas harus berupa PDF.")})
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        reader.root  # noqa: B018 - reading the catalogue parses the cross-reference table
    except Exception as exc:
        raise ValidationError({"scan": _("Berkas PDF rusak atau tidak dapat dibaca.")}) from exc


def _text(value: str) -> str:
    """fpdf's core fonts speak Latin-1; anything else becomes '?' rather than failing."""
    return (
        (value or "")
        .replace("\u2013", "-")
        .replace("\u2014", "-")
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4, border=2)
    return buffer.getvalue()


def render_letter(
    letter,
    *,
    number: str,
    letterhead: dict,
    signer_name: str = "",
    signer_lines: tuple[str, ...] = (),
    verify_url: str = "",
    signed_on=None,
) -> bytes:
    """The letter as a PDF. `letterhead`: {"name", "unit", "logo" (bytes or None)}."""
    pdf = FPDF(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 10)
    pdf.add_page()
    _letterhead(pdf, letterhead)
    kind = _("NOTA DINAS") if letter.kind == "nota" else ""
    if kind:
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, _text(kind), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    day = signed_on or timezone.localdate()
    rows = (
        (_("Nomor"), number or _("(diberikan saat ditandatangani)")),
        (_("Tanggal"), formats.date_format(day, "j F Y")),
        (_("Sifat"), letter.get_urgency_display()),
        (_("Klasifikasi"), letter.get_confidentiality_display()),
        (_("Perihal"), letter.subject),
        (_("Kepada"), letter.addressee or "-"),
    )
    for label, value in rows:
        pdf.cell(30, 6, _text(label))
        pdf.cell(4, 6, ":")
        pdf.multi_cell(0, 6, _text(str(value)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 6, _text(letter.body), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    _signature_block(pdf, signer_name, signer_lines, verify_url)
    return bytes(pdf.output())


def _letterhead(pdf: FPDF, letterhead: dict) -> None:
    top = pdf.get_y()
    logo = letterhead.get("logo")
    if logo:
        try:
            pdf.image(io.BytesIO(logo), x=MARGIN, y=top, h=22)
        except Exception:  # an unreadable logo must not stop a letter
            log.warning("letterhead logo could not be drawn")
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 7, _text(_("PEMERINTAH %(name)s") % {"name": letterhead["name"].upper()}),
             align="C", new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    if letterhead.get("unit"):
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 8, _text(letterhead["unit"].upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    if letterhead.get("address"):
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 5, _text(letterhead["address"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + 24))
    pdf.set_line_width(0.8)
    pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
    pdf.ln(6)


def _signature_block(pdf: FPDF, name: str, lines: tuple[str, ...], verify_url: str) -> None:
    x = pdf.w / 2 + 5
    pdf.set_font("Helvetica", "", 11)
    for line in lines:
        pdf.set_x(x)
        pdf.multi_cell(0, 6, _text(line), new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 2
    if verify_url:
        pdf.image(io.BytesIO(qr_png(verify_url)), x=x, y=top, w=28, h=28)
        pdf.set_xy(x + 31, top + 4)
        pdf.set_font("Helvetica", "", 8)
        pdf.multi_cell(0, 4, _text(_("Ditandatangani secara elektronik. Pindai kode QR untuk "
                                     "memeriksa keaslian naskah.")))  # fmt: skip
    pdf.set_xy(x, top + 31)
    pdf.set_font("Helvetica", "BU", 11)
    pdf.multi_cell(0, 6, _text(name or _("(belum ditandatangani)")), new_x="LMARGIN", new_y="NEXT")
    if verify_url:
        pdf.set_font("Helvetica", "", 7)
        pdf.set_x(x)
        pdf.multi_cell(0, 4, _text(verify_url), new_x="LMARGIN", new_y="NEXT")


def sample_scan(title: str, lines: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF standing in for a scanned letter (demo data and tests)."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for line in lines:
        pdf.multi_cell(0, 6, _text(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
