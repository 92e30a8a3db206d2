"""The region site's search over every enabled module's search provider."""

from __future__ import annotations

from django.utils.module_loading import import_string

from modules import gate, registry
from modules.manifest import SearchResult


def search_modules(query: str, limit: int = 10) -> list[SearchResult]:
    query = query.strip()
    if not query:
        return []
    enabled = gate.enabled_keys()
    results: list[SearchResult] = []
    for manifest in registry.all_manifests():
        if manifest.search and manifest.key in enabled:
            for result in import_string(manifest.search)(query, limit):
                result.module = manifest.key
                results.append(result)
    return results
