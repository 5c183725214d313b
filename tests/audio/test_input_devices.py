"""Device listing and choice, and every way "no microphone" turns into one clear message."""

from __future__ import annotations

import importlib

import pytest

from tests.fakes import FakeSoundDevice
from voicecoach.audio import devices as devices_mod
from voicecoach.audio.devices import (
    NO_INPUT_DEVICE,
    PORTAUDIO_MISSING,
    AudioErrorKind,
    AudioUnavailableError,
    default_input_index,
    list_input_devices,
    load_sounddevice,
    resolve_input_device,
)
from voicecoach.cli.remedies import error_line
from voicecoach.core.remedy import Remedy

TWO_MICS = [
    {"name": "Built-in Audio", "index": 0, "max_input_channels": 2, "default_samplerate": 44100.0},
    {"name": "HDMI", "index": 1, "max_input_channels": 0, "default_samplerate": 48000.0},
    {"name": "USB Headset Mic", "index": 2, "max_input_channels": 1, "default_samplerate": 48000.0},
]


def test_only_input_devices_are_listed_and_the_default_is_marked() -> None:
    sd = FakeSoundDevice(devices=TWO_MICS, default_input=2)
    found = list_input_devices(sd)
    assert [(d.index, d.name, d.is_default) for d in found] == [
        (0, "Built-in Audio", False),
        (2, "USB Headset Mic", True),
    ]
    assert found[1].default_samplerate == 48000.0
    assert default_input_index(sd) == 2


def test_device_choice_by_index_name_or_default() -> None:
    sd = FakeSoundDevice(devices=TWO_MICS, default_input=2)
    assert resolve_input_device(None, sd).index == 2
    assert resolve_input_device(0, sd).index == 0
    assert resolve_input_device("0", sd).index == 0
    assert resolve_input_device("headset", sd).index == 2
    with pytest.raises(AudioUnavailableError) as info:
        resolve_input_device("bluetooth", sd)
    assert info.value.kind is AudioErrorKind.NO_SUCH_DEVICE and info.value.device == "bluetooth"
    assert "voicecoach devices" in error_line(info.value)
    with pytest.raises(AudioUnavailableError, match="matches 1"):
        resolve_input_device(1, sd)  # an output-only device


def test_no_device_at_all() -> None:
    sd = FakeSoundDevice.no_devices()
    assert list_input_devices(sd) == []
    assert default_input_index(sd) is None
    with pytest.raises(AudioUnavailableError) as info:
        resolve_input_device(None, sd)
    assert str(info.value) == NO_INPUT_DEVICE


def test_portaudio_library_missing_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = importlib.import_module

    def failing_import(name: str, *args: object) -> object:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *args)

    monkeypatch.setattr(devices_mod.importlib, "import_module", failing_import)
    with pytest.raises(AudioUnavailableError) as info:
        load_sounddevice()
    assert str(info.value) == PORTAUDIO_MISSING and info.value.remedy is Remedy.INSTALL_PORTAUDIO
    assert "libportaudio2" in error_line(info.value)


def test_error_querying_device_minus_one_is_the_no_device_message() -> None:
    from voicecoach.audio.devices import describe_portaudio_error

    assert describe_portaudio_error(FakeSoundDevice.PortAudioError("Error querying device -1")) == NO_INPUT_DEVICE
    refused = FakeSoundDevice.PortAudioError("Error opening RawInputStream: Invalid sample rate", -9997)
    assert "refused the sample rate" in describe_portaudio_error(refused)
