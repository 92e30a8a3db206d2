"""Per-address limits on the public sign-up pages (the form and the live subdomain check),
so nobody floods the queue or walks the list of taken subdomains.

Counted in the shared cache, in fixed windows: every process sees the same count, and the
cache's key function prefixes the schema, so counts never mix across hosts.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from audit.api import client_ip


def over_limit(request, scope: str) -> bool:
    """Count this request; True when the address has used up `scope`'s allowance."""
    allowed, seconds = settings.ONBOARDING_RATE_LIMITS[scope]
    address = client_ip(request) or "unknown"
    window = int(time.time() // seconds)
    digest = hashlib.sha256(address.encode()).hexdigest()[:24]
    key = f"onboarding.rate:{scope}:{digest}:{window}"
    cache.add(key, 0, timeout=seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 5)
        count = 1
    return count > allowed
