"""Writes: the only place that changes e-Office's data. Every action takes the acting user,
checks that they act for the position concerned, and writes its audit entry in the same
transaction."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import api as audit
from modules.eoffice import numbering, selectors
from modules.eoffice.models import (
    Classification,
    Delivery,
    Destruction,
    Disposition,
    Document,
    Instruction,
    Letter,
    LetterAccess,
    Review,
    Template,
)
from modules.eoffice.pdf import check_pdf
from modules.eoffice.search import refresh_search_vector
from organisation import api as organisation
from organisation.selectors import running_at

NS = "module-eoffice-admin"


def letter_url(letter: Letter) -> str:
    return reverse(f"{NS}:letter", args=[letter.pk])


def _require_position(user, position) -> None:
    if not organisation.acts_for(user, position):
        raise PermissionDenied(_("Anda tidak memegang jabatan %(p)s.") % {"p": position})


def grant_access(letter: Letter, *positions) -> None:
    LetterAccess.objects.bulk_create(
        [LetterAccess(letter=letter, position=p) for p in positions if p is not None],
        ignore_conflicts=True,
    )


def _attach(letter: Letter, kind: str, content: bytes, filename: str) -> Document:
    return Document.objects.create(
        letter=letter,
        kind=kind,
        filename=filename[:200],
        content=content,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


# --- incoming letters ----------------------------------------------------------------------------
def register_incoming(
    actor,
    *,
    addressed_to,
    sender: str,
    number: str,
    letter_date,
    subject: str,
    classification: Classification,
    urgency: str = Letter.Urgency.NORMAL,
    confidentiality: str = Letter.Confidentiality.ORDINARY,
    scan: bytes,
    scan_name: str = "surat.pdf",
    max_bytes: int = 20 * 1024 * 1024,
    registrar_position=None,
    imported_from: str = "",
    request=None,
) -> Letter:
    """Register a letter received and put it in the addressed position's inbox."""
    check_pdf(scan, max_bytes=max_bytes)
    with transaction.atomic():
        letter = Letter.objects.create(
            kind=Letter.Kind.INCOMING,
            status=Letter.Status.REGISTERED,
            sender=sender,
            number=number,
            letter_date=letter_date,
            subject=subject,
            classification=classification,
            urgency=urgency,
            confidentiality=confidentiality,
            origin_position=addressed_to,
            created_by=actor if getattr(actor, "pk", None) else None,
            imported_from=imported_from,
        )
        _attach(letter, Document.Kind.SCAN, scan, scan_name)
        grant_access(letter, addressed_to, registrar_position)
        _deliver(letter, addressed_to, Delivery.Kind.TO, actor=actor, request=request)
        refresh_search_vector(letter)
        audit.record(
            "eoffice.register_incoming",
            actor=actor,
            obj=letter,
            request=request,
            details={"to": addressed_to.code, "sender": sender, "number": number},
        )
    return letter


def _deliver(letter: Letter, position, kind: str, *, actor=None, request=None) -> Delivery:
    delivery, _created = Delivery.objects.update_or_create(
        letter=letter, position=position, defaults={"kind": kind, "delivered_at": timezone.now()}
    )
    grant_access(letter, position)
    if kind == Delivery.Kind.TO:
        organisation.add_to_inbox(
            position,
            letter.subject,
            letter_url(letter),
            source=delivery,
            actor=actor,
            request=request,
        )
    return delivery


def mark_read(user, letter: Letter, *, request=None) -> int:
    """The person opened the letter: read receipts for every delivery and disposition of it
    addressed to a position they hold. Returns how many receipts were written."""
    positions = selectors.my_position_ids(user)
    now = timezone.now()
    with transaction.atomic():
        receipts = Delivery.objects.filter(
            letter=letter,
            position__in=positions,
            read_at__isnull=True,
            delivered_at__isnull=False,
        ).update(read_at=now, read_by=user)
        receipts += Disposition.objects.filter(
            letter=letter, to_position__in=positions, read_at__isnull=True
        ).update(read_at=now, read_by=user)
        audit.record(
            "eoffice.view",
            actor=user,
            obj=letter,
            request=request,
            details={"receipts": receipts},
        )
    return receipts


# --- dispositions --------------------------------------------------------------------------------
def dispose(
    actor,
    letter: Letter,
    *,
    from_position,
    to_positions,
    instruction: Instruction,
    note: str = "",
    due_at: datetime | None = None,
    parent: Disposition | None = None,
    request=None,
) -> list[Disposition]:
    """Forward an incoming letter to positions below, each getting its own disposition."""
    _require_position(actor, from_position)
    if not selectors.can_dispose(actor, letter):
        raise PermissionDenied(_("Anda tidak dapat mendisposisikan surat ini."))
    if not to_positions:
        raise ValidationError({"to_positions": _("Pilih paling sedikit satu tujuan.")})
    if due_at is not None and due_at <= timezone.now():
        raise ValidationError({"due_at": _("Batas waktu harus di masa depan.")})
    if parent is not None and parent.to_position_id != from_position.pk:
        raise PermissionDenied
    created = []
    with transaction.atomic():
        for position in to_positions:
            disposition = Disposition.objects.create(
                letter=letter,
                parent=parent,
                from_position=from_position,
                to_position=position,
                instruction=instruction,
                note=note,
                due_at=due_at,
                created_by=actor,
            )
            grant_access(letter, position)
            organisation.add_to_inbox(
                position,
                _("Disposisi: %(subject)s") % {"subject": letter.subject},
                letter_url(letter),
                source=disposition,
                due_at=due_at,
                actor=actor,
                request=request,
            )
            created.append(disposition)
        _close_delivery_item(letter, from_position, actor, request)
        audit.record(
            "eoffice.dispose",
            actor=actor,
            obj=letter,
            request=request,
            details={
                "from": from_position.code,
                "to": [p.code for p in to_positions],
                "instruction": instruction.text,
                "parent": parent.pk if parent else None,
            },
        )
    _notify_holders(
        to_positions,
        _("Disposisi baru: %(subject)s") % {"subject": letter.subject},
        f"{instruction.text}. {note}".strip(),
        letter,
        key_prefix=f"eoffice-disposition-{created[0].pk}",
    )
    return created


def _close_delivery_item(letter, position, actor, request) -> None:
    delivery = Delivery.objects.filter(letter=letter, position=position).first()
    if delivery is not None:
        organisation.close_inbox_item(source=delivery, actor=actor, request=request)


def report_done(actor, disposition: Disposition, *, report: str, request=None) -> Disposition:
    """The addressee reports the disposition done; the sender is told."""
    _require_position(actor, disposition.to_position)
    if disposition.done_at is not None:
        raise ValidationError(_("Disposisi ini sudah dilaporkan selesai."))
    if not report.strip():
        raise ValidationError({"report": _("Tuliskan laporan singkat tindak lanjutnya.")})
    with transaction.atomic():
        disposition.done_at = timezone.now()
        disposition.done_by = actor
        disposition.report = report.strip()
        if disposition.read_at is None:
            disposition.read_at, disposition.read_by = disposition.done_at, actor
        disposition.save(update_fields=["done_at", "done_by", "report", "read_at", "read_by"])
        organisation.close_inbox_item(source=disposition, actor=actor, request=request)
        audit.record(
            "eoffice.disposition_done",
            actor=actor,
            obj=disposition.letter,
            request=request,
            details={"disposition": disposition.pk, "position": disposition.to_position.code},
        )
    _notify_holders(
        [disposition.from_position],
        _("Disposisi selesai: %(subject)s") % {"subject": disposition.letter.subject},
        disposition.report,
        disposition.letter,
        key_prefix=f"eoffice-done-{disposition.pk}",
    )
    return disposition


def _notify_holders(positions, subject: str, body: str, letter: Letter, *, key_prefix: str):
    from notifications import api as notifications

    for position in positions:
        for person in organisation.holders_of(position):
            notifications.notify(
                person,
                "eoffice",
                subject,
                body,
                url=letter_url(letter),
                channels=("email",),
                idempotency_key=f"{key_prefix}-{position.pk}-{person.pk}",
            )


# --- outgoing letters and memos ------------------------------------------------------------------
def create_draft(
    actor,
    *,
    kind: str,
    origin_position,
    subject: str,
    body: str,
    classification: Classification,
    addressee: str = "",
    urgency: str = Letter.Urgency.NORMAL,
    confidentiality: str = Letter.Confidentiality.ORDINARY,
    signatory_position=None,
    on_behalf: str = "",
    reviewers=(),
    recipients=(),
    copies=(),
    request=None,
) -> Letter:
    _require_position(actor, origin_position)
    if kind not in (Letter.Kind.OUTGOING, Letter.Kind.MEMO):
        raise ValidationError({"kind": _("Jenis naskah tidak dikenal.")})
    if signatory_position is None:
        raise ValidationError({"signatory_position": _("Pilih penandatangan.")})
    with transaction.atomic():
        letter = Letter.objects.create(
            kind=kind,
            status=Letter.Status.DRAFT,
            subject=subject,
            body=body,
            addressee=addressee,
            classification=classification,
            urgency=urgency,
            confidentiality=confidentiality,
            origin_position=origin_position,
            signatory_position=signatory_position,
            on_behalf=on_behalf,
            created_by=actor,
            letter_date=None,
        )
        set_chain(letter, reviewers=reviewers, recipients=recipients, copies=copies)
        refresh_search_vector(letter)
        audit.record("eoffice.draft", actor=actor, obj=letter, request=request)
    return letter


def set_chain(letter: Letter, *, reviewers=(), recipients=(), copies=()) -> None:
    """The paraf chain (in order) and the planned recipients of a draft."""
    letter.reviews.all().delete()
    Review.objects.bulk_create(
        [Review(letter=letter, position=p, order=i) for i, p in enumerate(reviewers, start=1)]
    )
    letter.deliveries.filter(delivered_at__isnull=True).delete()
    for kind, positions in ((Delivery.Kind.TO, recipients), (Delivery.Kind.COPY, copies)):
        for position in positions:
            Delivery.objects.get_or_create(
                letter=letter, position=position, defaults={"kind": kind}
            )
    grant_access(letter, letter.origin_position, letter.signatory_position, *reviewers)


def update_draft(actor, letter: Letter, *, subject: str, body: str, request=None) -> Letter:
    _require_position(actor, letter.origin_position)
    if letter.status not in (Letter.Status.DRAFT, Letter.Status.RETURNED):
        raise ValidationError(_("Naskah ini tidak dapat diubah lagi."))
    with transaction.atomic():
        letter.subject, letter.body = subject, body
        letter.save(update_fields=["subject", "body"])
        refresh_search_vector(letter)
        audit.record("eoffice.edit_draft", actor=actor, obj=letter, request=request)
    return letter


def submit_for_review(actor, letter: Letter, *, request=None) -> Letter:
    """Send the draft up its paraf chain (or straight to the signatory if it has none)."""
    _require_position(actor, letter.origin_position)
    if letter.status not in (Letter.Status.DRAFT, Letter.Status.RETURNED):
        raise ValidationError(_("Naskah ini sudah diajukan."))
    with transaction.atomic():
        letter.reviews.update(status=Review.Status.WAITING, acted_at=None, acted_by=None)
        _advance(letter, actor, request)
        audit.record("eoffice.submit", actor=actor, obj=letter, request=request)
    return letter


def _advance(letter: Letter, actor, request) -> None:
    following = letter.reviews.filter(status=Review.Status.WAITING).order_by("order").first()
    if following is not None:
        following.status = Review.Status.PENDING
        following.save(update_fields=["status"])
        letter.status = Letter.Status.IN_REVIEW
        target, title = following.position, _("Paraf: %(s)s")
    else:
        letter.status = Letter.Status.READY
        target, title = letter.signatory_position, _("Tanda tangani: %(s)s")
    letter.save(update_fields=["status"])
    organisation.add_to_inbox(
        target,
        title % {"s": letter.subject},
        letter_url(letter),
        source=letter,
        actor=actor,
        request=request,
    )


def review(actor, letter: Letter, *, approve: bool, comment: str = "", request=None) -> Review:
    """Initial (paraf) the draft, or return it to the drafter with comments."""
    step = selectors.current_review(letter)
    if step is None:
        raise ValidationError(_("Naskah ini tidak sedang menunggu paraf."))
    _require_position(actor, step.position)
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Tuliskan alasan pengembalian.")})
    with transaction.atomic():
        organisation.close_inbox_item(source=letter, actor=actor, request=request)
        step.status = Review.Status.APPROVED if approve else Review.Status.RETURNED
        step.comment, step.acted_by, step.acted_at = comment.strip(), actor, timezone.now()
        step.save()
        if approve:
            _advance(letter, actor, request)
        else:
            letter.status = Letter.Status.RETURNED
            letter.save(update_fields=["status"])
            organisation.add_to_inbox(
                letter.origin_position,
                _("Dikembalikan: %(s)s") % {"s": letter.subject},
                letter_url(letter),
                source=letter,
                actor=actor,
                request=request,
            )
        audit.record(
            "eoffice.paraf" if approve else "eoffice.return",
            actor=actor,
            obj=letter,
            request=request,
            details={"position": step.position.code, "comment": step.comment},
        )
    return step


# --- archive -------------------------------------------------------------------------------------
def record_download(actor, document: Document, *, request=None) -> None:
    audit.record(
        "eoffice.download",
        actor=actor,
        obj=document.letter,
        request=request,
        details={"document": document.pk, "kind": document.kind},
    )


def record_preview(actor, letter: Letter, *, request=None) -> None:
    audit.record("eoffice.preview", actor=actor, obj=letter, request=request)


def record_search(actor, query, count: int, *, request=None) -> None:
    audit.record(
        "eoffice.search",
        actor=actor,
        request=request,
        details={k: str(v) for k, v in vars(query).items() if v} | {"results": count},
    )


# --- settings ------------------------------------------------------------------------------------
DEFAULT_INSTRUCTIONS = (
    "Untuk ditindaklanjuti",
    "Untuk diketahui",
    "Untuk dipelajari dan dilaporkan",
    "Hadiri / wakili",
    "Siapkan jawaban",
    "Koordinasikan",
    "Arsipkan",
)
DEFAULT_CLASSIFICATIONS = (
    ("000", "Umum", 2, 3, Classification.FinalDisposition.DESTROY),
    ("000.1", "Ketatausahaan dan Kerumahtanggaan", 2, 3, Classification.FinalDisposition.DESTROY),
    ("000.5", "Undangan", 1, 1, Classification.FinalDisposition.DESTROY),
    ("100", "Pemerintahan", 3, 7, Classification.FinalDisposition.PERMANENT),
    ("400", "Kesejahteraan Rakyat", 2, 5, Classification.FinalDisposition.REVIEW),
    ("500", "Perekonomian", 2, 5, Classification.FinalDisposition.DESTROY),
    ("500.1", "Pekerjaan Umum", 2, 5, Classification.FinalDisposition.DESTROY),
    ("800", "Kepegawaian", 2, 8, Classification.FinalDisposition.PERMANENT),
    ("900", "Keuangan", 2, 8, Classification.FinalDisposition.DESTROY),
)
DEFAULT_TEMPLATES = (
    ("Surat undangan", Letter.Kind.OUTGOING,
     "Dengan hormat,\n\nBersama ini kami mengundang Bapak/Ibu untuk menghadiri rapat pada:\n"
     "hari/tanggal : ...\nwaktu : ...\ntempat : ...\nacara : ...\n\n"
     "Atas perhatian dan kehadirannya kami ucapkan terima kasih."),
    ("Nota dinas", Letter.Kind.MEMO,
     "Dengan hormat,\n\nBersama ini kami sampaikan ...\n\n"
     "Demikian kami sampaikan, mohon arahan lebih lanjut."),
    ("Surat balasan", Letter.Kind.OUTGOING,
     "Dengan hormat,\n\nMenindaklanjuti surat Saudara nomor ... tanggal ... perihal ..., "
     "dengan ini kami sampaikan ...\n\nDemikian, atas perhatiannya kami ucapkan terima kasih."),
)  # fmt: skip


def on_enable(region) -> None:
    """Seed the defaults and make sure the region's certificate authority exists."""
    from modules.eoffice import signing

    seed_defaults()
    signing.ensure_region_ca()


def seed_defaults() -> None:
    """Instructions, classification codes and templates (idempotent: matched by their text
    or code, so staff's changes are kept)."""
    for order, text in enumerate(DEFAULT_INSTRUCTIONS, start=1):
        Instruction.objects.get_or_create(text=text, defaults={"order": order})
    for code, name, active, inactive, final in DEFAULT_CLASSIFICATIONS:
        Classification.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "active_years": active,
                "inactive_years": inactive,
                "final_disposition": final,
            },
        )
    for name, kind, body in DEFAULT_TEMPLATES:
        Template.objects.get_or_create(name=name, defaults={"kind": kind, "body": body})


def add_instruction(actor, text: str, *, request=None) -> Instruction:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Instruksi wajib diisi.")})
    with transaction.atomic():
        last = Instruction.objects.order_by("-order").values_list("order", flat=True).first()
        instruction, _created = Instruction.objects.update_or_create(
            text=text, defaults={"active": True, "order": (last or 0) + 1}
        )
        audit.record("eoffice.instruction_add", actor=actor, obj=instruction, request=request)
    return instruction


def toggle_instruction(actor, instruction: Instruction, *, request=None) -> Instruction:
    with transaction.atomic():
        Instruction.objects.filter(pk=instruction.pk).update(active=~F("active"))
        instruction.refresh_from_db()
        audit.record(
            "eoffice.instruction_toggle",
            actor=actor,
            obj=instruction,
            request=request,
            details={"active": instruction.active},
        )
    return instruction


def save_setting(actor, form, *, action: str, request=None):
    """Save a classification code or a letter template from its admin form, audited with
    what changed."""
    with transaction.atomic():
        created = form.instance.pk is None
        instance = form.save()
        audit.record(
            action,
            actor=actor,
            obj=instance,
            request=request,
            details={"created": created, "changed": sorted(form.changed_data)},
        )
    return instance


def destroy_letters(actor, letter_ids, *, note: str = "", request=None) -> Destruction:
    """The archivist destroys letters past their retention: one berita acara records who,
    when and which; each letter keeps its metadata, its files and text are removed. Only
    letters on this person's due-for-destruction list (confidential rules included)."""
    _require_permission(actor, "eoffice.manage_archive")
    with transaction.atomic():
        due = selectors.due_for_destruction(actor).filter(pk__in=list(letter_ids))
        letters = list(Letter.objects.select_for_update().filter(pk__in=due.values("pk")))
        if not letters:
            raise ValidationError(_("Tidak ada naskah yang dapat dimusnahkan."))
        record = Destruction.objects.create(
            destroyed_by=actor,
            note=note.strip(),
            inventory=[_inventory_line(letter) for letter in letters],
        )
        Document.objects.filter(letter__in=letters).delete()
        for letter in letters:
            letter.destruction, letter.body = record, ""
            letter.save(update_fields=["destruction", "body"])
            refresh_search_vector(letter)
        audit.record(
            "eoffice.destroy",
            actor=actor,
            obj=record,
            request=request,
            details={"letters": [letter.pk for letter in letters]},
        )
    return record


def _inventory_line(letter: Letter) -> dict:
    return {
        "id": letter.pk,
        "number": letter.number,
        "subject": letter.subject,
        "letter_date": letter.letter_date.isoformat() if letter.letter_date else None,
        "classification": letter.classification.code,
    }


def _require_permission(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied


# --- signing and numbering -----------------------------------------------------------------------
def sign_letter(
    actor, letter: Letter, *, password: str = "", otp: str = "", pin: str = "", request=None
) -> Letter:
    """Re-authenticate the signer, then in one transaction: take the next number of the
    year (the counter row stays locked until commit), draw the PDF with that number and the
    verification QR, sign it through the signing service, deliver it. Anything failing
    rolls it all back, the number included, so numbers have no gaps."""
    from modules.eoffice import signing

    if letter.status != Letter.Status.READY:
        raise ValidationError(_("Naskah ini belum siap ditandatangani."))
    _require_position(actor, letter.signatory_position)
    if not signing.reauthenticate(actor, password=password, otp=otp, pin=pin, request=request):
        audit.record("eoffice.sign_refused", actor=actor, obj=letter, request=request)
        raise ValidationError(_("Kata sandi, kode OTP atau PIN tanda tangan salah."))
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.status != Letter.Status.READY:
            raise ValidationError(_("Naskah ini sudah ditandatangani."))
        now = timezone.now()
        year = timezone.localdate(now).year
        sequence = numbering.take_next(year)
        number = numbering.format_number(letter, sequence, year)
        capacity = signer_capacity(actor, letter)
        reservation = signing.reserve(public_title(letter))
        verify_url = absolute_url(reservation.verify_path)
        pdf_bytes = render_signed_letter(letter, actor, number, capacity, verify_url, now)
        identity = signing.identity(
            user_id=actor.pk,
            name=actor.get_full_name() or actor.email,
            position=organisation.label_of(letter.signatory_position),
            email=actor.email,
            capacity=capacity,
        )
        signed = signing.sign_pdf(
            reservation.token, pdf_bytes, identity, reason=_("Penandatanganan naskah dinas")
        )
        letter.number, letter.year, letter.sequence = number, year, sequence
        letter.status, letter.signed_at, letter.signed_by = Letter.Status.SIGNED, now, actor
        letter.letter_date = timezone.localdate(now)
        letter.signer_capacity = capacity
        letter.signing_token, letter.verify_path = reservation.token, reservation.verify_path
        letter.save()
        _attach(letter, Document.Kind.SIGNED, signed.content, f"{_safe(number)}.pdf")
        organisation.close_inbox_item(source=letter, actor=actor, request=request)
        for delivery in letter.deliveries.filter(delivered_at__isnull=True):
            _deliver(letter, delivery.position, delivery.kind, actor=actor, request=request)
        refresh_search_vector(letter)
        audit.record(
            "eoffice.sign",
            actor=actor,
            obj=letter,
            request=request,
            details={"number": number, "sha256": signed.sha256, "capacity": capacity},
        )
    return letter


def _safe(number: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "_" for c in number)


def absolute_url(path: str) -> str:
    from notifications.services import absolute_url as region_url

    return region_url(path)


def signer_capacity(user, letter: Letter) -> str:
    """How the signature block names the signer's authority: "a.n. Wali Kota ..." when
    signing on behalf of the head of the region or of the superior, "Plt."/"Plh." when the
    signer acts for the signatory position, both (joined by "; ") when both hold."""
    position = letter.signatory_position
    parts = []
    if letter.on_behalf == "kepala":
        parts.append(_("a.n. %(head)s") % {"head": region_head_title()})
    elif letter.on_behalf == "atasan":
        superior = organisation.superior_of(position)
        if superior is not None:
            parts.append(_("a.n. %(head)s") % {"head": organisation.label_of(superior)})
    kind = acting_kind(user, position)
    if kind in ("plt", "plh"):
        prefix = "Plt." if kind == "plt" else "Plh."
        parts.append(f"{prefix} {organisation.label_of(position)}")
    return "; ".join(parts)


def acting_kind(user, position) -> str:
    """ "definitif", "plt" or "plh": how `user` holds `position` now (acting wins)."""
    kinds = set(
        organisation.Assignment.objects.filter(
            running_at(), user=user, position=position
        ).values_list("kind", flat=True)
    )
    for kind in ("plh", "plt", "definitif"):
        if kind in kinds:
            return kind
    return ""


def region_head_title() -> str:
    from django.db import connection

    from modules.services import module_settings

    configured = module_settings("eoffice").get("head_title", "")
    if configured:
        return configured
    region = connection.tenant
    title = {"kota": "Wali Kota", "kabupaten": "Bupati", "provinsi": "Gubernur"}.get(
        getattr(region, "kind", ""), _("Kepala Daerah")
    )
    name = getattr(region, "name", "")
    for word in ("Kota ", "Kabupaten ", "Provinsi "):
        name = name.removeprefix(word)
    return f"{title} {name}".strip()


def render_signed_letter(letter, user, number, capacity, verify_url, when) -> bytes:
    from modules.eoffice.pdf import render_letter

    position_label = organisation.label_of(letter.signatory_position)
    lines = tuple(line for line in capacity.split("; ") if line)
    if not any(line.endswith(position_label) for line in lines):
        lines = (*lines, position_label)
    return render_letter(
        letter,
        number=number,
        letterhead=letterhead(letter),
        signer_name=user.get_full_name() or user.email,
        signer_lines=lines,
        verify_url=verify_url,
        signed_on=timezone.localdate(when),
    )


def letterhead(letter: Letter) -> dict:
    from django.db import connection
    from wagtail.models import Site

    from themes.api import branding_for_site

    branding = branding_for_site(Site.objects.filter(is_default_site=True).first())
    logo = None
    if getattr(branding, "logo", None):
        try:
            with branding.logo.open("rb") as handle:
                logo = handle.read()
        except (OSError, ValueError):
            logo = None
    office = organisation.office_of(letter.origin_position.unit)
    name = getattr(branding, "official_name", "") or getattr(connection.tenant, "name", "")
    return {"name": name, "unit": office.name, "logo": logo}


# --- hand-over packages --------------------------------------------------------------------------
def export_package(actor, letter: Letter, *, request=None) -> bytes:
    from django.db import connection

    from modules.eoffice import package

    content = package.build(letter, origin=getattr(connection.tenant, "name", ""))
    audit.record("eoffice.export", actor=actor, obj=letter, request=request)
    return content


def import_package(
    actor, content: bytes, *, addressed_to, registrar_position=None, request=None
) -> Letter:
    """A package from another agency becomes an incoming letter in `addressed_to`'s inbox."""
    from modules.eoffice import package

    meta, pdf = package.read(content)
    classification = Classification.objects.filter(code=meta.get("klasifikasi") or "").first()
    if classification is None:
        classification = Classification.objects.order_by("code").first()
    if classification is None:
        raise ValidationError({"package": _("Belum ada klasifikasi arsip di daerah ini.")})
    urgency = meta.get("sifat") if meta.get("sifat") in Letter.Urgency.values else "biasa"
    secrecy = meta.get("keamanan")
    secrecy = secrecy if secrecy in Letter.Confidentiality.values else "biasa"
    origin = str(meta.get("asal") or "")[:200]
    return register_incoming(
        actor,
        addressed_to=addressed_to,
        sender=str(meta.get("pengirim") or origin)[:200],
        number=str(meta.get("nomor") or "")[:120],
        letter_date=package.parse_date(meta.get("tanggal")),
        subject=str(meta.get("perihal") or _("(tanpa perihal)"))[:300],
        classification=classification,
        urgency=urgency,
        confidentiality=secrecy,
        scan=pdf,
        scan_name="naskah.pdf",
        max_bytes=package.MAX_PACKAGE_BYTES,
        registrar_position=registrar_position,
        imported_from=origin,
        request=request,
    )


def public_title(letter: Letter) -> str:
    """The title the public verification page shows: a confidential letter's subject stays
    inside its chain, so anyone holding the QR code sees only that it is confidential."""
    if letter.is_confidential:
        return _("Naskah dinas bersifat %(level)s") % {
            "level": letter.get_confidentiality_display().lower()
        }
    return letter.subject[:200]
