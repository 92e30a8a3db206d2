"""Deadline reminders of dispositions: once before the deadline (the module's
`remind_hours_before`) to the addressee, once after it to the addressee and the sender."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from modules.eoffice.models import Disposition, Reminder
from modules.services import module_settings


def send_due_reminders(now=None) -> int:
    now = now or timezone.now()
    hours = module_settings("eoffice")["remind_hours_before"]
    open_ones = Disposition.objects.filter(done_at__isnull=True, due_at__isnull=False)
    sent = 0
    soon = open_ones.filter(due_at__gt=now, due_at__lte=now + timedelta(hours=hours)).exclude(
        pk__in=Reminder.objects.filter(kind=Reminder.Kind.BEFORE).values("disposition")
    )
    for disposition in soon.select_related("letter", "to_position", "from_position"):
        sent += _remind(disposition, Reminder.Kind.BEFORE)
    late = open_ones.filter(due_at__lte=now).exclude(
        pk__in=Reminder.objects.filter(kind=Reminder.Kind.AFTER).values("disposition")
    )
    for disposition in late.select_related("letter", "to_position", "from_position"):
        sent += _remind(disposition, Reminder.Kind.AFTER)
    return sent


def _remind(disposition: Disposition, kind: str) -> int:
    from modules.eoffice.services import _notify_holders

    due = formats.date_format(timezone.localtime(disposition.due_at), "j F Y H.i")
    if kind == Reminder.Kind.BEFORE:
        subject = _("Pengingat disposisi: %(s)s") % {"s": disposition.letter.subject}
        body = _("Batas waktu disposisi ini %(due)s.") % {"due": due}
        positions = [disposition.to_position]
    else:
        subject = _("Disposisi lewat batas waktu: %(s)s") % {"s": disposition.letter.subject}
        body = _("Batas waktu %(due)s telah lewat dan belum dilaporkan selesai.") % {"due": due}
        positions = [disposition.to_position, disposition.from_position]
    # The row and the notices commit together: a worker killed midway leaves neither.
    try:
        with transaction.atomic():
            Reminder.objects.create(disposition=disposition, kind=kind)
            _notify_holders(
                positions,
                subject,
                body,
                disposition.letter,
                key_prefix=f"eoffice-remind-{kind}-{disposition.pk}",
            )
    except IntegrityError:
        return 0
    return 1
