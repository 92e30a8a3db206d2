"""Support threads: a region admin asks, the assigned mentor answers on the console, both
are told through the notifications outbox with links to their own hosts. Attachments are
stored in the region's private folder (core.private_files), whichever side uploads them."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from audit import api as audit
from core.private_files import private_storage, stream_private_file
from notifications import api as notifications
from partnership import links
from partnership.models import RegionMentoring, SupportMessage, SupportThread

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf", ".png", ".jpg", ".jpeg", ".txt", ".csv", ".docx", ".xlsx"}
REGION_PATH = "/admin/dukungan/tanya/{id}/"
CONSOLE_PATH = "/admin/kemitraan/utas/{id}/"


def check_attachment(upload) -> None:
    if upload is None:
        return
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("Lampiran paling besar 5 MB."))
    if PurePath(upload.name).suffix.lower() not in ATTACHMENT_TYPES:
        raise ValidationError(_("Lampiran harus PDF, gambar (PNG/JPG), teks, CSV, DOCX atau XLSX."))


def ask(
    *, subject: str, body: str, attachment, actor, request, notify: bool = True
) -> SupportThread:
    """A region admin's question (called in the region's schema). `notify=False`: nobody is
    told (the demo data, loaded without a request, must not fill the outbox)."""
    check_attachment(attachment)
    region = connection.tenant
    stored = _store(region, attachment)
    with transaction.atomic():
        with schema_context(get_public_schema_name()):
            assigned = RegionMentoring.objects.filter(region=region).first()
            thread = SupportThread.objects.create(
                region=region,
                subject=subject,
                asked_by_id=actor.pk,
                asked_by_name=str(actor),
                mentor=assigned.mentor if assigned else None,
                mentor_name=str(assigned.mentor) if assigned and assigned.mentor else "",
            )
            message = _add(thread, SupportMessage.Side.REGION, actor, body, attachment, stored)
            if notify:
                _tell_mentors(thread, message, request)
        audit.record(
            "partnership.ask",
            actor=actor,
            request=request,
            details={"thread": str(thread.public_id), "subject": subject},
        )
    return thread


def reply_from_region(thread: SupportThread, *, body: str, attachment, actor, request):
    check_attachment(attachment)
    if thread.region_id != connection.tenant.pk:
        raise ValidationError(_("Utas ini bukan milik daerah Anda."))
    stored = _store(thread.region, attachment)
    with transaction.atomic(), schema_context(get_public_schema_name()):
        message = _add(thread, SupportMessage.Side.REGION, actor, body, attachment, stored)
        thread.status = SupportThread.Status.OPEN
        thread.closed_at = None
        thread.save(update_fields=["status", "closed_at", "updated_at"])
        _tell_mentors(thread, message, request)
    return message


def answer(
    thread: SupportThread,
    *,
    body: str,
    attachment,
    knowledge_url: str,
    close: bool,
    actor,
    request,
    notify: bool = True,
) -> SupportMessage:
    """The mentor's answer on the console (public schema)."""
    check_attachment(attachment)
    stored = _store(thread.region, attachment)
    now = timezone.now()
    with transaction.atomic():
        message = _add(thread, SupportMessage.Side.MENTOR, actor, body, attachment, stored)
        thread.first_response_at = thread.first_response_at or now
        if thread.mentor_id is None:
            thread.mentor, thread.mentor_name = actor, str(actor)
        thread.knowledge_url = knowledge_url or thread.knowledge_url
        thread.status = SupportThread.Status.CLOSED if close else SupportThread.Status.ANSWERED
        thread.closed_at = now if close else None
        thread.save()
        audit.record("partnership.answer", actor=actor, obj=thread, request=request)
        if notify:
            _tell_region(thread, message, request)
    return message


def _add(thread, side, actor, body, upload, stored) -> SupportMessage:
    return SupportMessage.objects.create(
        thread=thread,
        side=side,
        author_id=actor.pk,
        author_name=str(actor),
        body=body,
        attachment=stored,
        attachment_name=PurePath(upload.name).name[:200] if upload else "",
    )


def _store(region, upload) -> str:
    """Save in the region's private folder (core.private_files): no URL reaches it."""
    if upload is None:
        return ""
    suffix = PurePath(upload.name).suffix.lower()
    with schema_context(region.schema_name):
        return private_storage().save(f"dukungan/{uuid.uuid4().hex}{suffix}", upload)


def stream_attachment(request, message: SupportMessage):
    """The attachment as a download, from its region's private folder (caller has checked)."""
    name = message.attachment_name or PurePath(message.attachment).name
    return stream_private_file(
        request,
        message.attachment,
        name,
        "application/octet-stream",
        schema=message.thread.region.schema_name,
    )


def _tell_mentors(thread: SupportThread, message: SupportMessage, request) -> None:
    """In the public schema: the assigned mentor, or the coordinators when none is."""
    recipients = [thread.mentor] if thread.mentor else coordinators()
    base = links.platform_base(f"{request.scheme}://{request.get_host()}")
    for mentor in recipients:
        notifications.notify(
            mentor,
            "partnership.question",
            _("Pertanyaan dari %(region)s: %(subject)s")
            % {"region": thread.region.name, "subject": thread.subject},
            message.body,
            url=base + CONSOLE_PATH.format(id=thread.pk),
            channels=["inapp", "email"],
            idempotency_key=f"partnership.question:{message.pk}:{mentor.pk}",
        )


def _tell_region(thread: SupportThread, message: SupportMessage, request) -> None:
    base = links.region_base(thread.region, f"{request.scheme}://{request.get_host()}")
    with schema_context(thread.region.schema_name):
        asker = get_user_model().objects.filter(pk=thread.asked_by_id, is_active=True).first()
        if asker is None:
            return
        notifications.notify(
            asker,
            "partnership.answer",
            _("Jawaban mentor: %(subject)s") % {"subject": thread.subject},
            message.body,
            url=base + REGION_PATH.format(id=thread.public_id),
            channels=["inapp", "email"],
            idempotency_key=f"partnership.answer:{message.pk}",
        )


def coordinators() -> list:
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__content_type__app_label="partnership",
            groups__permissions__codename="manage_partnership",
        )
        .distinct()
    )
