"""Content Security Policy: strict on resident pages, what Wagtail's admin needs under /admin/.

Resident pages run no inline script at all (every script is a static file) and their only
inline style, the theme's CSS variables, carries the request's nonce. Wagtail's admin writes
inline scripts (date choosers, inline panels) and style attributes, so it gets
'unsafe-inline' (without a nonce, which would make browsers ignore it) but nothing from other
origins. This middleware sits inside the anonymous page cache: a cached page is replayed with
the header it was stored with, so its nonce and its inline style always match.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class SinergiCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        active = getattr(settings, name, None)
        relaxed = request.path_info.startswith(tuple(settings.CSP_ADMIN_PREFIXES))
        if active and relaxed and parts.config is None:
            parts.config = default_config(settings.CSP_ADMIN_DIRECTIVES)
        return parts
