"""Input devices, and every way "there is no microphone" shows up, turned into one clear message.

sounddevice is imported lazily: importing it raises OSError when the PortAudio library is missing, and the
rest of the app (history, scripts, analysis of files) must keep working on such a machine.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from enum import Enum
from typing import Any

from voicecoach.core.remedy import Problem, Remedy
from voicecoach.native_stderr import quiet_native_stderr

__all__ = [
    "DEVICE_NOT_FOUND",
    "NO_INPUT_DEVICE",
    "PA_DEVICE_UNAVAILABLE",
    "PA_INVALID_DEVICE",
    "PA_INVALID_SAMPLE_RATE",
    "PA_UNANTICIPATED_HOST_ERROR",
    "PORTAUDIO_MISSING",
    "AudioErrorKind",
    "AudioUnavailableError",
    "InputDevice",
    "default_input_index",
    "describe_portaudio_error",
    "list_input_devices",
    "load_sounddevice",
    "portaudio_problem",
    "resolve_input_device",
]

log = logging.getLogger(__name__)

PORTAUDIO_MISSING = "the PortAudio library is missing, so the microphone cannot be used"
NO_INPUT_DEVICE = (
    "no microphone found: plug one in (or start the sound server), check that it is not disabled, then try again"
)
DEVICE_NOT_FOUND = "no input device matches {device!r}"

# PortAudio's PaErrorCode values (portaudio.h) that say something the person can act on.
PA_UNANTICIPATED_HOST_ERROR = -9999
PA_INVALID_SAMPLE_RATE = -9997
PA_INVALID_DEVICE = -9996
PA_DEVICE_UNAVAILABLE = -9985


class AudioErrorKind(Enum):
    NO_PORTAUDIO = "PortAudio missing"
    NO_DRIVER = "sounddevice missing"
    NO_INPUT = "no microphone"
    NO_SUCH_DEVICE = "no such device"
    SAMPLE_RATE = "sample rate refused"
    OPEN_FAILED = "could not open"
    WRITE_FAILED = "could not write"


class AudioUnavailableError(RuntimeError, Problem):
    """The microphone cannot be used; ``str(exc)`` says what is wrong, ``remedies`` what to do about it."""

    kind: AudioErrorKind
    remedies: tuple[Remedy, ...] = (Remedy.CHECK_MICROPHONE,)

    def __init__(self, message: str, kind: AudioErrorKind = AudioErrorKind.OPEN_FAILED, *,
                 device: str | None = None, remedies: tuple[Remedy, ...] | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.device = device
        if remedies is not None:
            self.remedies = remedies


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
        raise AudioUnavailableError(PORTAUDIO_MISSING, AudioErrorKind.NO_PORTAUDIO,
                                    remedies=(Remedy.INSTALL_PORTAUDIO,)) from None
    except ImportError:
        raise AudioUnavailableError("the sounddevice package is not installed: pip install sounddevice",
                                    AudioErrorKind.NO_DRIVER, remedies=()) from None


def portaudio_problem(exc: BaseException) -> AudioUnavailableError:
    """A PortAudio failure as the error the app raises, told apart by its PaErrorCode (``exc.args[1]``,
    as sounddevice gives it), never by its wording. The codes themselves go to the log, not to the person;
    the host's own words ("Input/output error") are kept as a hint."""
    args: tuple[object, ...] = tuple(getattr(exc, "args", ()))
    code = args[1] if len(args) > 1 and isinstance(args[1], int) else None
    if code is not None:
        log.info("microphone problem: %s", exc)
    if code is None or code in (PA_INVALID_DEVICE, PA_DEVICE_UNAVAILABLE):
        # sounddevice raises a PortAudioError without a code when it cannot even query the device
        return AudioUnavailableError(NO_INPUT_DEVICE, AudioErrorKind.NO_INPUT)
    if code == PA_INVALID_SAMPLE_RATE:
        return AudioUnavailableError("the microphone refused the sample rate", AudioErrorKind.SAMPLE_RATE)
    host = args[2] if len(args) > 2 and isinstance(args[2], tuple) and len(args[2]) == 3 else None
    hint = str(host[2]).strip() if host is not None else ""
    return AudioUnavailableError(f"the microphone could not be opened ({hint})" if hint
                                 else "the microphone could not be opened", AudioErrorKind.OPEN_FAILED)


def describe_portaudio_error(exc: BaseException) -> str:
    """A user-facing sentence for a PortAudio failure (see ``portaudio_problem``)."""
    return str(portaudio_problem(exc))


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
        raise portaudio_problem(exc) from None
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
        raise AudioUnavailableError(NO_INPUT_DEVICE, AudioErrorKind.NO_INPUT)
    if device is None or device == "":
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(device, str) and device.strip().lstrip("-").isdigit():
        device = int(device.strip())
    if isinstance(device, int):
        for d in devices:
            if d.index == device:
                return d
        raise AudioUnavailableError(DEVICE_NOT_FOUND.format(device=device), AudioErrorKind.NO_SUCH_DEVICE,
                                    device=str(device))
    exact = [d for d in devices if d.name.lower() == device.lower()]
    partial = [d for d in devices if device.lower() in d.name.lower()]
    matches = exact or partial
    if not matches:
        raise AudioUnavailableError(DEVICE_NOT_FOUND.format(device=device), AudioErrorKind.NO_SUCH_DEVICE,
                                    device=device)
    return matches[0]
