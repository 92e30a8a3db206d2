"""The home page's service tiles: one per enabled module, as Tangerang LIVE shows them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from modules import gate, registry


@dataclass(frozen=True)
class Tile:
    key: str
    name: str
    summary: str
    icon: str
    url: str


def service_tiles() -> list[Tile]:
    enabled = gate.enabled_keys()
    return [
        Tile(
            key=m.key,
            name=str(m.name),
            summary=str(m.summary),
            icon=m.icon,
            url=reverse(f"{gate.app_name_for(m.key)}:{m.tile_url_name}"),
        )
        for m in registry.all_manifests()
        if m.key in enabled and m.tile_url_name
    ]
