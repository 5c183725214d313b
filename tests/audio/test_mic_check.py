"""The pre-take level check, with a fake microphone."""

from __future__ import annotations

import numpy as np
import pytest

from tests.fakes import FakeSoundDevice
from voicecoach.audio.devices import AudioUnavailableError
from voicecoach.audio.levels import NOT_HEARD
from voicecoach.audio.mic_check import check_microphone


def test_muted_microphone_is_not_heard() -> None:
    levels, message = check_microphone(0.5, sounddevice=FakeSoundDevice(speed=10))
    assert message == NOT_HEARD and len(levels) >= 5


def test_a_speaking_rep_passes_the_check() -> None:
    voice = np.random.default_rng(1).normal(0, 4000, 16000).astype(np.int16)
    levels, message = check_microphone(0.5, sounddevice=FakeSoundDevice(voice, speed=10))
    assert message is None and max(lv.peak_dbfs for lv in levels) > -20


def test_a_microphone_that_never_answers_counts_as_not_heard() -> None:
    _, message = check_microphone(0.5, sounddevice=FakeSoundDevice(start_delay=5), start_timeout=0.3)
    assert message == NOT_HEARD


def test_no_microphone_raises_the_user_message() -> None:
    with pytest.raises(AudioUnavailableError, match="no microphone found"):
        check_microphone(0.5, sounddevice=FakeSoundDevice.no_devices())
