"""Letters to sign and a signed one, in a demo region."""

from __future__ import annotations

from django.db import connection
from fpdf import FPDF
from signing import api

from accounts.models import User


def letter_pdf(text: str = "Surat Undangan Rapat Koordinasi") -> bytes:
    document = FPDF()
    document.set_title("Surat Dinas")
    document.add_page()
    document.set_font("helvetica", size=12)
    document.multi_cell(w=0, text=f"{text}\nNomor: 005/123/Setda/2026\nYth. Kepala Dinas")
    return bytes(document.output())


def admin_of(region) -> User:
    return User.objects.get(email=f"admin@{region.slug}.test")


def identity_for(user, **overrides) -> api.SignerIdentity:
    values = {
        "user_id": user.pk,
        "name": user.get_full_name() or "Budi Santoso",
        "position": "Sekretaris Daerah",
        "email": user.email,
        "capacity": "a.n. Wali Kota Tangerang Selatan",
    }
    values.update(overrides)
    return api.SignerIdentity(**values)


def sign_letter(region, title: str = "Undangan Rapat Koordinasi", user=None):
    """Sign a fresh letter in `region` as its admin; the schema stays the region's."""
    connection.set_tenant(region)
    user = user or admin_of(region)
    reservation = api.reserve(title)
    signed = api.sign_pdf(
        reservation.token, letter_pdf(), identity_for(user), reason="Menyetujui isi surat"
    )
    return reservation, signed
