"""The pre-take level check: listen to the microphone for a moment before the rep starts talking, so
nobody records thirty seconds of silence because the mute switch was on."""

from __future__ import annotations

import queue
import time
from typing import Any

from voicecoach.audio.devices import (
    load_sounddevice,
    portaudio_problem,
    resolve_input_device,
)
from voicecoach.audio.levels import Level, level_of, pre_take_message

__all__ = ["check_microphone"]


def check_microphone(
    seconds: float = 1.5, *, device: int | str | None = None, sounddevice: Any = None, start_timeout: float = 5.0
) -> tuple[list[Level], str | None]:
    """The pre-take level check: listen briefly, return the levels and a message when it's not usable.

    Runs on the caller's thread and blocks for about ``start_timeout + seconds`` at most; the GUI calls it
    from a worker. Raises AudioUnavailableError when the microphone can't be opened at all.
    """
    sd = load_sounddevice(sounddevice)
    pa_error = getattr(sd, "PortAudioError", OSError)
    dev = resolve_input_device(device, sd)
    rate = int(dev.default_samplerate or 16000)
    blocks: queue.SimpleQueue[bytes] = queue.SimpleQueue()
    try:
        stream = sd.RawInputStream(
            samplerate=rate,
            blocksize=rate // 10,
            device=dev.index,
            channels=1,
            dtype="int16",
            callback=lambda indata, frames, t, status: blocks.put(bytes(indata)),
        )
        stream.start()
    except pa_error as exc:
        raise portaudio_problem(exc) from None
    levels: list[Level] = []
    try:
        deadline = time.monotonic() + start_timeout
        got = 0.0
        while got < seconds and time.monotonic() < deadline:
            try:
                data = blocks.get(timeout=0.2)
            except queue.Empty:
                continue
            if not levels:
                deadline = time.monotonic() + seconds + 1.0
            levels.append(level_of(data))
            got += len(data) / 2 / rate
    finally:
        try:
            stream.stop()
            stream.close()
        except Exception:
            pass
    return levels, pre_take_message(levels)
