"""Scoring arithmetic in exact decimals (SPEC §5): step scores, deductions, ladders, weights."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

HUNDRED = Decimal(100)
ZERO = Decimal(0)
T = TypeVar("T")


def quantize(value: Decimal, places: int = 4) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal | None:
    """part × 100 / whole, exact (None when there is nothing to count)."""
    if whole == 0:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


def step_score(pct: Decimal | None, points: Decimal, full_at: Decimal) -> Decimal:
    """Full points at ``full_at`` % or above, else pct × points / full_at (§5.1)."""
    if pct is None:
        return ZERO
    if pct >= full_at:
        return points
    return pct * points / full_at


def after_deductions(score: Decimal, deductions: Iterable[Decimal]) -> Decimal:
    """Never below zero."""
    return max(ZERO, score - sum(deductions, ZERO))


def ladder_score(value: Decimal | None, levels: Sequence[Decimal], mode: str, direction: str) -> Decimal:
    """The level (0–5) a result reaches on a five-level ladder (§5.4).

    ``step``: the highest level whose value is reached. ``linear``: between two levels, the
    fraction of the way from one to the next; below level 1 scores 0, at or beyond level 5 scores 5.
    ``lower_is_better`` reverses the comparison (dissatisfaction)."""
    if value is None:
        return ZERO
    sign = Decimal(1) if direction == "higher_is_better" else Decimal(-1)
    v = value * sign
    marks = [level * sign for level in levels]
    if v < marks[0]:
        return ZERO
    if v >= marks[-1]:
        return Decimal(len(marks))
    for index in range(len(marks) - 1):
        low, high = marks[index], marks[index + 1]
        if low <= v < high:
            reached = Decimal(index + 1)
            return reached if mode == "step" else reached + (v - low) / (high - low)
    raise AssertionError("levels are monotonic")


def weighted_score(scores: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Σ weight × score / Σ weight over (weight, score) pairs."""
    pairs = list(scores)
    total_weight = sum((w for w, _ in pairs), ZERO)
    if total_weight == 0:
        return None
    return sum((w * s for w, s in pairs), ZERO) / total_weight


def sample_size(population: int, rate: Decimal = Decimal("0.10")) -> int:
    """10 % rounded up (§5.1 step 2)."""
    return math.ceil(Decimal(population) * rate)


def draw_sample(items: Sequence[T], seed: int, size: int) -> list[T]:
    """A reproducible sample: the same items and seed give the same sample, whatever their order
    in the input (they are sorted first)."""
    ordered = sorted(items, key=str)
    return sorted(random.Random(seed).sample(ordered, min(size, len(ordered))), key=str)
