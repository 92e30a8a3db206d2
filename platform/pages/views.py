"""The region site's search page: its pages and every enabled module."""

from __future__ import annotations

from django.shortcuts import render
from wagtail.models import Page

from modules.search import search_modules

MAX_QUERY = 100


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    pages = Page.objects.live().public().search(query)[:20] if query else []
    context = {"query": query, "pages": pages, "module_results": search_modules(query)}
    return render(request, "pages/search.html", context)


def robots_txt(request):
    from django.http import HttpResponse

    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /akun/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
