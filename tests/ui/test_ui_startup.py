"""Start-up and failure paths: first run, no speech model, kept takes, import, damaged database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import soundfile

from tests.ui.uihelpers import FakeModel, data_profile, data_take, seed_store, speechlike
from voicecoach import paths
from voicecoach.ui.context import Adapters
from voicecoach.ui.startup import seed_sample_scripts


def test_window_appears_fast_and_first_run_asks_for_the_profile(qtbot: Any, make_app: Any) -> None:
    import time

    import voicecoach.ui.app  # noqa: F401  (module import is measured by scripts/screenshots.py --timing)

    t0 = time.perf_counter()
    app = make_app(seed=False, load_model=False, start=False)
    assert app.window.isVisible()
    assert time.perf_counter() - t0 < 1.0, "the window must not wait for the store or the model"
    app.startup.start()
    qtbot.waitUntil(lambda: app.startup.profile_dialog is not None, timeout=5000)
    dialog = app.startup.profile_dialog
    dialog.set_values(name="Dana Whitfield", company="", phone="415-555-0142")
    dialog._on_accept()
    assert "company" in dialog.error.text() and dialog.isVisible()
    dialog.set_values(company="Northwind Realty")
    dialog._on_accept()
    qtbot.waitUntil(lambda: app.startup.is_ready, timeout=5000)
    assert app.ctx.profile.company == "Northwind Realty"
    assert "Dana Whitfield" in app.window.rep_label.text()
    assert app.store_call(qtbot, lambda s: [r.profile.name for r in s.list_profiles()]) == ["Dana Whitfield"]


# Runs in a fresh interpreter: builds the window the way the app does and notes, at the window's first paint,
# which of the slow-to-import stacks are already loaded; then waits until start-up is done.
FIRST_FRAME_CHECK = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from voicecoach.ui.app import build, make_application, show_then_start

SLOW = ("sqlite3", "sqlite_utils", "vosk", "numpy", "sounddevice", "soundfile", "phonenumbers",
        "voicecoach.storage", "voicecoach.asr", "voicecoach.audio")
app = make_application([])
ctx, window, startup = build()
seen = {}

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "at_first_paint" not in seen:
            seen["at_first_paint"] = [m for m in SLOW if m in sys.modules]
            seen["ready_at_first_paint"] = startup.is_ready
        return False

probe = Probe()
window.installEventFilter(probe)
show_then_start(window, startup)

def when_recording_is_possible():
    if window.practice.take_context() is None:  # the scripts arrive from the store just after ready
        return
    seen["once_ready"] = [m for m in SLOW if m in sys.modules]
    print(json.dumps(seen), flush=True)
    app.quit()

poll = QTimer()
poll.timeout.connect(when_recording_is_possible)
startup.ready.connect(lambda: poll.start(5))
QTimer.singleShot(30000, lambda: app.exit(3))
sys.exit(app.exec())
"""


def test_first_frame_is_painted_before_the_store_and_model_stacks_are_imported() -> None:
    """The first frame needs Qt and the window's own code only: the store (sqlite-utils), the recogniser
    (Vosk) and numpy open after it, in the background, and recording is possible once they are ready."""
    import json
    import os
    import subprocess
    import sys

    seed_store(data_profile())
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", FIRST_FRAME_CHECK], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["at_first_paint"] == [], "imported before the first frame was painted"
    assert seen["ready_at_first_paint"] is False
    assert "sqlite_utils" in seen["once_ready"]


def test_seed_sample_scripts_once(tmp_path: Path) -> None:
    from voicecoach.storage.db import open_store

    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "cold.txt").write_text("title: Cold voicemail\nlimit: 25\n---\nHi {prospect}, it's {first_name}.")
    (folder / "broken.txt").write_text("title: Bad\nlimit: forever\n---\nHi.")
    store = open_store()
    try:
        assert seed_sample_scripts(store, folder) == 1
        assert seed_sample_scripts(store, folder) == 0
        [script] = store.list_scripts()
        assert (script.title, script.time_limit) == ("Cold voicemail", 25)
    finally:
        store.close()


def test_no_model_banner_offers_download_and_folder(qtbot: Any, make_app: Any) -> None:
    app = make_app(model=False)
    qtbot.waitUntil(lambda: app.ctx.model.state == "missing", timeout=5000)
    banner = app.window.banners.banner("model")
    assert banner is not None and "still record" in banner.text
    assert [b.text() for b in banner.buttons] == ["Download English model…", "Choose model folder…"]
    assert "none" in app.window.model_status.text()
    assert "Download English model" in app.ctx.model.message and "voicecoach model" not in app.ctx.model.message


def test_take_without_model_is_kept_and_analysed_when_the_model_arrives(qtbot: Any, make_app: Any) -> None:
    have_model = {"yes": False}

    def find_model(_explicit: Any) -> Path:
        if not have_model["yes"]:
            from voicecoach.asr.errors import ModelNotFoundError

            raise ModelNotFoundError("No speech model found.")
        return Path("fake-model")

    from tests.fakes import FakeSoundDevice

    sd = FakeSoundDevice(speechlike(), speed=8.0)
    adapters = Adapters(sounddevice=sd, find_model=find_model, load_model=lambda _p: FakeModel(),
                        transcribe_file=lambda path, model, progress=None, cancel=None: data_take("clean"))
    app = make_app(adapters=adapters, model=False)
    qtbot.waitUntil(lambda: app.ctx.model.state == "missing", timeout=5000)
    practice = app.window.practice
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.session.recorder.state == "recording", timeout=5000)
    qtbot.waitUntil(lambda: practice.session.recorder.seconds() > 0.5, timeout=5000)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    assert "waiting for the speech model" in practice.report.verdict.text()
    assert len(list(app.ctx.recordings_dir().glob("*.wav"))) == 1
    assert "analysed once a speech model is ready" in app.window.banners.banner("pending").text

    have_model["yes"] = True
    app.ctx.model.use_folder("/models/fake")
    qtbot.waitUntil(lambda: app.ctx.model.ready, timeout=5000)
    banner = app.window.banners.banner("pending")
    assert [b.text() for b in banner.buttons] == ["Analyse now"]
    banner.buttons[0].click()
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    assert practice.report.badge.score == practice.session.processor.last_record.score
    assert app.store_call(qtbot, lambda s: len(s.list_takes())) == 1
    qtbot.waitUntil(lambda: not list(app.ctx.recordings_dir().glob("*.wav")), timeout=5000)


def test_unfinished_take_from_a_crash_is_offered(qtbot: Any, make_app: Any) -> None:
    seed_store()  # the script; the rep is seeded by make_app
    rec = paths.ensure_dir(paths.data_dir() / "recordings")
    audio = speechlike(1.0)
    part = rec / "take-crashed.part.wav"
    soundfile.write(str(part), audio, 16000, subtype="PCM_16")
    raw = bytearray(part.read_bytes())
    raw[40:44] = (0).to_bytes(4, "little")  # the header was never finalised
    part.write_bytes(bytes(raw))
    app = make_app()
    qtbot.waitUntil(lambda: app.window.banners.banner("pending") is not None, timeout=5000)
    assert "Recovered 1 unfinished take" in app.window.banners.banner("pending").text
    [taken] = app.window.practice.session.processor.pending
    assert taken.path.name == "take-crashed.wav" and abs(taken.seconds - 1.0) < 0.01


def test_import_audio_runs_on_a_worker_with_progress(qtbot: Any, make_app: Any, tmp_path: Path) -> None:
    wav = tmp_path / "voicemail.wav"
    soundfile.write(str(wav), np.zeros(16000, dtype=np.int16), 16000)
    progress: list[float] = []

    def transcribe(path: Path, model: Any, progress: Any = None, cancel: Any = None) -> Any:
        for f in (0.0, 0.5, 1.0):
            progress(f)
        return data_take("overrun")

    from tests.fakes import FakeSoundDevice

    adapters = Adapters(sounddevice=FakeSoundDevice(), find_model=lambda _e: Path("m"),
                        load_model=lambda _p: FakeModel(), transcribe_file=transcribe)
    app = make_app(adapters=adapters)
    practice = app.window.practice
    practice.session.processor.busy_changed.connect(lambda busy: progress.append(busy.fraction) if busy.what else None)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.session.processor.import_audio(wav)
    assert "overrun" in practice.report.flag_list.codes()
    assert practice.report.data.metrics["audio_analysed"] is True, "the imported file's sound was measured"
    assert progress and progress[-1] == 1.0
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    assert practice.session.processor.last_record.audio_path.exists()
    assert wav.exists(), "an imported file is copied, never moved"
    assert not practice.busy_row.isVisible()


def app_with_a_damaged_database(qtbot: Any, make_app: Any) -> Any:
    """A rep's database, backed up, then overwritten with junk; the app started on it, its dialog shown."""
    from tests.ui.uihelpers import data_profile
    from voicecoach.storage.db import open_store

    seed_store(data_profile())
    store = open_store()
    store.backup("test")
    store.close()
    paths.database_path().write_bytes(b"this is not a database" * 100)
    app = make_app(seed=False)
    qtbot.waitUntil(lambda: app.startup.db_box is not None, timeout=5000)
    return app


def test_damaged_database_offers_the_backup_and_restores_it(qtbot: Any, make_app: Any) -> None:
    app = app_with_a_damaged_database(qtbot, make_app)
    box = app.startup.db_box
    assert "damaged" in box.text()
    assert box.buttons()[0].text() == "Restore last backup"
    assert app.window.banners.banner("database") is not None
    box.buttons()[0].click()
    qtbot.waitUntil(lambda: app.startup.is_ready, timeout=5000)
    assert app.ctx.profile.name == "Dana Whitfield"
    assert list(paths.database_path().parent.glob("voicecoach.db.damaged-*")), "the damaged file is kept"


def test_newer_or_unreadable_database_never_crashes(qtbot: Any, make_app: Any) -> None:
    paths.ensure_dir(paths.data_dir())
    paths.database_path().write_bytes(b"garbage" * 100)
    app = make_app(seed=False)
    qtbot.waitUntil(lambda: app.startup.db_box is not None, timeout=5000)
    assert [b.text() for b in app.startup.db_box.buttons()] == ["Quit"]


def test_model_download_shows_progress_and_can_be_cancelled(qtbot: Any, make_app: Any) -> None:
    import threading

    from voicecoach.asr.errors import DownloadCancelled

    release = threading.Event()

    def download(progress: Any = None, cancel: Any = None) -> Path:
        progress(50, 100)
        while not cancel.is_set():
            if release.wait(0.01):
                return Path("downloaded-model")
        raise DownloadCancelled("Download cancelled.")

    found: list[Any] = []

    def find_model(explicit: Any) -> Path:
        found.append(explicit)
        if explicit != "downloaded-model":
            from voicecoach.asr.errors import ModelNotFoundError

            raise ModelNotFoundError("No speech model found.")
        return Path(explicit)

    from tests.fakes import FakeSoundDevice

    adapters = Adapters(sounddevice=FakeSoundDevice(), find_model=find_model, load_model=lambda _p: FakeModel(),
                        download_model=download)
    app = make_app(adapters=adapters, model=False)
    qtbot.waitUntil(lambda: app.ctx.model.state == "missing", timeout=5000)
    app.window.banners.banner("model").buttons[0].click()  # Download English model…
    qtbot.waitUntil(lambda: app.window.download_bar.value() == 50, timeout=5000)
    assert app.window.download_bar.isVisible() and app.ctx.model.state == "downloading"
    banner = app.window.banners.banner("model")
    assert [b.text() for b in banner.buttons] == ["Cancel"]
    banner.buttons[0].click()
    qtbot.waitUntil(lambda: app.ctx.model.state == "missing", timeout=5000)
    assert "cancelled" in app.ctx.model.message.lower()
    assert not app.window.download_bar.isVisible()

    app.ctx.model.download()  # again, to the end this time
    release.set()
    qtbot.waitUntil(lambda: app.ctx.model.ready, timeout=5000)
    assert found[-1] == "downloaded-model"
    assert app.ctx.prefs.model_folder == "downloaded-model"


def test_a_read_only_data_folder_is_explained_not_called_damaged(qtbot: Any, make_app: Any) -> None:
    """No config/ yet and a read-only folder: the window still starts and says what is wrong and where."""
    from tests.readonly import read_only
    from tests.ui.uihelpers import data_profile

    seed_store(data_profile())
    home = paths.data_dir()
    assert not paths.config_dir().exists()
    with read_only(home):
        app = make_app(seed=False)
        qtbot.waitUntil(lambda: app.startup.db_box is not None, timeout=5000)
        box = app.startup.db_box
        assert "read-only" in box.text() and str(home) in box.text() and "damaged" not in box.text()
        assert sorted(b.text() for b in box.buttons()) == ["Quit", "Show the data folder"]  # no restore offered
        assert "writable" in box.informativeText()
        app.ctx.prefs.set("audio/device", "Mic")  # a preference that cannot be saved is no crash


def test_the_app_takes_a_routine_backup_once_a_day(qtbot: Any, make_app: Any) -> None:
    """The app backs up the database in the background after start-up, unless a backup under a day old exists."""
    import os

    from voicecoach.storage.backups import list_backups

    app = make_app()
    qtbot.waitUntil(lambda: len(list_backups()) == 1, timeout=10000)
    first = list_backups()[0]
    assert "routine" in first.name and app.startup.is_ready
    os.utime(first, (first.stat().st_mtime - 2 * 86400,) * 2)
    second = make_app(seed=False)
    qtbot.waitUntil(lambda: len(list_backups()) == 2, timeout=10000)
    assert second.startup.is_ready and list_backups()[0] == first


def test_the_analysis_is_loaded_ahead_of_the_first_take(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    """The pronouncing lexicon (an indexed copy in memory) and the analysis code load on a worker once the
    rep is ready, so the first Stop waits for neither."""
    from voicecoach.core import pronounce

    monkeypatch.setattr(pronounce, "_state", {})  # as in a fresh process: nothing loaded yet
    app = make_app(start=False)
    with qtbot.waitSignal(app.startup.analysis_warm, timeout=20000):
        app.startup.start()
    assert app.startup.is_ready
    assert pronounce._state.get("lexicon") is not None and pronounce._state.get("tagger") is not None
    assert pronounce._state["lexicon"].execute("SELECT count(*) FROM word_phonemes").fetchone()[0] > 100_000
