"""Signing throughput: reserve + sign_pdf (certificate from the database, CRL embedded,
record and audit entry written) vs pyHanko alone signing the same letter with the same key
in memory, in one process, one after another."""

from __future__ import annotations

import time

from django.db import connection
from fpdf import FPDF

from bench.report import Figure

SIGNATURES = 40


def _letter() -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.multi_cell(w=0, text="Undangan Rapat Koordinasi\nNomor: 005/123/Setda/2026\n" * 20)
    return bytes(document.output())


def _per_second(action, count: int) -> float:
    started = time.perf_counter()
    for i in range(count):
        action(i)
    return count / (time.perf_counter() - started)


def measure() -> list[Figure]:
    from signing import api, authority, pdf

    from accounts.models import User
    from tenants.models import Region

    connection.set_tenant(Region.objects.get(slug="tangsel"))
    signer = User.objects.get(email="admin@tangsel.test")
    identity = api.SignerIdentity(
        user_id=signer.pk, name="Budi Santoso", position="Sekretaris Daerah", email=signer.email
    )
    letter = _letter()
    api.ensure_region_ca()

    def ours(i: int) -> None:
        token = api.reserve(f"Surat {i}").token
        api.sign_pdf(token, letter, identity, reason="Menyetujui isi surat")

    ours(-1)  # warm: issues the signer's certificate
    material = authority.signer_material(signer.pk, identity.name, identity.email)

    def bare(i: int) -> None:
        pdf.sign(
            letter,
            certificate=material.certificate,
            key=material.key,
            ca_certificate=material.ca_certificate,
            crl_der=material.crl_der,
            field_name="TTE",
            signer_name=identity.name,
            reason="Menyetujui isi surat",
            location="",
        )

    ours_rate = _per_second(ours, SIGNATURES)
    bare_rate = _per_second(bare, SIGNATURES)
    connection.set_schema_to_public()
    return [
        Figure(
            name="document signing throughput",
            value=ours_rate,
            unit="signatures per second, one process",
            baseline_name="pyHanko alone, key in memory",
            baseline=bare_rate,
        )
    ]
