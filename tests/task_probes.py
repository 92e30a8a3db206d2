"""Functions the worker tests run on a real django-q2 worker."""

from django.db import connection


def titles_seen() -> dict:
    from wagtail.models import Page

    return {
        "schema": connection.schema_name,
        "titles": sorted(Page.objects.filter(depth__gt=1).values_list("title", flat=True)),
    }
