"""Every threshold the checks use, in one place, so a coach can tune them and a report can cite them.

Defaults follow common voicemail-prospecting advice: under 30 seconds, a conversational 120–170 words per
minute, the phone number slowly enough to write down, no dead air.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DEFAULT_FILLED_PAUSE_SHORT_WORDS",
    "DEFAULT_FILLED_PAUSE_WORDS",
    "DEFAULT_FILLERS",
    "DEFAULT_PRIOR_CALL_PHRASES",
    "DEFAULT_PRODUCT_PHRASES",
    "Settings",
]

DEFAULT_FILLERS: tuple[str, ...] = (
    "um", "uh", "er", "erm", "ah", "uhm", "hmm", "mm",
    "like", "you know", "i mean", "kind of", "sort of",
    "basically", "literally", "honestly",
)  # fmt: skip

# What a recogniser writes for a held "uhh" when it writes anything: a hesitation sound, or a short
# real word, which must be held longer before it counts ("thee…" is a hesitation, a slow "the" is not).
DEFAULT_FILLED_PAUSE_WORDS: tuple[str, ...] = ("uh", "um", "er", "erm", "ah", "uhm", "hmm", "mm", "hm", "huh")
DEFAULT_FILLED_PAUSE_SHORT_WORDS: tuple[str, ...] = ("a", "the", "oh", "and")

DEFAULT_PRODUCT_PHRASES: tuple[str, ...] = (
    "our product", "our products", "our service", "our services", "our solution", "our solutions",
    "our platform", "our software", "our company", "our team", "our tool", "we offer", "we provide",
    "we sell", "we specialize", "we are the", "we're the", "we've built", "we have a",
)  # fmt: skip

DEFAULT_PRIOR_CALL_PHRASES: tuple[str, ...] = (
    "following up", "follow up on", "my last message", "my last voicemail", "my previous message",
    "my previous voicemail", "my last call", "as i mentioned", "as promised", "circling back",
    "getting back to you", "returning your call", "touching base again", "checking back in",
    "we spoke", "we talked", "last time we",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds for every check. from_dict ignores unknown keys so old stored preferences keep loading;
    a file the user hands in is read with ``strict=True``, so a misspelt key is not silently ignored."""

    # length
    time_limit_seconds: float = 30.0
    min_speech_seconds: float = 8.0
    min_words: int = 20
    # pace
    pace_min_wpm: float = 120.0
    pace_max_wpm: float = 170.0
    pace_min_words: int = 15
    number_max_digits_per_second: float = 3.0
    # pauses and clarity
    dead_air_seconds: float = 2.0
    low_confidence: float = 0.5
    unclear_min_words: int = 3
    # contact
    unprofiled_number_min_digits: int = 7
    partial_number_min_digits: int = 3
    name_min_ratio: float = 88.0
    name_phonetic_min_ratio: float = 60.0
    name_sound_min_ratio: float = 80.0  # sound keys (phonemes) of a name as heard vs as written; 0 = off
    repeat_end_fraction: float = 0.4
    repeat_parts: tuple[str, ...] = ("number",)  # add "name" to also ask for the name at the end
    number_join_max_words: int = 3
    number_join_max_seconds: float = 2.5
    # recognition reliability (see docs/analysis.md, "Can the words be trusted?")
    unreliable_min_points: int = 2
    unreliable_low_confidence_share: float = 0.35
    unreliable_min_words: int = 8
    unreliable_script_known_share: float = 0.6
    unreliable_foreign_share: float = 0.5
    unreliable_constrained_gain: float = 0.3
    unreliable_min_agreement: float = 0.5
    unreliable_words_per_voiced_second: float = 0.8
    unreliable_min_voiced_seconds: float = 3.0
    confirm_min_constrained_coverage: float = 0.7  # an unreliable take's miss still counts if this much was found
    # rambling
    filler_words: tuple[str, ...] = DEFAULT_FILLERS
    rambling_filler_rate: float = 0.05
    rambling_min_fillers: int = 3
    rambling_restarts: int = 3
    rambling_off_plan_share: float = 0.4
    rambling_off_plan_min_words: int = 20
    rambling_plan_word_ratio: float = 1.4
    # advice
    product_phrases: tuple[str, ...] = DEFAULT_PRODUCT_PHRASES
    prior_call_phrases: tuple[str, ...] = DEFAULT_PRIOR_CALL_PHRASES
    opener_window_words: int = 12
    lint_wpm: float = 150.0
    lint_max_topics: int = 1
    lint_early_fraction: float = 0.4
    # the sound itself (need the recording; docs/analysis.md says why each value)
    filled_pause_min_seconds: float = 0.15
    filled_pause_max_semitones: float = 2.0
    filled_pause_words: tuple[str, ...] = DEFAULT_FILLED_PAUSE_WORDS
    filled_pause_short_words: tuple[str, ...] = DEFAULT_FILLED_PAUSE_SHORT_WORDS
    filled_pause_short_word_seconds: float = 0.3
    filled_pause_word_cover: float = 0.7
    monotone_semitones: float = 4.0
    monotone_min_voiced_seconds: float = 5.0
    quiet_speech_dbfs: float = -38.0
    clipping_min_events: int = 3
    trail_off_db: float = 6.0
    trail_off_min_seconds: float = 0.8
    hook_max_seconds: float = 6.0  # seconds before the reason spent on anything but the introduction
    # score
    score_error_points: int = 20
    score_warning_points: int = 8
    score_tip_points: int = 2
    score_tip_cap: int = 6

    def __post_init__(self) -> None:
        """Reject thresholds no check can work with, so a bad settings file fails loudly, once."""
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                if f.name in _DBFS:
                    if not math.isfinite(value) or value > 0:
                        raise ValueError(f"setting {f.name!r} is a level in dBFS, at most 0, got {value!r}")
                elif not math.isfinite(value) or value < 0:
                    raise ValueError(f"setting {f.name!r} must be a number of at least 0, got {value!r}")
                if f.name in _FRACTIONS and value > 1:
                    raise ValueError(f"setting {f.name!r} is a share between 0 and 1, got {value!r}")
        if self.pace_min_wpm > self.pace_max_wpm:
            raise ValueError("setting 'pace_min_wpm' must not be above 'pace_max_wpm'")

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, *, strict: bool = False) -> Settings:
        """Build settings from a mapping, values coerced to the field type. Unknown keys are ignored (old
        stored preferences keep loading) unless ``strict``: a file the user wrote names a misspelt key."""
        if data is not None and not isinstance(data, Mapping):
            raise ValueError("settings must be an object of threshold names to values")
        if strict and data:
            _reject_unknown(data)
        if not data:
            return cls()
        defaults = cls()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            values[f.name] = _coerce(f.name, data[f.name], getattr(defaults, f.name))
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


_DBFS = frozenset({"quiet_speech_dbfs"})
_FRACTIONS = frozenset(
    {
        "repeat_end_fraction", "lint_early_fraction", "rambling_filler_rate", "rambling_off_plan_share",
        "filled_pause_word_cover", "low_confidence", "unreliable_low_confidence_share", "unreliable_script_known_share",
        "unreliable_constrained_gain", "confirm_min_constrained_coverage", "unreliable_foreign_share",
        "unreliable_min_agreement",
    }
)  # fmt: skip


def _reject_unknown(data: Mapping[str, Any]) -> None:
    known = [f.name for f in dataclasses.fields(Settings)]
    for key in data:
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
            hint = f"; did you mean {near[0]!r}?" if near else " (the setting names are listed in docs/analysis.md)"
            raise ValueError(f"unknown setting {str(key)[:80]!r}{hint}")


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _coerce(name: str, value: Any, default: Any) -> Any:
    try:
        if isinstance(default, tuple):
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise TypeError
            return tuple(str(v).lower() for v in value)
        if isinstance(default, bool):
            return bool(value)
        if isinstance(default, int):
            if isinstance(value, bool) or float(value) != int(value):
                raise TypeError
            return int(value)
        if isinstance(default, float):
            if isinstance(value, bool):
                raise TypeError
            return float(value)
    except (TypeError, ValueError, OverflowError):
        got = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise ValueError(f"setting {name!r} must be like {_plain(default)!r}, got {got}") from None
    return value
