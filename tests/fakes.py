"""Test doubles at the adapter boundaries.

``FakeSoundDevice`` stands in for the ``sounddevice`` module. Hand it to anything that takes
``sounddevice=`` (``Recorder``, ``list_input_devices``, ``check_microphone``) and it "plays" the audio you
give it into the ``RawInputStream`` callback from a background thread, block by block, like a microphone::

    from tests.fakes import FakeSoundDevice

    sd = FakeSoundDevice.from_wav("tests/data/hello.wav")     # or FakeSoundDevice(int16_array, samplerate=16000)
    sd = FakeSoundDevice(audio, speed=20.0)                   # 20x faster than real time (tests stay fast)
    rec = Recorder(tmp_path / "take.wav", sounddevice=sd, recognizer=my_recognizer)
    rec.start()
    sd.wait_played(timeout=5)                                # every sample of `audio` has been delivered
    result = rec.stop()

Knobs, all keyword arguments of the constructor:

- ``speed``: 1.0 is real time; larger is faster; ``0`` means "as fast as the consumer can take it".
- ``start_delay``: seconds between ``stream.start()`` and the first callback (real devices take 0.3–2 s).
- ``after_audio``: what happens once the audio is used up: ``"silence"`` (default: keep sending zeros, as a
  live microphone does) or ``"stop"`` (no more callbacks, the stream stays "active": a stalled device).
- ``fail_on_open``: an exception instance raised by ``RawInputStream(...)`` (e.g. the no-device error);
  ``fail_on_start``: the same, raised by ``stream.start()``.
- ``error_after``: seconds of audio after which the device "disappears": callbacks stop, the stream goes
  inactive and ``finished_callback`` runs, which is what PortAudio does when PulseAudio loses the source.
- ``overflow_every``: every N-th callback carries ``status.input_overflow``.
- ``slow_close``: a ``threading.Event``; ``stop()``/``abort()`` return only once it is set, as closing a
  PulseAudio stream can take a long while. Callbacks keep coming until then, as they do from PortAudio.
- ``devices``: the device list (dicts as ``sounddevice.query_devices`` returns); default: one input device
  and one output-only device. ``no_devices()`` builds a module with none (``query_devices(kind="input")``
  raises ``PortAudioError('Error querying device -1')`` just as the real one does).
- ``supported_rates``: if given, opening a stream at any other rate raises ``PortAudioError('Invalid sample
  rate')``; the audio is then delivered as-is at the device's rate (give it audio at that rate). With the
  default device list, the input device's ``default_samplerate`` is ``samplerate``.

``sd.streams`` lists every stream opened, for assertions (``samplerate``, ``blocksize``, ``device``,
``closed``, ``frames_delivered``: frames whose callback has returned). ``sd.PortAudioError`` is the fake's
own exception class.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np


class FakePortAudioError(Exception):
    """Plays the part of ``sounddevice.PortAudioError``: args (message, PaErrorCode, (host API, host error code,
    host error text)), each when known, and the same wording of them as ``str()``."""

    def __str__(self) -> str:
        text = str(self.args[0]) if self.args else ""
        if len(self.args) > 1:
            text = f"{text} [PaErrorCode {self.args[1]}]"
        if len(self.args) > 2:
            _api, code, host_text = self.args[2]
            text = f"{text}: '{host_text}' [ALSA error {code}]"
        return text


class FakeCallbackFlags:
    """The ``status`` argument of a callback: falsy unless a flag is set."""

    def __init__(self, input_overflow: bool = False) -> None:
        self.input_overflow = input_overflow
        self.input_underflow = False

    def __bool__(self) -> bool:
        return self.input_overflow

    def __str__(self) -> str:
        return "input overflow" if self.input_overflow else ""


DEFAULT_DEVICES: tuple[dict[str, Any], ...] = (
    {
        "name": "Fake USB Microphone",
        "index": 0,
        "hostapi": 0,
        "max_input_channels": 1,
        "max_output_channels": 0,
        "default_samplerate": 16000.0,
    },
    {
        "name": "Fake Speakers",
        "index": 1,
        "hostapi": 0,
        "max_input_channels": 0,
        "max_output_channels": 2,
        "default_samplerate": 48000.0,
    },
)


class _Default:
    def __init__(self, device: list[int]) -> None:
        self.device = device
        self.samplerate: float | None = None


class FakeRawInputStream:
    """Delivers the owner's audio to ``callback`` from a thread, like PortAudio's audio thread."""

    def __init__(self, owner: FakeSoundDevice, **kwargs: Any) -> None:
        self._owner = owner
        self.samplerate = float(kwargs.get("samplerate") or owner.device_rate)
        self.blocksize = int(kwargs.get("blocksize") or 1024)
        self.device = kwargs.get("device")
        self.channels = kwargs.get("channels") or 1
        self.dtype = kwargs.get("dtype") or "int16"
        self._callback: Callable[..., None] | None = kwargs.get("callback")
        self._finished_callback: Callable[[], None] | None = kwargs.get("finished_callback")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.active = False
        self.closed = False
        self.callbacks = 0
        self.frames_delivered = 0

    # -- the sounddevice stream API the adapter uses -------------------------------------------------
    def start(self) -> None:
        if self.closed:
            raise FakePortAudioError("Stream is closed")
        if self._owner.fail_on_start is not None:
            raise self._owner.fail_on_start
        self.active = True
        self._thread = threading.Thread(target=self._run, name="fake-portaudio", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._owner.slow_close is not None:
            self._owner.slow_close.wait()
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self.active = False

    abort = stop

    def close(self) -> None:
        self.stop()
        self.closed = True

    @property
    def stopped(self) -> bool:
        return not self.active

    # -- the "audio thread" --------------------------------------------------------------------------
    def _run(self) -> None:
        owner = self._owner
        if owner.start_delay and self._stop.wait(owner.start_delay):
            return
        self._pos = 0
        t0 = time.monotonic()
        delivered = 0
        error_at = None if owner.error_after is None else int(owner.error_after * self.samplerate)
        while not self._stop.is_set():
            if error_at is not None and delivered >= error_at:
                self._device_lost()
                return
            block = self._next_block()
            if block is None:
                self._stop.wait(0.05)
                continue
            self._deliver(block)
            delivered += len(block)
            self.frames_delivered = delivered
            self._keep_pace(t0, delivered)
        self.active = False

    def _device_lost(self) -> None:
        self.active = False
        if self._finished_callback is not None:
            self._finished_callback()

    def _next_block(self) -> np.ndarray | None:
        """The next block of the audio (zero-padded), silence after it, or None when the audio is over
        and the device is to go quiet (``after_audio="stop"``)."""
        owner, audio = self._owner, self._owner.audio
        if self._pos < len(audio):
            block = audio[self._pos : self._pos + self.blocksize]
            self._pos += len(block)
            if self._pos >= len(audio):
                owner.played.set()
        else:
            owner.played.set()
            if owner.after_audio == "stop":
                return None
            block = np.zeros(self.blocksize, dtype=np.int16)
        if len(block) < self.blocksize:
            block = np.concatenate([block, np.zeros(self.blocksize - len(block), dtype=np.int16)])
        return block

    def _deliver(self, block: np.ndarray) -> None:
        self.callbacks += 1
        overflow = bool(self._owner.overflow_every) and self.callbacks % self._owner.overflow_every == 0
        if self._callback is not None:
            self._callback(block.tobytes(), len(block), None, FakeCallbackFlags(overflow))

    def _keep_pace(self, t0: float, delivered: int) -> None:
        """Play at ``speed`` times real time (0: as fast as the consumer takes it)."""
        if self._owner.speed > 0:
            delay = t0 + delivered / self.samplerate / self._owner.speed - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
        else:
            time.sleep(0)

    def __enter__(self) -> FakeRawInputStream:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FakeSoundDevice:
    """A stand-in for the ``sounddevice`` module; see the module docstring for how to drive it."""

    PortAudioError = FakePortAudioError
    CallbackFlags = FakeCallbackFlags

    def __init__(
        self,
        audio: np.ndarray | bytes | Sequence[int] | None = None,
        *,
        samplerate: int = 16000,
        speed: float = 1.0,
        start_delay: float = 0.0,
        after_audio: str = "silence",
        fail_on_open: BaseException | None = None,
        fail_on_start: BaseException | None = None,
        error_after: float | None = None,
        overflow_every: int = 0,
        slow_close: threading.Event | None = None,
        devices: Sequence[dict[str, Any]] | None = None,
        default_input: int | None = None,
        supported_rates: Sequence[int] | None = None,
    ) -> None:
        if audio is None:
            audio = np.zeros(0, dtype=np.int16)
        if isinstance(audio, bytes | bytearray):
            audio = np.frombuffer(audio, dtype=np.int16)
        arr = np.asarray(audio)
        if arr.ndim > 1:
            arr = arr[:, 0]
        if arr.dtype != np.int16:
            if np.issubdtype(arr.dtype, np.floating):
                arr = np.clip(arr * 32767.0, -32768, 32767)
            arr = arr.astype(np.int16)
        self.audio = arr
        self.device_rate = samplerate
        self.speed = speed
        self.start_delay = start_delay
        self.after_audio = after_audio
        self.fail_on_open = fail_on_open
        self.fail_on_start = fail_on_start
        self.error_after = error_after
        self.overflow_every = overflow_every
        self.slow_close = slow_close
        self.devices = [dict(d) for d in (DEFAULT_DEVICES if devices is None else devices)]
        if devices is None:
            self.devices[0]["default_samplerate"] = float(samplerate)
        if default_input is None:
            default_input = next((d["index"] for d in self.devices if d.get("max_input_channels", 0) > 0), -1)
        self.default = _Default([default_input, -1])
        self.supported_rates = None if supported_rates is None else {int(r) for r in supported_rates}
        self.streams: list[FakeRawInputStream] = []
        self.played = threading.Event()

    # -- constructors ---------------------------------------------------------------------------------
    @classmethod
    def from_wav(cls, path: str | Path, **kwargs: Any) -> FakeSoundDevice:
        """Play a WAV file (first channel); the device's rate is the file's rate."""
        import soundfile

        data, rate = soundfile.read(str(path), dtype="int16", always_2d=True)
        kwargs.setdefault("samplerate", rate)
        return cls(data[:, 0], **kwargs)

    @classmethod
    def no_devices(cls) -> FakeSoundDevice:
        """A machine with no audio device (or no audio server) at all."""
        return cls(devices=[], default_input=-1)

    # -- the module API --------------------------------------------------------------------------------
    def wait_played(self, timeout: float = 10.0) -> bool:
        """Block until every sample of the audio has been handed to a callback."""
        return self.played.wait(timeout)

    def _device_dict(self, device: int | str | None) -> dict[str, Any]:
        if device is None or device == -1:
            device = self.default.device[0]
        if isinstance(device, str):
            for d in self.devices:
                if device.lower() in d["name"].lower():
                    return d
            raise ValueError(f"No input/output device matching {device!r}")
        for d in self.devices:
            if d["index"] == device:
                return d
        raise FakePortAudioError(f"Error querying device {device}")

    def query_devices(self, device: int | str | None = None, kind: str | None = None) -> Any:
        if device is None and kind is None:
            return [dict(d) for d in self.devices]
        if kind == "input" and device is None:
            return dict(self._device_dict(self.default.device[0]))
        return dict(self._device_dict(device))

    def check_input_settings(
        self,
        device: int | str | None = None,
        channels: int | None = None,
        dtype: Any = None,
        extra_settings: Any = None,
        samplerate: float | None = None,
    ) -> None:
        d = self._device_dict(device)
        if d.get("max_input_channels", 0) < (channels or 1):
            raise FakePortAudioError("Invalid number of channels")
        if samplerate is not None and self.supported_rates is not None and int(samplerate) not in self.supported_rates:
            raise FakePortAudioError("Error opening InputStream: Invalid sample rate [PaErrorCode -9997]")

    def RawInputStream(self, **kwargs: Any) -> FakeRawInputStream:
        if self.fail_on_open is not None:
            raise self.fail_on_open
        self.check_input_settings(kwargs.get("device"), kwargs.get("channels"), samplerate=kwargs.get("samplerate"))
        stream = FakeRawInputStream(self, **kwargs)
        self.streams.append(stream)
        return stream

    def _terminate(self) -> None:
        pass

    def _initialize(self) -> None:
        pass
