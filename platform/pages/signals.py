"""What retires a region's cached pages."""

from __future__ import annotations

from pages.cache import invalidate_region


def page_changed(sender, **kwargs) -> None:
    invalidate_region()


def connect() -> None:
    from django.db.models.signals import post_delete
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-unpublished")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="pagecache-deleted")
