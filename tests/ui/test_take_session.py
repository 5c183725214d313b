"""TakeSession: one owner for a take from Record to its saved record, through the real widgets and store.

The state sequence of a recorded take, a take kept without a speech model and judged later, an import,
cancel, one judgement per take (and where it runs), the one exit, and a page that only maps signals.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile

from tests.fakes import FakeSoundDevice
from tests.ui.test_ui_practice import record_take
from tests.ui.uihelpers import FakeModel, data_take, speechlike
from voicecoach.ui import take_pipeline
from voicecoach.ui.context import Adapters
from voicecoach.ui.take_state import ReportReady, TakeSource, TakeState

ROOT = Path(__file__).resolve().parents[2]


def _changes(states: list[TakeState]) -> list[TakeState]:
    """The states as they changed (``state_changed`` repeats one when the microphone is released)."""
    return [s for i, s in enumerate(states) if i == 0 or states[i - 1] != s]


@pytest.fixture
def judged(monkeypatch: Any) -> list[str]:
    """Every judgement of a take, by the name of the thread it ran on."""
    calls: list[str] = []
    analyze = take_pipeline.analyze_take

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(threading.current_thread().name)
        return analyze(*args, **kwargs)

    monkeypatch.setattr(take_pipeline, "analyze_take", counted)
    return calls


def _no_model_then_model(transcribe: Any = None) -> tuple[Adapters, dict[str, bool]]:
    have = {"model": False}

    def find_model(_explicit: Any) -> Path:
        if not have["model"]:
            from voicecoach.asr.errors import ModelNotFoundError

            raise ModelNotFoundError("No speech model found.")
        return Path("fake-model")

    adapters = Adapters(sounddevice=FakeSoundDevice(speechlike(), speed=8.0), find_model=find_model,
                        load_model=lambda _p: FakeModel(),
                        transcribe_file=transcribe or (lambda path, model, progress=None, cancel=None:
                                                       data_take("clean")))
    return adapters, have


def test_a_recorded_take_goes_from_idle_to_saved(qtbot: Any, make_app: Any, judged: list[str]) -> None:
    app = make_app()
    session = app.window.practice.session
    assert session.state is TakeState.IDLE
    states: list[TakeState] = []
    session.state_changed.connect(states.append)
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: session.state is TakeState.SAVED, timeout=5000)
    assert _changes(states) == [TakeState.OPENING, TakeState.RECORDING, TakeState.FINISHING, TakeState.SHOWN,
                                TakeState.SAVED]
    assert all(isinstance(s, TakeState) for s in states)
    assert session.last_record is not None and session.last_record.audio_path.exists()
    assert judged == ["voicecoach-capture"], "judged once, on the capture thread: the meter measured the sound"


def test_a_take_without_a_meter_is_judged_once_on_a_worker(qtbot: Any, make_app: Any, monkeypatch: Any,
                                                           judged: list[str]) -> None:
    from voicecoach.ui import recording

    monkeypatch.setattr(recording, "meters", lambda _rate: [])  # pyworld missing: no sound measured live
    app = make_app()
    session = app.window.practice.session
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: session.state is TakeState.SAVED, timeout=5000)
    assert len(judged) == 1 and judged[0] not in ("voicecoach-capture", threading.main_thread().name)
    assert session.recorder.prepared is None, "nothing was judged on the capture thread"
    assert app.window.practice.report.data.metrics["audio_analysed"] is True, "the file's sound was measured"


def test_two_takes_are_judged_once_each(qtbot: Any, make_app: Any, judged: list[str]) -> None:
    app = make_app()
    practice = app.window.practice
    for n in (1, 2):
        record_take(qtbot, app, use_keyboard=False)
        qtbot.waitUntil(lambda n=n: practice.session.state is TakeState.SAVED
                        and practice.session.last_record.attempt == n, timeout=5000)
        practice.try_again()
    assert len(judged) == 2


def test_a_kept_take_enters_the_same_session_when_the_model_arrives(qtbot: Any, make_app: Any,
                                                                      judged: list[str]) -> None:
    adapters, have = _no_model_then_model()
    app = make_app(adapters=adapters, model=False)
    qtbot.waitUntil(lambda: app.ctx.model.state == "missing", timeout=5000)
    practice = app.window.practice
    session = practice.session
    states: list[TakeState] = []
    ready: list[ReportReady] = []
    session.state_changed.connect(states.append)
    session.report_ready.connect(ready.append)
    practice.toggle_recording()
    qtbot.waitUntil(lambda: session.state is TakeState.RECORDING and session.seconds() > 0.5, timeout=5000)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    assert _changes(states)[-2:] == [TakeState.FINISHING, TakeState.SHOWN], "shown (its audio), not saved"
    assert ready[-1].source is TakeSource.KEPT and ready[-1].report is None
    assert len(session.pending) == 1 and judged == [], "kept, not judged: there is no transcript"

    states.clear()
    have["model"] = True
    app.ctx.model.use_folder("/models/fake")
    qtbot.waitUntil(lambda: app.ctx.model.ready, timeout=5000)
    session.analyse_pending()
    qtbot.waitUntil(lambda: session.state is TakeState.SAVED, timeout=5000)
    assert _changes(states) == [TakeState.SHOWN, TakeState.SAVED]
    assert ready[-1].source is TakeSource.KEPT and ready[-1].report is not None
    assert session.pending == [] and len(judged) == 1
    assert app.store_call(qtbot, lambda s: len(s.list_takes())) == 1


def test_an_import_is_shown_and_saved_by_the_session(qtbot: Any, make_app: Any, tmp_path: Path,
                                                     judged: list[str]) -> None:
    wav = tmp_path / "voicemail.wav"
    soundfile.write(str(wav), np.zeros(16000, dtype=np.int16), 16000)
    adapters = Adapters(sounddevice=FakeSoundDevice(), find_model=lambda _e: Path("m"),
                        load_model=lambda _p: FakeModel(),
                        transcribe_file=lambda path, model, progress=None, cancel=None: data_take("overrun"))
    app = make_app(adapters=adapters)
    session = app.window.practice.session
    states: list[TakeState] = []
    ready: list[ReportReady] = []
    busy: list[str] = []
    session.state_changed.connect(states.append)
    session.report_ready.connect(ready.append)
    session.busy_changed.connect(lambda b: busy.append(b.what))
    session.import_audio(wav)
    qtbot.waitUntil(lambda: session.state is TakeState.SAVED, timeout=5000)
    assert _changes(states) == [TakeState.SHOWN, TakeState.SAVED]
    assert [r.source for r in ready] == [TakeSource.IMPORTED]
    assert busy[0] == "Importing voicemail.wav" and busy[-1] == ""
    assert len(judged) == 1 and wav.exists()


def test_a_microphone_that_does_not_open_is_no_take(qtbot: Any, make_app: Any) -> None:
    app = make_app(sd=FakeSoundDevice(fail_on_open=FakeSoundDevice.PortAudioError("Device unavailable")))
    session = app.window.practice.session
    states: list[TakeState] = []
    session.state_changed.connect(states.append)
    with qtbot.waitSignal(session.error_occurred, timeout=5000):
        app.window.practice.toggle_recording()
    assert states == [TakeState.OPENING, TakeState.IDLE] and session.state is TakeState.IDLE
    assert app.window.practice.record_button.isEnabled()


def test_cancel_while_recording_keeps_nothing(qtbot: Any, make_app: Any, judged: list[str]) -> None:
    """Cancel drops the take: no judgement, no report, no record, and its audio is deleted."""
    app = make_app()
    practice = app.window.practice
    session = practice.session
    shown: list[ReportReady] = []
    session.report_ready.connect(shown.append)
    practice.toggle_recording()
    qtbot.waitUntil(lambda: session.state is TakeState.RECORDING and practice.meter.rms_dbfs > -30, timeout=5000)
    session.cancel()
    qtbot.waitUntil(lambda: session.state is TakeState.IDLE and not session.capturing, timeout=5000)
    qtbot.waitUntil(lambda: app.window.toast.text() == "The take was discarded.", timeout=5000)
    assert shown == [] and judged == []
    assert list(app.ctx.recordings_dir().iterdir()) == [], "no audio, whole or partial, is left"
    assert app.store_call(qtbot, lambda s: s.list_takes()) == []
    assert practice.pages.currentIndex() == 0 and practice.record_button.isEnabled()


def test_the_exit_lets_a_finishing_take_save_and_leaves_no_thread(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtCore import QThreadPool

    from voicecoach.storage.db import open_store

    before = set(threading.enumerate())
    app = make_app()
    practice = app.window.practice
    session = practice.session
    practice.toggle_recording()
    qtbot.waitUntil(lambda: session.state is TakeState.RECORDING and practice.meter.rms_dbfs > -30, timeout=5000)
    qtbot.waitUntil(lambda: practice.partial_label.text() != "", timeout=5000)
    capture = session.recorder.recorder
    session.stop()
    assert session.state is TakeState.FINISHING and session.capturing
    app.ctx.shutdown()  # the app's one exit: the take, the services, the store, then the workers

    assert capture.join(0), "no capture thread is left"
    assert [t.name for t in set(threading.enumerate()) - before if t.name.startswith("voicecoach-")] == []
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert app.ctx.store.store is None, "the store is closed"
    store = open_store()
    try:
        (take,) = store.list_takes()
        assert take.audio_path is not None and Path(take.audio_path).exists()
    finally:
        store.close()
    assert not list(app.ctx.recordings_dir().glob("*.wav")), "the recording moved into the store"


def test_close_is_idempotent(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    app = make_app()
    session = app.window.practice.session
    closed: list[float] = []
    monkeypatch.setattr(session.recorder, "close", lambda timeout=3.0: closed.append(timeout))
    session.close()
    session.close()
    assert app.ctx.shutdown() is None and app.ctx.closing.closed
    app.ctx.shutdown()
    assert len(closed) == 1
    assert session.start(app.window.practice.current_script(), None) is None, "a closed session records no take"


def test_the_exit_runs_its_stages_in_order_once() -> None:
    from voicecoach.ui.closing import Closing, Stage

    done: list[str] = []
    closing = Closing(wait_ms=1000)
    closing.add(Stage.STORE, lambda: done.append("store"))
    closing.add(Stage.SERVICES, lambda: done.append("team"))
    closing.add(Stage.TAKES, lambda: done.append("take"))
    assert closing.close() and closing.close()
    assert done == ["take", "team", "store"]


def _reaches(path: Path) -> tuple[set[str], set[str]]:
    """The modules ``path`` imports and the attribute names it reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return imported, {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def test_the_practice_page_only_maps_the_sessions_signals() -> None:
    """No part of the practice page reaches into the recorder or the take processor."""
    internals = {"recorder", "processor", "prepared", "last_signals", "finish_recorded", "started_at"}
    for path in sorted((ROOT / "voicecoach" / "ui" / "views" / "practice").glob("*.py")):
        imported, attributes = _reaches(path)
        assert not imported & {"voicecoach.ui.recording", "voicecoach.ui.take_processor"}, path.name
        assert not attributes & internals, (path.name, attributes & internals)
