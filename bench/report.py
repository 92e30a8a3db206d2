"""Collects figures, prints them beside their baselines, writes .bench/latest.json."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline: float
    target: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")


def median_seconds(action: Callable[[int], object], runs: int) -> tuple[float, list[float]]:
    timings = []
    for i in range(runs):
        started = time.perf_counter()
        action(i)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), timings


def publish(figures: list[Figure]) -> None:
    width = max(len(f.name) for f in figures)
    print()
    print(
        f"{'figure':<{width}}  {'value':>10}  {'baseline':>10}  {'ratio':>7}  baseline is / target"
    )
    for f in figures:
        print(
            f"{f.name:<{width}}  {f.value:>10.3f}  {f.baseline:>10.3f}  {f.ratio:>7.3f}  "
            f"{f.baseline_name} ({f.unit}){' / ' + f.target if f.target else ''}"
        )
    out = ROOT / ".bench" / "latest.json"
    out.parent.mkdir(exist_ok=True)
    payload = [{**asdict(f), "ratio": f.ratio} for f in figures]
    out.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"\nwritten to {out.relative_to(ROOT)}")
