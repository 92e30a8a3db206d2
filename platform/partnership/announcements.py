"""Announcements from Tangerang to every partner region, shown on each region admin's home."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from audit import api as audit
from partnership.models import Announcement


def current(now=None):
    now = now or timezone.now()
    return Announcement.objects.filter(published_at__lte=now).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )


def publish(*, title: str, body: str, ends_at=None, actor, request=None) -> Announcement:
    with transaction.atomic():
        announcement = Announcement.objects.create(
            title=title, body=body, ends_at=ends_at, author_name=str(actor)
        )
        audit.record("partnership.announce", actor=actor, obj=announcement, request=request)
    return announcement


def withdraw(announcement: Announcement, *, actor, request=None) -> Announcement:
    with transaction.atomic():
        announcement.ends_at = timezone.now()
        announcement.save(update_fields=["ends_at"])
        audit.record(
            "partnership.withdraw_announcement", actor=actor, obj=announcement, request=request
        )
    return announcement


class AnnouncementsPanel(Component):
    """The region admin's home: what Tangerang has to say to every partner."""

    name = "partnership_announcements"
    template_name = "partnership/region/announcements_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {"announcements": list(current()[:5])}
