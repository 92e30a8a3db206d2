"""What other code may call of the prices module."""

from modules.prices.selectors import (  # noqa: F401
    MarketBoard,
    market_board,
    markets,
    region_today,
)
from modules.prices.services import NeedsConfirmation, record_day  # noqa: F401

__all__ = [
    "MarketBoard",
    "NeedsConfirmation",
    "market_board",
    "markets",
    "record_day",
    "region_today",
]
