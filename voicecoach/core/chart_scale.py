"""A value axis people can read: round steps, and as many decimals as the step needs.

Shared by the app's progress charts and the session report's SVG charts. Labels printed with a fixed
"%.0f" once read "1, 1, 1, 0, 0, 0" on a 0–1.5 filler axis; here every label differs from its neighbour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Scale", "nice_scale"]


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    step: float
    decimals: int

    @property
    def ticks(self) -> list[float]:
        n = round((self.high - self.low) / self.step)
        return [round(self.low + i * self.step, self.decimals) for i in range(n + 1)]

    def label(self, value: float) -> str:
        return f"{value:.{self.decimals}f}"


def _nice_step(raw: float) -> float:
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def nice_scale(low: float, high: float, ticks: int = 4, *, floor_zero: bool = True) -> Scale:
    """A range covering [low, high] in about ``ticks`` round steps (1, 2, 2.5 or 5 times a power of ten).

    With ``floor_zero`` a range of non-negative values never dips below zero.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    low, high = min(low, high), max(low, high)
    if high - low < 1e-9:
        pad = max(abs(high) * 0.1, 0.5)
        low, high = low - pad, high + pad
    step = _nice_step((high - low) / max(1, ticks))
    lo, hi = math.floor(low / step) * step, math.ceil(high / step) * step
    if floor_zero and low >= 0:
        lo = max(0.0, lo)
    decimals = next(d for d in range(12) if abs(round(step, d) - step) < step * 1e-6)  # 2.5 needs one
    return Scale(lo, hi, step, decimals)
