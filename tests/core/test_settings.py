from __future__ import annotations

import pytest

from voicecoach.core.settings import Settings


def test_settings_round_trip_and_tolerance() -> None:
    s = Settings(pace_max_wpm=160, filler_words=("um",))
    assert Settings.from_dict(s.to_dict()) == s
    assert Settings.from_dict({"time_limit_seconds": 25, "not_a_setting": True}).time_limit_seconds == 25.0
    assert Settings.from_dict(None) == Settings()
    assert Settings.from_dict({"filler_words": ["UM", "Like"]}).filler_words == ("um", "like")
    for bad in ({"min_words": 2.5}, {"pace_min_wpm": "slow"}, {"filler_words": "um"}, {"min_words": True}):
        with pytest.raises(ValueError, match="setting"):
            Settings.from_dict(bad)
    with pytest.raises(ValueError):
        Settings.from_dict([1, 2])  # type: ignore[arg-type]
    assert s.replace(pace_max_wpm=150).pace_max_wpm == 150
    for bad in ({"dead_air_seconds": -1}, {"low_confidence": 1.5}, {"pace_min_wpm": 200}, {"min_words": float("nan")}):
        with pytest.raises(ValueError, match="setting"):
            Settings.from_dict(bad)
