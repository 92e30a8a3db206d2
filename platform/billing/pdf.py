"""An invoice as a PDF (fpdf2): the operator's letterhead, the lines, PPN, the total, and
where to transfer. Made on request from the stored invoice, so it always matches it."""

from __future__ import annotations

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from billing.models import Invoice
from core.money import rupiah


def _text(value) -> str:
    # The built-in Helvetica covers cp1252 (Indonesian needs nothing more).
    return str(value).encode("cp1252", "replace").decode("cp1252")


def invoice_pdf(invoice: Invoice) -> bytes:
    operator = settings.BILLING_OPERATOR
    pdf = FPDF(format="A4")
    pdf.set_title(_text(invoice.number))
    pdf.set_author(_text(operator["name"]))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 7, _text(operator["name"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, _text(operator["address"]), new_x="LMARGIN", new_y="NEXT")
    if operator["npwp"]:
        pdf.cell(0, 5, _text(f"NPWP {operator['npwp']}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(4)

    pdf.set_font("Helvetica", "B", 16)
    title = _("TAGIHAN") if invoice.status != Invoice.Status.VOID else _("TAGIHAN (DIBATALKAN)")
    pdf.cell(0, 9, _text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for label, value in (
        (_("Nomor"), invoice.number),
        (_("Kepada"), invoice.region_name),
        (_("Periode"), date_format(invoice.period, "F Y")),
        (_("Tanggal terbit"), date_format(invoice.issued_on, "j F Y")),
        (_("Jatuh tempo"), date_format(invoice.due_on, "j F Y")),
        (_("Status"), invoice.get_status_display()),
    ):
        pdf.cell(40, 6, _text(label))
        pdf.cell(0, 6, _text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    widths = (95, 20, 35, 40)
    pdf.set_font("Helvetica", "B", 10)
    for width, head in zip(
        widths, (_("Uraian"), _("Jumlah"), _("Harga satuan"), _("Nilai")), strict=True
    ):
        pdf.cell(width, 7, _text(head), border="B", align="L" if width == 95 else "R")
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for line in invoice.lines.all():
        y = pdf.get_y()
        pdf.multi_cell(widths[0], 5, _text(line.description))
        height = pdf.get_y() - y
        pdf.set_xy(pdf.l_margin + widths[0], y)
        pdf.cell(widths[1], height, f"{line.quantity:,}".replace(",", "."), align="R")
        pdf.cell(widths[2], height, _text(rupiah(line.unit_price)), align="R")
        pdf.cell(widths[3], height, _text(rupiah(line.amount)), align="R")
        pdf.set_xy(pdf.l_margin, y + height)
    pdf.ln(2)
    tax_label = _("PPN %(rate)s%%") % {"rate": f"{invoice.tax_percent.normalize():f}"}
    for label, amount, bold in (
        (_("Subtotal"), invoice.subtotal, False),
        (tax_label, invoice.tax, False),
        (_("Total"), invoice.total, True),
        (_("Terbayar"), invoice.paid, False),
        (_("Sisa tagihan"), invoice.outstanding, True),
    ):
        pdf.set_font("Helvetica", "B" if bold else "", 10)
        pdf.cell(sum(widths[:3]), 6, _text(label), align="R")
        pdf.cell(widths[3], 6, _text(rupiah(amount)), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)

    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, _text(_("Pembayaran")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        5,
        _text(
            _(
                "Transfer ke %(bank)s, rekening %(account)s a.n. %(holder)s. Tulis nomor "
                "tagihan %(number)s pada berita transfer, lalu unggah bukti transfer di "
                "halaman Tagihan pada admin daerah Anda."
            )
            % {
                "bank": operator["bank"],
                "account": operator["account_number"],
                "holder": operator["account_name"],
                "number": invoice.number,
            }
        ),
    )
    return bytes(pdf.output())
