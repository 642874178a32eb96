"""Timing helpers: repeated runs with their median and spread, and the machine's load while measuring."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Samples:
    """Durations of repeated runs, in milliseconds."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def spread(self) -> float:
        """(max - min) / median: how noisy the runs were."""
        if len(self.values) < 2 or not self.median:
            return 0.0
        return (max(self.values) - min(self.values)) / self.median

    def as_dict(self) -> dict[str, Any]:
        return {
            "median_ms": round(self.median, 3),
            "min_ms": round(min(self.values), 3) if self.values else None,
            "max_ms": round(max(self.values), 3) if self.values else None,
            "spread": round(self.spread, 3),
            "runs": len(self.values),
        }


def repeat(fn: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[Samples, Any]:
    """Run `fn` `warmup` times untimed, then `runs` times timed; returns the samples and the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples = Samples()
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.values.append((time.perf_counter() - start) * 1000)
    return samples, result


def load_average() -> list[float]:
    """The 1, 5 and 15-minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    import platform
    import sqlite3

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load_average_at_start": load_average(),
    }
