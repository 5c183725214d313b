"""Benchmark of microphone capture: CPU used by capture + WAV writing, and block-to-recogniser latency.

    .venv/bin/python bench/capture.py [--seconds 10] [--source pulse|fake] [--block 0.1]

``pulse`` (the default when PulseAudio is installed) records from a private PulseAudio server's virtual
microphone through PortAudio, exactly the app's real path, while speech-like noise is played into it;
``fake`` drives the same Recorder from tests/fakes.py in real time (no audio stack at all). Recognition is
excluded (a recogniser that does nothing is attached, so the feeding path itself is measured).

Figures:
- CPU share of one core: process CPU time (user + system, every thread, PortAudio's included) during the
  recording, divided by wall time; the idle process's own share, measured just before, is printed too.
  Goal < 5 %.
- Latency: from the moment the audio callback received a block to the moment the consumer thread hands
  it to the recogniser. Goal < 20 ms median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from voicecoach.audio.capture import Recorder  # noqa: E402
from voicecoach.core.transcript import Transcript  # noqa: E402

CPU_GOAL = 0.05
LATENCY_GOAL = 0.020
RATE = 16000


class NullRecognizer:
    """Takes every block and does nothing: recognition cost is not what is measured here."""

    def feed(self, pcm: bytes) -> str | None:
        return None

    def finish(self) -> Transcript:
        return Transcript(words=())


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _idle_share(seconds: float) -> float:
    c0, w0 = _cpu(), time.monotonic()
    time.sleep(seconds)
    return (_cpu() - c0) / (time.monotonic() - w0)


def _speechlike(seconds: float) -> np.ndarray:
    rng = np.random.default_rng(3)
    noise = rng.normal(0, 3000, int(RATE * seconds))
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3 * np.arange(len(noise)) / RATE)
    return np.clip(noise * envelope, -32768, 32767).astype(np.int16)


def _record(seconds: float, block: float, sd: object | None, play: object | None, out: Path) -> tuple[Recorder, float]:
    rec = Recorder(out, sounddevice=sd, recognizer=NullRecognizer(), block_seconds=block, max_seconds=seconds + 60)
    rec.start()
    if not rec.wait_started(10):
        raise SystemExit("the microphone did not start")
    player = play() if play is not None else None
    c0, w0 = _cpu(), time.monotonic()
    time.sleep(seconds)
    share = (_cpu() - c0) / (time.monotonic() - w0)
    result = rec.stop()
    if player is not None:
        player.kill()
        player.wait()
    if result.error:
        raise SystemExit(f"recording failed: {result.error}")
    return rec, share


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--block", type=float, default=0.1, help="block length in seconds (the app uses 0.1)")
    parser.add_argument("--source", choices=["pulse", "fake"], default=None)
    args = parser.parse_args(argv)

    from tests.audio_server import VirtualMic, pulseaudio_missing

    source = args.source or ("fake" if pulseaudio_missing() else "pulse")
    with tempfile.TemporaryDirectory(prefix="vc-bench-") as tmp:
        tmp_path = Path(tmp)
        audio = _speechlike(args.seconds + 5)
        wav = tmp_path / "speech.wav"
        soundfile.write(str(wav), audio, RATE, subtype="PCM_16")
        mic = None
        if source == "pulse":
            mic = VirtualMic(tmp_path / "pulse")
            mic.start()
            os.environ.update(mic.env())
            sd = None  # the real sounddevice, imported (so PortAudio initialised) only now the server is up
            play = lambda: mic.play(wav, wait=False)  # noqa: E731
        else:
            from tests.fakes import FakeSoundDevice

            sd = FakeSoundDevice(audio, speed=1.0)
            play = None
        try:
            idle = _idle_share(2.0)
            rec, share = _record(args.seconds, args.block, sd, play, tmp_path / "take.wav")
        finally:
            if mic is not None:
                mic.stop_server()
    lat = sorted(rec.timing.latencies)
    median = statistics.median(lat)
    p95 = lat[int(0.95 * (len(lat) - 1))]
    print(f"source: {source}, {args.seconds:.0f} s recorded in {args.block * 1000:.0f} ms blocks ({len(lat)} blocks)")
    print(f"first block after start: {rec.timing.first_block_after:.2f} s")
    print(
        f"capture + WAV writing CPU: {share * 100:.2f} % of one core (idle process {idle * 100:.2f} %); "
        f"goal < {CPU_GOAL * 100:.0f} %: ratio {share / CPU_GOAL:.2f}"
    )
    print(
        f"block arrival -> recogniser latency: median {median * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, "
        f"max {lat[-1] * 1000:.2f} ms; goal < {LATENCY_GOAL * 1000:.0f} ms median: ratio {median / LATENCY_GOAL:.3f}"
    )
    return 0 if share < CPU_GOAL and median < LATENCY_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
