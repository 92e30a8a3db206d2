"""Resident pages at /laksa/."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from modules.laksa import selectors


def index(request):
    reports = selectors.public_reports()[:20]
    return render(request, "laksa/index.html", {"reports": reports})


def track(request, code: str):
    report = selectors.report_by_code(code)
    if report is None:
        raise Http404
    response = render(
        request,
        "laksa/track.html",
        {"report": report, "events": selectors.timeline(report)},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
