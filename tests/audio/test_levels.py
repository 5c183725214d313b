"""Levels for the meter and the warnings before and after a take."""

from __future__ import annotations

import numpy as np
import pytest

from voicecoach.audio.levels import (
    CLIPPING,
    FLOOR_DBFS,
    MOSTLY_SILENT,
    NOT_HEARD,
    TOO_QUIET,
    Level,
    LevelStats,
    level_of,
    meter_fraction,
    pre_take_message,
)


def _sine(amplitude: float, seconds: float = 0.1, rate: int = 16000) -> bytes:
    t = np.arange(int(rate * seconds)) / rate
    return (np.sin(2 * np.pi * 440 * t) * amplitude).astype(np.int16).tobytes()


def test_digital_silence_reads_as_the_floor() -> None:
    assert level_of(bytes(3200)) == Level(FLOOR_DBFS, FLOOR_DBFS, False)
    assert level_of(b"") == Level(FLOOR_DBFS, FLOOR_DBFS, False)


def test_sine_rms_is_3_db_below_its_peak() -> None:
    level = level_of(_sine(16384))  # half of full scale: peak -6 dBFS, RMS -9 dBFS
    assert level.peak_dbfs == pytest.approx(-6.02, abs=0.05)
    assert level.rms_dbfs == pytest.approx(-9.03, abs=0.05)
    assert not level.clipped and not level.silent


def test_full_scale_is_clipping() -> None:
    assert level_of(_sine(32767)).clipped
    assert not level_of(_sine(30000)).clipped


def test_meter_fraction_spans_minus_60_to_0() -> None:
    assert meter_fraction(Level(-80, -70, False)) == 0.0
    assert meter_fraction(Level(-30, -20, False)) == pytest.approx(0.5)
    assert meter_fraction(Level(0, 0, True)) == 1.0


def test_pre_take_check_says_we_cannot_hear_you_on_silence() -> None:
    assert pre_take_message([level_of(bytes(3200))] * 10) == NOT_HEARD
    assert pre_take_message([]) == NOT_HEARD


def test_pre_take_check_accepts_speech_level_and_flags_quiet_and_clipping() -> None:
    assert pre_take_message([level_of(_sine(8000))] * 10) is None
    assert pre_take_message([level_of(_sine(600))] * 10) == TOO_QUIET
    assert pre_take_message([level_of(_sine(32767))] * 10) == CLIPPING


def test_take_warnings() -> None:
    stats = LevelStats()
    for _ in range(50):
        stats.add(level_of(bytes(3200)))
    assert stats.all_silent
    assert stats.warnings() == (MOSTLY_SILENT,)
    loud = LevelStats()
    for _ in range(20):
        loud.add(level_of(_sine(32767)))
    assert loud.warnings() == (CLIPPING,)
    fine = LevelStats()
    for _ in range(20):
        fine.add(level_of(_sine(8000)))
    assert fine.warnings() == () and fine.peak_dbfs == pytest.approx(-12.25, abs=0.1)
