"""The AK/1 card as a printable PDF (A6 landscape): the holder's data, the card's validity
and six-monthly reporting dates, and the QR code of its check page."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from modules.jobs.models import JobCard
from modules.jobs.selectors import region_zone

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _day(day) -> str:
    """A date, or a moment as the region's date."""
    if day is None:
        return "—"
    if hasattr(day, "tzinfo"):
        day = timezone.localtime(day, region_zone()).date()
    return formats.date_format(day, "j F Y")


def _pdf() -> tuple[FPDF, str]:
    """A page and the family to write in: DejaVu (any name's letters) when the system has
    it, else the core Helvetica (Latin-1 only)."""
    pdf = FPDF(orientation="L", unit="mm", format=(105, 148))  # A6
    pdf.set_auto_page_break(False)
    pdf.set_margins(7, 7, 7)
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return pdf, "DejaVu"
    return pdf, "Helvetica"


def _latin(text: str, family: str) -> str:
    if family != "Helvetica":
        return text
    return text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")


def render(card: JobCard, *, region_name: str, check_url: str, report_dates) -> bytes:
    pdf, family = _pdf()
    pdf.set_title(_latin(_("Kartu AK/1 %(number)s") % {"number": card.number}, family))
    pdf.add_page()
    pdf.set_draw_color(40, 40, 40)
    pdf.rect(4, 4, 140, 97)

    pdf.set_font(family, "B", 9.5)
    title = _("KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA (AK/1)")
    pdf.multi_cell(98, 4.6, _latin(title, family), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 8)
    issuer = _("Dinas Tenaga Kerja %(region)s") % {"region": region_name}
    pdf.multi_cell(98, 4.2, _latin(issuer, family), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)

    rows = [
        (_("Nomor"), card.number or ""),
        (_("Nama"), card.full_name),
        ("NIK", card.nik),
        (_("Tanggal lahir"), _day(card.birth_date)),
        (_("Alamat"), card.address),
        (_("Pendidikan"), card.get_education_display()),
        (_("Berlaku"), f"{_day(card.issued_at)} – {_day(card.valid_until)}"),
    ]
    for label, value in rows:
        pdf.set_font(family, "B", 7.5)
        pdf.cell(22, 4.4, _latin(label, family))
        pdf.set_font(family, "", 7.5)
        pdf.multi_cell(
            76, 4.4, _latin(str(value), family), align="L", new_x="LMARGIN", new_y="NEXT"
        )

    pdf.ln(1.5)
    pdf.set_font(family, "B", 7.5)
    pdf.cell(0, 4.4, _latin(_("Wajib lapor setiap 6 bulan"), family), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 7.5)
    dates = "   ".join(f"{i}. {_day(d)}" for i, d in enumerate(report_dates, start=1))
    pdf.multi_cell(130, 4.4, _latin(dates or "—", family), align="L", new_x="LMARGIN", new_y="NEXT")
    if card.placed_at:
        placed = _("Ditempatkan di %(company)s pada %(day)s.") % {
            "company": card.placed_with,
            "day": _day(card.placed_at),
        }
        pdf.multi_cell(130, 4.4, _latin(placed, family), align="L", new_x="LMARGIN", new_y="NEXT")

    qr = io.BytesIO()
    segno.make(check_url, error="m").save(qr, kind="png", scale=6, border=1)
    qr.seek(0)
    pdf.image(qr, x=110, y=8, w=30, h=30)
    pdf.set_xy(108, 39)
    pdf.set_font(family, "", 5.5)
    pdf.multi_cell(34, 2.6, _latin(_("Pindai untuk memeriksa keaslian kartu."), family), align="C")
    pdf.set_xy(7, 92)
    pdf.set_font(family, "", 5.5)
    pdf.multi_cell(130, 2.6, _latin(check_url, family), align="L")
    return bytes(pdf.output())
