"""What other code may ask of the organisation directory."""

from __future__ import annotations


def position_label(user) -> str:
    """The positions `user` holds now, as one line for audit entries ('' for none)."""
    return ""
