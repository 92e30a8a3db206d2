"""Demo e-Office: two sections and a staff position in Diskominfo with a demo official on
each, and a few incoming letters to the Kepala Diskominfo (the demo admin), one disposed
down the chain, one confidential. Idempotent: matched by codes, e-mails and letter numbers."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from modules.eoffice import services
from modules.eoffice.models import Classification, Disposition, Instruction, Letter
from modules.eoffice.pdf import sample_scan
from organisation import api as organisation
from organisation import services as organisation_services

HEAD = "DISKOMINFO.KEPALA"
SECTIONS = (
    # unit code, unit name, head position code, title, demo e-mail local part
    ("DISKOMINFO.APTIKA", "Bidang Aplikasi Informatika", "DISKOMINFO.APTIKA.KEPALA",
     "Kepala Bidang Aplikasi Informatika", "kabid.aptika"),
    ("DISKOMINFO.IKP", "Bidang Informasi dan Komunikasi Publik", "DISKOMINFO.IKP.KEPALA",
     "Kepala Bidang Informasi dan Komunikasi Publik", "kabid.ikp"),
)  # fmt: skip
STAFF = ("DISKOMINFO.APTIKA", "DISKOMINFO.APTIKA.STAF", "Pranata Komputer", "staf.aptika")
DEMO_PASSWORD = "sinergi-demo-2026"  # noqa: S105 - the documented demo password
LETTERS = (
    ("005/118/Kominfo/2026", "Kementerian Komunikasi dan Digital",
     "Undangan rapat koordinasi percepatan kota cerdas", "000.5", "segera", "biasa"),
    ("800/221/BKPSDM/2026", "BKPSDM", "Usulan peserta pelatihan keamanan siber", "800",
     "biasa", "terbatas"),
    ("500.1/77/PUPR/2026", "Dinas PUPR", "Permohonan integrasi data jalan rusak ke LAKSA",
     "500.1", "biasa", "biasa"),
)  # fmt: skip


def load(region) -> None:
    services.seed_defaults()
    if organisation.position_by_code(HEAD) is None:
        return
    for unit_code, unit_name, position_code, title, email in SECTIONS:
        unit = _ensure_unit(unit_code, unit_name)
        position = _ensure_position(unit, position_code, title, is_head=True)
        _ensure_official(region, email, title, position)
    unit_code, position_code, title, email = STAFF
    staff = _ensure_position(organisation.unit_by_code(unit_code), position_code, title, False)
    _ensure_official(region, email, title, staff)
    for number, sender, subject, code, urgency, secrecy in LETTERS:
        _ensure_letter(number, sender, subject, code, urgency, secrecy)


def _ensure_unit(code: str, name: str):
    unit = organisation.unit_by_code(code)
    if unit is None:
        unit = organisation_services.create_unit(
            actor=None, code=code, name=name, kind="bidang",
            parent=organisation.unit_by_code("DISKOMINFO"),
        )  # fmt: skip
    return unit


def _ensure_position(unit, code: str, title: str, is_head: bool):
    position = organisation.position_by_code(code)
    if position is None:
        position = organisation_services.create_position(
            actor=None, unit=unit, code=code, title=title, is_head=is_head
        )
    return position


def _ensure_official(region, local: str, title: str, position) -> None:
    users = get_user_model().objects
    email = f"{local}@{region.slug}.test"
    user = users.filter(email=email).first()
    if user is None:
        first, _, last = title.partition(" ")
        user = users.create_user(
            email, DEMO_PASSWORD, first_name=first, last_name=last, is_staff=True
        )
        group = Group.objects.filter(name="Pengguna e-Office").first()
        if group is not None:
            user.groups.add(group)
    if not organisation.Assignment.objects.filter(user=user, position=position).exists():
        organisation_services.assign(
            actor=None, user=user, position=position, kind="definitif",
            starts_at=date(2025, 1, 2),
        )  # fmt: skip


def _ensure_letter(number, sender, subject, code, urgency, secrecy) -> None:
    if Letter.objects.filter(kind=Letter.Kind.INCOMING, number=number).exists():
        return
    head = organisation.position_by_code(HEAD)
    letter = services.register_incoming(
        None,
        addressed_to=head,
        sender=sender,
        number=number,
        letter_date=timezone.localdate() - timedelta(days=3),
        subject=subject,
        classification=Classification.objects.get(code=code),
        urgency=urgency,
        confidentiality=secrecy,
        scan=sample_scan(subject, (sender, number)),
        scan_name="pindaian.pdf",
    )
    if code == "000.5":
        section = organisation.position_by_code(SECTIONS[0][2])
        Disposition.objects.create(
            letter=letter,
            from_position=head,
            to_position=section,
            instruction=Instruction.objects.order_by("order").first(),
            note="Mohon dihadiri dan laporkan hasilnya.",
            due_at=timezone.now() + timedelta(days=5),
        )
        services.grant_access(letter, section)


def contract_letter() -> Letter:
    """An ordinary incoming letter with its scan and one disposition (contract test)."""
    services.seed_defaults()
    head = organisation.Position.objects.filter(is_head=True, active=True).order_by("pk").first()
    letter = services.register_incoming(
        None,
        addressed_to=head,
        sender="Instansi uji kontrak",
        number="000/1/UJI/2026",
        letter_date=timezone.localdate(),
        subject="Surat uji kontrak",
        classification=Classification.objects.order_by("code").first(),
        scan=sample_scan("Surat uji kontrak"),
    )
    Disposition.objects.create(
        letter=letter,
        from_position=head,
        to_position=head,
        instruction=Instruction.objects.order_by("order").first(),
    )
    return letter
