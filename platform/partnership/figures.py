"""Pooling statistics across regions without averaging them.

Durations are kept as a histogram over fixed buckets (hours): a histogram carries no
identity and stays the same size however many reports a region has, and the histograms of
regions add up to exactly the histogram of all their durations together. The median is
then read from the pooled histogram by linear interpolation inside the bucket that holds
it: exact to within that bucket (the buckets are narrow where responses usually fall)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

# Upper edges (hours) of the buckets; the last bucket is everything from 2160 h (90 days) up.
BUCKET_EDGES = (
    1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 30, 36, 48, 60, 72, 96, 120, 144, 168,
    216, 264, 336, 504, 720, 1080, 1440, 2160,
)  # fmt: skip
BUCKETS = len(BUCKET_EDGES) + 1


def histogram(hours: Iterable[float]) -> list[int]:
    counts = [0] * BUCKETS
    for value in hours:
        counts[bisect_right(BUCKET_EDGES, max(0.0, float(value)))] += 1
    return counts


def add(histograms: Iterable[list[int]]) -> list[int]:
    total = [0] * BUCKETS
    for counts in histograms:
        for index, count in enumerate(counts or ()):
            total[index] += count
    return total


def median(counts: list[int]) -> float | None:
    """The median of a histogram, interpolated inside its bucket; None when empty."""
    n = sum(counts)
    if not n:
        return None
    half = n / 2
    seen = 0
    for index, count in enumerate(counts):
        if count and seen + count >= half:
            low = BUCKET_EDGES[index - 1] if index else 0.0
            high = BUCKET_EDGES[index] if index < len(BUCKET_EDGES) else low * 2
            return round(low + (high - low) * (half - seen) / count, 1)
        seen += count
    return None


def bucket_of(hours: float) -> tuple[float, float]:
    """The bucket (low, high) a duration falls in."""
    index = bisect_right(BUCKET_EDGES, max(0.0, hours))
    low = BUCKET_EDGES[index - 1] if index else 0.0
    high = BUCKET_EDGES[index] if index < len(BUCKET_EDGES) else float("inf")
    return low, high


def percent(numerator: float, denominator: float) -> float | None:
    return round(numerator * 100 / denominator, 1) if denominator else None
