"""The app and a take in progress: a second window leaves it alone, a killed app gets it back at restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.fakes import FakeSoundDevice
from tests.ui.uihelpers import speechlike
from voicecoach import paths

ROOT = Path(__file__).resolve().parents[2]


def _part_files() -> list[Path]:
    return sorted((paths.data_dir() / "recordings").glob("*.part.wav"))


def _wait_ready_and_tidy(qtbot: Any, app: Any) -> None:
    """Start-up done: the rep is set, and recovery plus the take-folder tidy-up that follows have run."""
    with qtbot.waitSignal(app.startup.take_files_cleaned, timeout=10000):
        pass
    qtbot.waitUntil(lambda: app.startup.is_ready, timeout=5000)


def test_a_second_window_started_during_a_take_leaves_it_alone(qtbot: Any, make_app: Any) -> None:
    first = make_app(sd=FakeSoundDevice(speechlike(60.0), speed=1.0))
    practice = first.window.practice
    with qtbot.waitSignal(practice.session.recorder.audio_started, timeout=5000):
        practice.toggle_recording()
    qtbot.waitUntil(lambda: len(_part_files()) == 1 and _part_files()[0].stat().st_size > 16000, timeout=5000)
    (live,) = _part_files()

    second = make_app(seed=False, sd=FakeSoundDevice(speechlike(1.0)), start=False)
    second.startup.start()
    _wait_ready_and_tidy(qtbot, second)
    assert live.exists() and second.window.practice.session.processor.pending == []

    with qtbot.waitSignal(practice.session.processor.take_saved, timeout=10000) as saved:
        practice.toggle_recording()
    record = saved.args[0].record
    assert record.audio_path is not None and record.audio_path.exists()
    assert "could not" not in practice.status_label.text()


KILLED_APP = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tests.fakes import FakeSoundDevice
from tests.ui.uihelpers import FakeModel, ScriptedRecognizer, data_profile, data_take, seed_store, speechlike
from voicecoach import paths
from voicecoach.ui.app import build
from voicecoach.ui.context import Adapters

seed_store(data_profile())
adapters = Adapters(sounddevice=FakeSoundDevice(speechlike(60.0), speed=1.0),
                    make_recognizer=lambda _m: ScriptedRecognizer(data_take("clean")),
                    find_model=lambda _e: "fake-model", load_model=lambda _p: FakeModel())
ctx, window, startup = build(adapters)
window.show()
startup.start()


def wait(cond, seconds=20.0):
    end = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > end:
            sys.exit("timed out")
        app.processEvents()
        time.sleep(0.01)


wait(lambda: startup.is_ready and window.practice.current_script() is not None and ctx.model.ready)
window.practice.toggle_recording()
parts = lambda: list((paths.data_dir() / "recordings").glob("*.part.wav"))
wait(lambda: parts() and parts()[0].stat().st_size > 32000)  # a second of audio on disk
print("recording", flush=True)
wait(lambda: False, 120.0)
"""


def test_the_app_killed_during_a_take_recovers_it_at_the_next_start(qtbot: Any, make_app: Any) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_APP], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "recording", proc.stderr.read() if proc.stderr else ""
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    (crashed,) = _part_files()

    app = make_app(seed=False, start=False)
    app.startup.start()
    _wait_ready_and_tidy(qtbot, app)
    assert not crashed.exists()
    (pending,) = app.window.practice.session.processor.pending
    assert pending.path == crashed.with_name(crashed.name.replace(".part.wav", ".wav"))
    assert pending.seconds >= 1.0
