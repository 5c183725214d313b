"""Stop to report in the GUI: the real window, a fake microphone and a recogniser that hears a known take.

Two spans per take, medians over ``--runs`` takes:
- stop→report: from pressing Stop to the report on screen (capture stop + analysis + drawing);
- finished→report: from the recording's end (``take_finished``) to the report on screen: the take flow alone.

Printed with the ratio of the two, both measured in this one run. Run it before and after a change to the
take flow and compare the printed medians. ``--core`` instead times the analysis alone: once with what
the views show (today), against the detectors run a second time for the highlights (as before).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/take_flow.py [--runs 15] [--take clean] [--core]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _wait(app: Any, condition: Any, timeout: float = 10.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.0005)


def _build(take: str) -> tuple[Any, Any, Any]:
    from PySide6.QtWidgets import QApplication

    from tests.fakes import FakeSoundDevice
    from tests.ui.uihelpers import FakeModel, ScriptedRecognizer, data_profile, data_take, seed_store, speechlike
    from voicecoach.ui import theme
    from voicecoach.ui.app import build
    from voicecoach.ui.context import Adapters

    qapp = QApplication.instance() or QApplication([])
    seed_store(data_profile())
    adapters = Adapters(sounddevice=FakeSoundDevice(speechlike(), speed=8.0),
                        make_recognizer=lambda _m: ScriptedRecognizer(data_take(take)),
                        find_model=lambda _e: Path("fake-model"), load_model=lambda _p: FakeModel())
    theme.apply_theme(qapp, dark=False)
    ctx, window, startup = build(adapters, load_model=True)
    window.show()
    startup.start()
    _wait(qapp, lambda: startup.is_ready and window.practice.current_script() is not None and ctx.model.ready)
    return qapp, ctx, window


def _one_take(qapp: Any, window: Any) -> tuple[float, float]:
    practice = window.practice
    marks: dict[str, float] = {}
    practice.session.recorder.take_finished.connect(lambda *_: marks.setdefault("finished", time.perf_counter()))
    practice.report_shown.connect(lambda: marks.setdefault("shown", time.perf_counter()))
    _wait(qapp, lambda: practice.session.recorder.state == "idle")
    practice.try_again()
    practice.toggle_recording()
    _wait(qapp, lambda: practice.session.recorder.state == "recording" and practice.partial_label.text() != "")
    stop = time.perf_counter()
    practice.toggle_recording()
    _wait(qapp, lambda: "shown" in marks)
    _wait(qapp, lambda: practice.session.processor.last_record is not None)
    practice.session.recorder.take_finished.disconnect()
    practice.session.recorder.take_finished.connect(practice.session._on_take_finished)
    practice.report_shown.disconnect()
    return (marks["shown"] - stop) * 1000.0, (marks["shown"] - marks["finished"]) * 1000.0


def _core(take: str, runs: int) -> None:
    from tests.ui.uihelpers import DATA, data_profile, data_take
    from voicecoach.core.checks.context import build_context
    from voicecoach.core.judgement import judgement_for
    from voicecoach.core.report import analyze
    from voicecoach.core.script import load_script

    transcript = data_take(take)
    judgement = judgement_for(script=load_script(DATA / "scripts" / "expired-listing.txt"), profile=data_profile(),
                              prospect="John")
    once, twice = [], []
    analyze(transcript, judgement)  # warm up
    for _ in range(runs):
        t0 = time.perf_counter()
        analyze(transcript, judgement)
        t1 = time.perf_counter()
        analyze(transcript, judgement)
        build_context(transcript, judgement)  # what the highlights cost when they ran the detectors again
        t2 = time.perf_counter()
        once.append((t1 - t0) * 1000.0)
        twice.append((t2 - t1) * 1000.0)
    a, b = statistics.median(once), statistics.median(twice)
    print(f"take '{take}', {runs} runs: analysed once (report + view) median {a:.2f} ms; "
          f"with the detectors run again for the highlights {b:.2f} ms (ratio {a / b:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--take", default="clean")
    parser.add_argument("--core", action="store_true", help="time the analysis alone")
    args = parser.parse_args()
    if args.core:
        _core(args.take, args.runs)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["VOICECOACH_HOME"] = home
        qapp, ctx, window = _build(args.take)
        _one_take(qapp, window)  # warm up: first analysis loads the detectors
        spans = [_one_take(qapp, window) for _ in range(args.runs)]
        window.close()
        ctx.shutdown()
    stop_ms = statistics.median(s for s, _ in spans)
    flow_ms = statistics.median(f for _, f in spans)
    print(f"take '{args.take}', {args.runs} takes: stop→report median {stop_ms:.1f} ms; "
          f"finished→report (take flow) median {flow_ms:.1f} ms ({flow_ms / stop_ms:.2f} of stop→report)")


if __name__ == "__main__":
    main()
