"""Input devices, and every way "there is no microphone" shows up, turned into one clear message.

sounddevice is imported lazily: importing it raises OSError when the PortAudio library is missing, and the
rest of the app (history, scripts, analysis of files) must keep working on such a machine.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from voicecoach.native_stderr import quiet_native_stderr

PORTAUDIO_MISSING = (
    "the PortAudio library is missing, so the microphone cannot be used: install libportaudio2 "
    "(sudo apt-get install libportaudio2) or your system's PortAudio package"
)
NO_INPUT_DEVICE = (
    "no microphone found: plug one in (or start the sound server), check that it is not disabled, then try again"
)
DEVICE_NOT_FOUND = "no input device matches {device!r}: run `voicecoach devices` to see the list"


class AudioUnavailableError(RuntimeError):
    """The microphone cannot be used; ``str(exc)`` is a full sentence for the user."""


@dataclass(frozen=True, slots=True)
class InputDevice:
    index: int
    name: str
    default_samplerate: float
    max_input_channels: int
    is_default: bool = False

    def label(self) -> str:
        mark = " (default)" if self.is_default else ""
        return f"{self.name}{mark}"


def load_sounddevice(sd: Any = None) -> Any:
    """Return the given driver or the real sounddevice module, as AudioUnavailableError when it won't load."""
    if sd is not None:
        return sd
    try:
        with quiet_native_stderr():  # PortAudio's start-up makes ALSA and JACK print their probing
            return importlib.import_module("sounddevice")
    except OSError:
        raise AudioUnavailableError(PORTAUDIO_MISSING) from None
    except ImportError:
        raise AudioUnavailableError("the sounddevice package is not installed: pip install sounddevice") from None


def describe_portaudio_error(exc: BaseException) -> str:
    """A user-facing sentence for a PortAudio failure, keeping PortAudio's own words as a hint."""
    text = str(exc)
    if "querying device -1" in text or "No Default Input Device" in text or "Device unavailable" in text:
        return NO_INPUT_DEVICE
    if "Invalid sample rate" in text:
        return f"the microphone refused the sample rate ({text})"
    return f"the microphone could not be opened ({text or type(exc).__name__})"


def _portaudio_error(sd: Any) -> type[BaseException]:
    return getattr(sd, "PortAudioError", OSError)


def default_input_index(sd: Any = None) -> int | None:
    """The system's default input device, or None when there is none."""
    sd = load_sounddevice(sd)
    try:
        with quiet_native_stderr():
            info = sd.query_devices(kind="input")
    except (_portaudio_error(sd), ValueError):
        return None
    index = info.get("index") if isinstance(info, dict) else None
    return int(index) if index is not None and index >= 0 else None


def list_input_devices(sd: Any = None) -> list[InputDevice]:
    """Every device with at least one input channel; the default one is marked."""
    sd = load_sounddevice(sd)
    try:
        with quiet_native_stderr():
            raw = list(sd.query_devices())
    except _portaudio_error(sd) as exc:
        raise AudioUnavailableError(describe_portaudio_error(exc)) from None
    default = default_input_index(sd)
    devices = []
    for i, d in enumerate(raw):
        channels = int(d.get("max_input_channels", 0))
        if channels <= 0:
            continue
        index = int(d.get("index", i))
        devices.append(
            InputDevice(
                index=index,
                name=str(d.get("name", f"device {index}")),
                default_samplerate=float(d.get("default_samplerate") or 0.0),
                max_input_channels=channels,
                is_default=index == default,
            )
        )
    return devices


def resolve_input_device(device: int | str | None, sd: Any = None) -> InputDevice:
    """Pick the device to record from: an index, a (part of a) name, or None for the system default.

    Raises AudioUnavailableError with a clear message when nothing fits, so callers never pass PortAudio a
    device it will reject with a cryptic error.
    """
    devices = list_input_devices(sd)
    if not devices:
        raise AudioUnavailableError(NO_INPUT_DEVICE)
    if device is None or device == "":
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(device, str) and device.strip().lstrip("-").isdigit():
        device = int(device.strip())
    if isinstance(device, int):
        for d in devices:
            if d.index == device:
                return d
        raise AudioUnavailableError(DEVICE_NOT_FOUND.format(device=device))
    exact = [d for d in devices if d.name.lower() == device.lower()]
    partial = [d for d in devices if device.lower() in d.name.lower()]
    matches = exact or partial
    if not matches:
        raise AudioUnavailableError(DEVICE_NOT_FOUND.format(device=device))
    return matches[0]
