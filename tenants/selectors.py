"""Reads about regions for pages and consoles."""

from __future__ import annotations

from django.db.models import QuerySet

from tenants.models import Region


def partner_directory() -> QuerySet[Region]:
    """Live regions with their primary domain, for the platform's directory."""
    return (
        Region.objects.filter(status=Region.Status.ACTIVE)
        .prefetch_related("domains")
        .order_by("-is_lead_city", "name")
    )
