"""Readable chart axes: round steps, distinct labels."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from voicecoach.core.chart_scale import nice_scale


def test_small_ranges_get_decimals_so_labels_differ() -> None:
    scale = nice_scale(0.0, 1.3)
    labels = [scale.label(t) for t in scale.ticks]
    assert labels == ["0.0", "0.5", "1.0", "1.5"]


def test_typical_ranges() -> None:
    assert nice_scale(42, 97).ticks == [40, 60, 80, 100]
    assert nice_scale(0.0, 0.1).label(0.025) == "0.025"
    assert [nice_scale(0, 9.4).label(t) for t in nice_scale(0, 9.4).ticks] == ["0.0", "2.5", "5.0", "7.5", "10.0"]
    flat = nice_scale(30, 30)
    assert flat.low < 30 < flat.high


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_scale_covers_the_values_with_distinct_labels(a: float, b: float) -> None:
    scale = nice_scale(a, b)
    assert scale.low <= min(a, b) + 1e-9 and scale.high >= max(a, b) - 1e-9
    labels = [scale.label(t) for t in scale.ticks]
    assert len(set(labels)) == len(labels) and 2 <= len(labels) <= 12
    assert all(abs(float(label) - t) <= scale.step * 1e-6 + 1e-9 for label, t in zip(labels, scale.ticks, strict=True))
