"""The test audio server itself: a played file arrives at the microphone sample for sample."""

from __future__ import annotations

import queue
import time

import numpy as np
import pytest
import soundfile

from tests.audio_server import VirtualMic

pytestmark = [pytest.mark.audio]


def test_portaudio_sees_the_virtual_mic(virtual_mic: VirtualMic) -> None:
    from voicecoach.audio.devices import list_input_devices

    names = [d.name for d in list_input_devices()]
    assert "default" in names or "pulse" in names
    assert virtual_mic.source in virtual_mic.pactl("list", "short", "sources")


def test_played_audio_reaches_a_raw_stream(virtual_mic: VirtualMic, tmp_path) -> None:
    import sounddevice as sd

    rate = 16000
    t = np.arange(rate) / rate
    tone = (np.sin(2 * np.pi * 330 * t) * 8000).astype(np.int16)
    wav = tmp_path / "tone.wav"
    soundfile.write(str(wav), tone, rate, subtype="PCM_16")
    blocks: queue.SimpleQueue[bytes] = queue.SimpleQueue()
    with sd.RawInputStream(
        samplerate=rate,
        channels=1,
        dtype="int16",
        blocksize=1600,
        callback=lambda data, frames, t, status: blocks.put(bytes(data)),
    ):
        first = blocks.get(timeout=10)
        virtual_mic.play(wav)
        time.sleep(0.3)
    chunks = [first]
    while not blocks.empty():
        chunks.append(blocks.get())
    got = np.frombuffer(b"".join(chunks), dtype=np.int16)
    start = int(np.argmax(np.abs(got) > 1000))
    assert np.array_equal(got[start : start + rate - 200], tone[np.argmax(np.abs(tone) > 1000) :][: rate - 200])
