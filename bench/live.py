"""Benchmark of the live checklist: how soon a tick follows the words, whether it agrees with the report,
and what it costs Stop -> report.

    .venv/bin/python bench/live.py [--pairs 2] [--mic-pairs 1] [--takes clean,missing_number,...]

The real main window (offscreen) with the real Korean model decoding real speech in real time (espeak-ng,
as in bench/gui_latency.py), so the recogniser and the live checklist compete for the CPU as they do in
use. What the recogniser *prints* is replaced by a recorded English take of the test suite (tests/data/takes),
at that take's own pace, partials and closed utterances as Vosk gives them (``tests.live_takes``): the
checklist and the report see a real rep's words while the machine does a real decode's work.

Each recorded take is played once through the tests' fake device with the checklist on. Then ``--pairs``
pairs of takes through the fake device and ``--mic-pairs`` through a private PulseAudio server's virtual
microphone (PortAudio, as with a real microphone), each pair once without the checklist and once with it,
for Stop -> report before (without) and after (with).

Figures: ``partial_to_tick_ms``: for every part that ticks, from when the words that tick it left the
recogniser (the oldest words not yet checked, so never under-reported) to the GUI thread having the tick
(goal: p90 <= 300 ms); ``ticks_agree_with_report``: takes whose live state at Stop and report agree
(``core.live_agreement``), "n of m"; ``stop_to_report_ms`` with the checklist off and on. The last line is
one JSON object. Keep it short on a shared machine: about 30 s per take.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.gui_latency import fake_player, load, make_take_audio, mic_player, p90, wait_until  # noqa: E402

TAKES = ("clean", "missing_number", "partial_number", "filler_heavy", "overrun", "off_script", "restarts",
         "silence")


class HeardAs:
    """The app's real free decode does the work; what it prints is a recorded take's words at their pace."""

    def __init__(self, real: Any, take: Any) -> None:
        from tests.live_takes import UtteranceRecognizer

        self.real = real
        self.scripted = UtteranceRecognizer(take)

    @property
    def results(self) -> list[Any]:
        return self.scripted.results

    def feed(self, pcm: bytes) -> str | None:
        self.real.feed(pcm)
        return self.scripted.feed(pcm)

    def finish(self) -> Any:
        self.real.finish()
        return self.scripted.finish()


class TimedChecklist:
    """The view's live checklist, its CPU time on the live feed's thread counted."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.cpu = 0.0
        self.calls = 0

    def __getattr__(self, name: str) -> Any:  # what the page reads of it: its parts, its judgement
        return getattr(self.inner, name)

    def update(self, *args: Any, **kwargs: Any) -> Any:
        t0 = time.thread_time()
        try:
            return self.inner.update(*args, **kwargs)
        finally:
            self.cpu += time.thread_time() - t0
            self.calls += 1


def build_window(model_path: Path, current: dict[str, Any]) -> tuple[Any, Any]:
    from tests.ui.uihelpers import data_profile, seed_store
    from voicecoach.asr.recognizer import StreamingRecognizer, load_speech_model
    from voicecoach.ui.app import build, make_application
    from voicecoach.ui.context import Adapters

    make_application([])
    seed_store(data_profile())
    model = load_speech_model(model_path)
    adapters = Adapters(
        make_recognizer=lambda m: HeardAs(StreamingRecognizer(m, sample_rate=m.sample_rate), current["take"]),
        find_model=lambda _explicit: model_path, load_model=lambda _path: model)
    ctx, window, startup = build(adapters, ask_profile=False)
    window.practice.prospect_edit.setText("John")
    window.show()
    startup.start()
    wait_until(lambda: startup.is_ready and ctx.model.ready and window.practice.current_script() is not None, 120)
    return ctx, window


def audio_for(take: Any, folder: Path) -> Path:
    """Korean speech as long as the take, and a second of silence after its last word (then Stop)."""
    seconds = (take.words[-1].end if take.words else 3.0) + 1.5
    sub = folder / f"{seconds:.1f}"
    sub.mkdir(exist_ok=True)
    return make_take_audio(seconds, sub, pause=1.0)


def one_take(window: Any, play: Any, live: bool) -> dict[str, Any]:
    """Record while ``play()`` feeds the audio, press Stop; the tick delays, Stop -> report, the agreement."""
    from voicecoach.core.live_agreement import agree

    practice = window.practice
    delays: list[float] = []
    seen: set[str] = set()

    def on_live(live: Any) -> None:  # connected after the view's own slot: shown by now
        for tick in live.state.ticks:
            if tick.part not in seen:
                seen.add(tick.part)
                delays.append((time.monotonic() - live.heard_at) * 1000)

    ready: list[Any] = []
    shown: list[float] = []
    saved: list[Any] = []
    practice.session.processor.take_saved.connect(saved.append)
    practice.session.recorder.live_changed.connect(on_live)
    practice.session.processor.report_ready.connect(ready.append)
    practice.report_shown.connect(lambda: shown.append(time.perf_counter()))
    arrived: list[float] = []
    practice.session.recorder.take_finished.disconnect()  # the clock first, then the view's own slot
    practice.session.recorder.take_finished.connect(lambda *_: arrived.append(time.perf_counter()))
    practice.session.recorder.take_finished.connect(practice.session._on_take_finished)
    session = practice.session
    make, record = session.make_checklist, session.recorder.start
    timed: list[TimedChecklist] = []
    if live:
        session.make_checklist = lambda tc: timed.append(TimedChecklist(make(tc))) or timed[-1]
    else:  # the checklist is shown, but the capture side feeds none
        session.recorder.start = lambda *a, **k: record(*a, **{**k, "live": None})
    try:
        practice.toggle_recording()
        wait_until(lambda: practice.session.recorder.state == "recording", 60, "the microphone to start")
        wait_until(play(), 120, "the take to be played")
        behind = practice.session.recorder.recorder.backlog_seconds * 1000
        took = practice.session.recorder.recorder.seconds
        t0 = time.perf_counter()
        practice.toggle_recording()
        wait_until(lambda: bool(shown), 60, "the report")
        wait_until(lambda: practice.session.recorder.state == "idle" and bool(saved), 60, "the take to be saved")
    finally:
        session.make_checklist, session.recorder.start = make, record
        practice.session.recorder.live_changed.disconnect(on_live)
        practice.session.processor.report_ready.disconnect(ready.append)
        practice.session.processor.take_saved.disconnect(saved.append)
        practice.report_shown.disconnect()
        practice.session.recorder.take_finished.disconnect()
        practice.session.recorder.take_finished.connect(practice.session._on_take_finished)
    r = ready[-1]
    agrees = agree(practice.live_panel.state, r.report, r.transcript) if live else None
    return {"delays": delays, "stop_to_report": (shown[0] - t0) * 1000, "agrees": agrees,
            "to_gui": (arrived[0] - t0) * 1000, "to_screen": (shown[0] - arrived[0]) * 1000,
            "ticks": sorted(seen), "backlog": behind, "cpu": timed[0].cpu * 1000 if timed else 0.0,
            "calls": timed[0].calls if timed else 0, "seconds": took}


def stats(name: str, values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    med, top = statistics.median(values), p90(values)
    print(f"  {name:<28} median {med:7.1f} ms   p90 {top:7.1f} ms   max {max(values):7.1f} ms   (n={len(values)})")
    return {f"{name}_ms_median": round(med, 1), f"{name}_ms_p90": round(top, 1)}


def show(label: str, row: dict[str, Any]) -> None:
    cpu = f", checklist {row['cpu']:5.1f} ms CPU in {row['calls']} updates" if row["calls"] else ""
    print(f"    {label:<40} stop -> report {row['stop_to_report']:7.1f} ms (the GUI has the take at "
          f"{row['to_gui']:6.1f}, then {row['to_screen']:5.1f} to the screen), not yet recognised at Stop "
          f"{row['backlog']:5.0f} ms{cpu}", flush=True)


def run(args: argparse.Namespace, model_path: Path, tmp: Path, mic: Any) -> dict[str, Any]:
    from tests.ui.uihelpers import data_take

    current: dict[str, Any] = {}
    ctx, window = build_window(model_path, current)
    delays: list[float] = []
    agreed: list[bool] = []
    rows: dict[str, list[dict[str, Any]]] = {"off": [], "on": [], "mic_off": [], "mic_on": [], "takes": []}
    current["take"] = data_take("missing_number")  # a first take warms the decoder and the code paths up
    one_take(window, fake_player(ctx, audio_for(current["take"], tmp)), live=True)
    for name in [t for t in args.takes.split(",") if t]:
        current["take"] = take = data_take(name)
        row = one_take(window, fake_player(ctx, audio_for(take, tmp)), live=True)
        delays += row["delays"]
        agreed.append(bool(row["agrees"]))
        rows["takes"].append(row)
        show(f"{name}: {','.join(row['ticks']) or '-'}, agrees {row['agrees']}", row)
    current["take"] = take = data_take("clean")
    players = [("fake device", "", lambda: fake_player(ctx, audio_for(take, tmp)), args.pairs)]
    if mic is not None:
        players.append(("virtual microphone", "mic_", lambda: mic_player(ctx, mic, audio_for(take, tmp)),
                        args.mic_pairs))
    for label, prefix, player, pairs in players:
        for i in range(pairs):
            for live in (False, True) if i % 2 == 0 else (True, False):  # in turns: both see the same load
                row = one_take(window, player(), live=live)
                rows[f"{prefix}{'on' if live else 'off'}"].append(row)
                delays += row["delays"]
                show(f"{label}, checklist {'on' if live else 'off'}, take {i + 1}", row)
    ctx.shutdown()
    print("Partial -> tick on the GUI thread:")
    out: dict[str, Any] = stats("partial_to_tick", delays)
    out["ticks_agree_with_report"] = f"{sum(agreed)} of {len(agreed)}"
    with_live = [r for k in ("on", "mic_on", "takes") for r in rows[k]]
    cpu, secs = sum(r["cpu"] for r in with_live), sum(r["seconds"] for r in with_live)
    out["checklist_cpu_ms_per_take_second"] = round(cpu / max(secs, 0.001), 2)
    print(f"  the checklist's CPU: {cpu:.0f} ms over {secs:.0f} s of takes "
          f"({out['checklist_cpu_ms_per_take_second']:.2f} ms a second of speech)")
    print("Stop -> report (all takes; then those in which the recogniser had kept up, <= 150 ms behind at Stop):")
    for key, label in (("off", "before"), ("on", "after"), ("mic_off", "mic_before"), ("mic_on", "mic_after")):
        out |= stats(f"stop_to_report_{label}", [r["stop_to_report"] for r in rows[key]])
        out |= stats(f"kept_up_stop_to_report_{label}", [r["stop_to_report"] for r in rows[key] if r["backlog"] <= 150])
    out["takes_behind_at_stop"] = sum(r["backlog"] > 150 for k in rows for r in rows[k])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--takes", default=",".join(TAKES), help="recorded takes played with the checklist on")
    parser.add_argument("--pairs", type=int, default=2,
                        help="pairs of takes (checklist off, on) through the fake device, for Stop -> report")
    parser.add_argument("--mic-pairs", type=int, default=1,
                        help="pairs of takes (checklist off, on) through the virtual microphone")
    args = parser.parse_args(argv)

    from tests.audio_server import VirtualMic, pulseaudio_missing, reinit_sounddevice
    from tests.speech import korean_model_path

    figures: dict[str, Any] = {"load_before": load()}
    print(f"load average: {figures['load_before']}")
    with tempfile.TemporaryDirectory(prefix="vc-bench-live-") as tmp:
        tmp_path = Path(tmp)
        os.environ["VOICECOACH_HOME"] = str(tmp_path / "home")
        missing = pulseaudio_missing() if args.mic_pairs else "not asked for"
        mic = None if missing else VirtualMic(tmp_path / "pulse").start()
        try:
            if mic is not None:
                os.environ.update(mic.env())
                reinit_sounddevice()
            else:
                print(f"virtual microphone skipped: {missing}")
            figures |= run(args, korean_model_path(), tmp_path, mic)
        finally:
            if mic is not None:
                mic.stop_server()
    figures["load_after"] = load()
    print(f"load average: {figures['load_after']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
