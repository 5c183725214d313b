"""A held "umm": its hum follows the vowel after a short change of vowel colour at the same pitch. The hum
must join the vowel as one held stretch, so a recognised word over the whole "umm" is covered enough (70 %)
to be known for the hesitation it is."""

from __future__ import annotations

import pytest

from tests.sound_takes import RATE, have_tools, speak
from voicecoach.acoustics import measure
from voicecoach.core.filled_pauses import find_filled_pauses, merge_stretches
from voicecoach.core.settings import Settings
from voicecoach.core.transcript import Word

pytestmark = pytest.mark.skipif(not have_tools(), reason="espeak-ng is not installed")


@pytest.mark.parametrize("pitch", [30, 50, 70])
@pytest.mark.parametrize("phonemes", ["[[V:::m::]]", "[[@::m:::]]"])
def test_the_hum_of_a_held_umm_is_joined_to_its_vowel(phonemes: str, pitch: int) -> None:
    umm = speak(phonemes, pitch=pitch)
    seconds = len(umm) / RATE
    (held,) = merge_stretches(measure(umm, RATE).steady)
    assert held.seconds >= 0.7 * seconds, (held, seconds)


@pytest.mark.parametrize("pitch", [50, 70])
def test_a_word_the_recogniser_wrote_over_a_held_umm_is_a_filled_pause(pitch: int) -> None:
    import numpy as np

    gap = np.zeros(int(0.3 * RATE), dtype=np.float32)
    before, umm, after = speak("I saw"), speak("[[V:::m::]]", pitch=pitch), speak("your listing")
    samples = np.concatenate([before, gap, umm, gap, after])
    t0 = len(before) / RATE + 0.3
    t1 = t0 + len(umm) / RATE
    words = [Word("i", 0.0, 0.15), Word("saw", 0.15, len(before) / RATE), Word("our", t0 - 0.03, t1 + 0.03),
             Word("your", t1 + 0.3, t1 + 0.5), Word("listing", t1 + 0.5, len(samples) / RATE)]
    found = find_filled_pauses(words, measure(samples, RATE), Settings())
    assert [p.word_index for p in found] == [2]
