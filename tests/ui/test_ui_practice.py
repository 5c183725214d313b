"""The practice loop through the real widgets: Space, live feedback, Stop, report, saved take."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.fakes import FakeSoundDevice
from tests.ui.uihelpers import data_profile, data_take
from voicecoach.core.report import analyze


def record_take(qtbot: Any, app: Any, *, use_keyboard: bool = True) -> None:
    practice = app.window.practice
    if use_keyboard:
        app.window.activateWindow()
        qtbot.waitUntil(lambda: app.window.isActiveWindow(), timeout=3000)
        qtbot.keyClick(app.window, Qt.Key.Key_Space)
    else:
        practice.toggle_recording()
    with qtbot.waitSignal(practice.session.recorder.audio_started, timeout=5000):
        pass
    qtbot.waitUntil(lambda: practice.meter.rms_dbfs > -30, timeout=5000)
    qtbot.waitUntil(lambda: practice.partial_label.text() != "", timeout=5000)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        if use_keyboard:
            qtbot.keyClick(app.window, Qt.Key.Key_Space)
        else:
            practice.toggle_recording()


def test_a_whole_take_shows_the_report_and_is_saved(qtbot: Any, make_app: Any) -> None:
    app = make_app(take="missing_number")
    practice = app.window.practice
    assert practice.status_label.text().startswith("Press Space")
    record_take(qtbot, app)

    # What the core says about this take is what the window shows.
    script = practice.current_script()
    expected = analyze(data_take("missing_number"), script=script.text, profile=data_profile(),
                       settings=app.ctx.settings, time_limit=script.time_limit)
    panel = practice.report
    assert practice.pages.currentWidget() is panel
    assert panel.badge.score == expected.score
    assert panel.flag_list.codes()[0] == "missing_contact_info"
    assert set(panel.flag_list.codes()) == {f.code for f in expected.flags}
    assert "contact" in panel.transcript_view.categories.values()
    assert panel.prospect_view.toPlainText()[0].isupper()

    # Saved automatically, with its audio.
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None or bool(app.window.banners.texts()),
                    timeout=5000)
    assert app.window.banners.texts() == []
    takes = app.store_call(qtbot, lambda s: s.list_takes())
    assert len(takes) == 1
    assert takes[0].score == expected.score
    assert "missing_contact_info" in takes[0].flag_codes
    assert takes[0].audio_path is not None and takes[0].audio_path.exists()
    assert not list(app.ctx.recordings_dir().glob("*.wav")), "the recording moved into the store"
    assert app.recognizers and app.recognizers[0].blocks > 0
    assert practice.status_label.text().startswith("Saved as take 1.")


def test_click_a_flag_jumps_to_its_evidence_and_a_word_seeks(qtbot: Any, make_app: Any) -> None:
    app = make_app(take="filler_heavy")
    record_take(qtbot, app, use_keyboard=False)
    panel = app.window.practice.report
    flag = next(f for f in panel.flag_list.flags if f.evidence and f.evidence[0].word_indexes)
    row = panel.flag_list.flags.index(flag)
    panel.flag_list.itemClicked.emit(panel.flag_list.item(row))
    assert panel.transcript_view.focused == set(flag.evidence[0].word_indexes) | {
        i for e in flag.evidence for i in e.word_indexes}
    assert panel.position == panel.transcript.words[min(panel.transcript_view.focused)].start
    panel.transcript_view.word_clicked.emit(5)
    assert panel.position == panel.transcript.words[5].start
    assert panel.waveform.position == panel.transcript.words[5].start


def test_try_again_discard_and_note(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    practice = app.window.practice
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    take_id = practice.session.processor.last_record.id
    practice.add_note(take_id, "Slow down on the number", 3.5)
    qtbot.waitUntil(lambda: bool(app.store_call(qtbot, lambda s: s.list_notes(take_id))), timeout=5000)
    note = app.store_call(qtbot, lambda s: s.list_notes(take_id))[0]
    assert (note.text, note.at_seconds) == ("Slow down on the number", 3.5)

    practice.discard_take()
    qtbot.waitUntil(lambda: practice.pages.currentIndex() == 0, timeout=5000)
    assert app.store_call(qtbot, lambda s: s.list_takes()) == []
    trashed = app.store_call(qtbot, lambda s: s.list_takes(include_trashed=True))
    assert [t.id for t in trashed] == [take_id] and trashed[0].trashed
    assert app.window.banners.banner("trash") is not None  # offers Undo


def test_hide_script_and_timer_limit_from_script(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    practice = app.window.practice
    assert "Elm Street" in practice.script_label.text()
    assert "Dana" in practice.script_label.text()  # {first_name} filled from the profile
    assert "‹prospect›" in practice.script_label.text()
    practice.prospect_edit.setText("John")
    assert "Hi John," in practice.script_label.text()
    assert practice.take_context().script_text.startswith("Hi John,")
    assert app.ctx.prefs.get("practice/prospect") == "John"
    practice.hide_script.setChecked(True)
    assert "Elm Street" not in practice.script_label.text()
    assert practice.timer_bar.limit == 30


def test_no_microphone_shows_a_message_and_keeps_working(qtbot: Any, make_app: Any) -> None:
    app = make_app(sd=FakeSoundDevice.no_devices())
    practice = app.window.practice
    practice.toggle_recording()
    qtbot.waitUntil(lambda: app.window.banners.banner("recording") is not None, timeout=5000)
    text = app.window.banners.banner("recording").text
    assert "microphone" in text.lower() and "Traceback" not in text and text[0].isupper()
    assert practice.session.recorder.state == "idle"
    assert practice.record_button.isEnabled()


def test_device_lost_mid_take_keeps_the_audio(qtbot: Any, make_app: Any) -> None:
    from tests.ui.uihelpers import speechlike

    sd = FakeSoundDevice(speechlike(4.0), speed=8.0, error_after=1.0)
    app = make_app(sd=sd)
    practice = app.window.practice
    with qtbot.waitSignal(practice.report_shown, timeout=8000):
        practice.toggle_recording()
    qtbot.waitUntil(lambda: app.window.banners.banner("recording") is not None, timeout=5000)
    assert "kept" in app.window.banners.banner("recording").text
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    assert practice.session.processor.last_record.audio_path.exists()


def test_live_transcript_keeps_closed_utterances_and_projects_the_length(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    practice = app.window.practice
    practice._take_ctx = practice.take_context()
    rec = practice.session.recorder  # what capture reports: partials, and the utterances the recogniser closed
    rec.partial_changed.emit("hi john")
    rec.partial_changed.emit("hi john it's dana")
    rec.utterance_closed.emit("hi john it's dana")
    rec.partial_changed.emit("with")  # shorter than before, yet no guessing: only the closed one is kept
    rec.partial_changed.emit("with northwind")
    assert practice.partial_label.plain_text() == "Hi john it's dana. With northwind"  # sentences, as said
    planned = len(practice._take_ctx.script_text.split())
    assert practice._projected_seconds(2.0) is None, "too early to judge"
    # 6 words in 4 s is 90 wpm: the whole script would take planned / 1.5 seconds.
    assert practice._projected_seconds(4.0) == planned / 1.5


def test_a_take_stopped_at_once_is_not_saved(qtbot: Any, make_app: Any) -> None:
    from tests.ui.uihelpers import speechlike

    app = make_app(sd=FakeSoundDevice(speechlike(), speed=1.0), take="silence")
    practice = app.window.practice
    practice.toggle_recording()
    practice.toggle_recording()  # still opening: stops as soon as the stream is open
    qtbot.waitUntil(lambda: app.window.toast.text() == "Nothing was recorded.", timeout=5000)
    assert practice.session.recorder.state == "idle"
    assert practice.pages.currentIndex() == 0 and not practice.report.finishing, "back to the script"
    assert app.store_call(qtbot, lambda s: s.list_takes()) == []
    assert not list(app.ctx.recordings_dir().glob("*.wav"))


def test_disk_full_on_save_is_a_message_and_the_audio_stays(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    from voicecoach.storage.db import Store
    from voicecoach.storage.errors import DiskFullError

    def full(*_a: Any, **_k: Any) -> Any:
        raise DiskFullError("not enough disk space to keep the take's audio; earlier takes are intact")

    monkeypatch.setattr(Store, "save_take", full)
    app = make_app()
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: app.window.banners.banner("save") is not None, timeout=5000)
    text = app.window.banners.banner("save").text
    assert "not enough disk space" in text and "audio is kept" in text
    assert len(list(app.ctx.recordings_dir().glob("*.wav"))) == 1
    assert app.window.practice.report.badge.score is not None, "the report is still shown"


def test_the_report_does_not_wait_for_the_microphone_to_close(qtbot: Any, make_app: Any) -> None:
    """A sound server can take its time closing the stream; the report only needs the recogniser."""
    import threading

    import soundfile

    from tests.ui.uihelpers import speechlike

    audio = speechlike(30.0)
    hold = threading.Event()
    sd = FakeSoundDevice(audio, speed=8.0, slow_close=hold)
    app = make_app(sd=sd)
    practice = app.window.practice
    try:
        record_take(qtbot, app, use_keyboard=False)
        stream = sd.streams[0]
        assert not stream.closed, "the report was shown while the stream was still closing"
        assert practice.session.recorder.state == "idle" and practice.record_button.isEnabled()
        # Analysed on the capture thread as soon as the transcript was final: what is shown is that report.
        prepared = practice.session.recorder.prepared
        assert prepared is not None and practice.report.badge.score == prepared.score
        qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
        kept, _rate = soundfile.read(str(practice.session.processor.last_record.audio_path), dtype="int16")
        assert 0 < len(kept) <= stream.frames_delivered
        assert (kept == audio[: len(kept)]).all(), "the take holds the audio delivered before Stop, in order"
    finally:
        hold.set()
    qtbot.waitUntil(lambda: stream.closed, timeout=5000)


def test_the_cli_and_the_gui_take_flow_give_identical_report_json(qtbot: Any, make_app: Any, capsys: Any) -> None:
    """One judgement per take: the GUI's recorded take and `voicecoach analyze --json` agree to the byte."""
    import json

    from tests.ui.uihelpers import DATA
    from voicecoach.cli.main import main
    from voicecoach.core.checks.sound import SOUND_METRICS

    app = make_app(take="filler_heavy")
    practice = app.window.practice
    practice.prospect_edit.setText("John")
    shown: list[Any] = []
    practice.session.processor.report_ready.connect(lambda ready: shown.append(ready.report))
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    stored = app.store_call(qtbot, lambda s: s.get_take(practice.session.processor.last_record.id)).report_dict

    capsys.readouterr()
    assert main(["analyze", "--transcript", str(DATA / "takes" / "filler_heavy.json"), "--script",
                 str(DATA / "scripts" / "expired-listing.txt"), "--profile", str(DATA / "profile.json"),
                 "--prospect", "John", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    gui = json.loads(json.dumps(shown[0].to_dict()))
    assert cli["view"]["categories"], "the report carries the highlights"
    # The GUI had the recording (a tone here), the CLI only the transcript: only the sound's figures differ.
    assert gui["metrics"]["audio_analysed"] is True and cli["metrics"]["audio_analysed"] is False
    assert practice.session.recorder.last_signals is not None, "the sound was measured while recording"
    for report in (gui, cli, stored):
        for key in SOUND_METRICS:
            report["metrics"].pop(key)
    assert gui == cli
    assert stored == cli


def test_a_take_that_is_slow_to_finish_is_not_abandoned(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    """On a busy computer the recogniser can be seconds behind at Stop: the rep is told, and the report
    still comes when recognition has caught up."""
    import threading
    from pathlib import Path

    from tests.ui.uihelpers import FakeModel, ScriptedRecognizer, speechlike
    from voicecoach.ui import recording
    from voicecoach.ui.context import Adapters

    monkeypatch.setattr(recording, "STOP_TIMEOUT_MS", 200)
    caught_up = threading.Event()

    class BehindRecognizer(ScriptedRecognizer):
        def finish(self) -> Any:
            caught_up.wait(10)
            return super().finish()

    sd = FakeSoundDevice(speechlike(), speed=8.0)
    adapters = Adapters(sounddevice=sd, make_recognizer=lambda _m: BehindRecognizer(data_take("clean")),
                        find_model=lambda _e: Path("fake-model"), load_model=lambda _p: FakeModel())
    app = make_app(adapters=adapters)
    practice = app.window.practice
    messages: list[str] = []
    app.ctx.message_posted.connect(lambda m: messages.append(m.text))
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.meter.rms_dbfs > -30, timeout=5000)
    practice.toggle_recording()
    try:
        qtbot.waitUntil(lambda: any("taking longer than usual" in t for t in messages), timeout=5000)
        panel = practice.report
        assert practice.pages.currentWidget() is panel and panel.finishing, "the page says it is finishing"
        assert panel.verdict.text() == "Finishing the take…" and panel.flag_list.count() == 0
        assert not panel.buttons["again"].isEnabled() and panel.badge.score is None
    finally:
        caught_up.set()
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        pass
    assert [w.word for w in practice.report.transcript.words] == [w.word for w in data_take("clean").words]


def test_exit_waits_for_the_last_takes_capture_thread(qtbot: Any, make_app: Any) -> None:
    """After the report, the capture thread still frees the recognisers (about 50 ms with Vosk): an exit
    right then waits for it instead of leaving a thread inside the recogniser's C code."""
    app = make_app()
    practice = app.window.practice
    record_take(qtbot, app, use_keyboard=False)
    assert practice.session.recorder.recorder is None, "the take was handed over"
    last = practice.session.recorder._last_recorder
    practice.session.close()
    assert last is not None and last.join(0), "the capture thread has ended"
    assert last.recognizer is None


def test_the_take_is_saved_and_its_waveform_read_after_the_report_is_painted(
        qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    """Saving and reading the waveform run on other threads and would hold the interpreter while the rep
    waits for the report to be drawn: both start once it has been painted."""
    from PySide6.QtCore import QEvent, QObject

    from voicecoach.ui import take_processor
    from voicecoach.ui.widgets import report_panel

    app = make_app(take="missing_number")
    practice = app.window.practice
    shown: list[int] = []
    paints: list[int] = []
    started: dict[str, int] = {}

    class Paints(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:
            if shown and event.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    watcher = Paints()
    practice.report.installEventFilter(watcher)
    practice.report_shown.connect(lambda: shown.append(len(paints)))
    save_take, peaks = take_processor.ops.save_take, report_panel.waveform_peaks

    def spy(name: str, fn: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            started.setdefault(name, len(paints))
            return fn(*args, **kwargs)
        return call

    monkeypatch.setattr(take_processor.ops, "save_take", spy("save", save_take))
    monkeypatch.setattr(report_panel, "waveform_peaks", spy("waveform", peaks))
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None and "waveform" in started, timeout=5000)
    assert started["save"] >= 1, "the save started before the report was painted"
    assert started["waveform"] >= 1, "the waveform was read before the report was painted"
    qtbot.waitUntil(lambda: bool(practice.report.waveform.peaks), timeout=5000)  # and still drawn


def test_work_waiting_for_a_paint_runs_at_exit_once(qtbot: Any) -> None:
    """A take's save waits for its report's paint; when the app closes first, it runs then, and once."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel

    from voicecoach.ui.first_frame import after_next_paint, run_waiting

    label = QLabel("report")
    qtbot.addWidget(label)
    ran: list[str] = []
    after_next_paint(label, lambda: ran.append("hidden"))
    assert ran == ["hidden"], "nothing paints a hidden widget: the work runs at once"
    label.show()
    after_next_paint(label, lambda: ran.append("saved"))
    run_waiting()
    assert ran == ["hidden", "saved"]
    label.repaint()  # painted now; had the work still been waiting, the paint would schedule it next
    QApplication.processEvents()
    assert ran == ["hidden", "saved"], "run once, not again at the next paint"
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert label.findChildren(QObject) == [], "done with, the waiter goes (one per take would pile up)"


def test_stop_shows_the_report_page_at_once_and_a_failed_analysis_goes_back_to_the_script(
        qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    """Stop turns to the report page straight away, saying the take is being finished (no verdict, no
    "nothing to fix"); when the analysis then fails, the rep is told and is back at the script, not left
    on a page that never fills in."""
    from voicecoach.ui import take_pipeline

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("analysis broke")

    monkeypatch.setattr(take_pipeline, "analyze_take", broken)
    app = make_app()
    practice = app.window.practice
    seen: list[tuple[int, str, int]] = []
    practice.pages.currentChanged.connect(lambda index: seen.append(
        (index, practice.report.verdict.text(), practice.report.flag_list.count())))
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.meter.rms_dbfs > -30, timeout=5000)
    practice.toggle_recording()
    qtbot.waitUntil(lambda: any("Analysis failed" in t for t in app.window.banners.texts()), timeout=5000)
    qtbot.waitUntil(lambda: practice.pages.currentIndex() == 0, timeout=5000)
    # On a busy computer the take can be back (and its analysis failed) before the page had its turn to
    # change: then it never leaves the script, which is as right. Otherwise: finishing first, then back.
    assert not seen or (seen[0] == (1, "Finishing the take…", 0) and seen[-1][0] == 0), seen
    assert not practice.report.finishing
    assert practice.session.recorder.state == "idle" and practice.record_button.isEnabled()
    assert list(app.ctx.recordings_dir().glob("*.wav")), "the take's audio is kept"


def test_an_earlier_takes_late_save_does_not_land_on_the_next_takes_report(qtbot: Any, make_app: Any) -> None:
    """With the store busy (a backup, a team sync), take 1 can be saved after take 2's report is up: take 2's
    Discard must not point at take 1, nor its player at take 1's audio."""
    import threading

    app = make_app(take="missing_number")
    practice = app.window.practice
    record_take(qtbot, app, use_keyboard=False)
    gate = threading.Event()
    app.ctx.store.call(lambda _store: gate.wait(10))  # the store busy before take 1's save starts
    practice.try_again()
    saved: list[Any] = []
    practice.session.processor.take_saved.connect(saved.append)
    try:
        record_take(qtbot, app, use_keyboard=False)
        second_audio = practice.report.audio_path
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=5000)
    takes = app.store_call(qtbot, lambda s: s.list_takes())
    assert sorted(t.attempt for t in takes) == [1, 2], "both takes are saved"
    assert saved[0].record.attempt == 2 and practice.session.processor.last_record.attempt == 2
    assert practice.report.audio_path != second_audio and practice.report.audio_path == saved[0].record.audio_path


def test_a_previous_takes_failed_analysis_leaves_the_next_take_alone(
        qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    """Take 1 is analysed on a worker (its analysis during the capture failed) and the rep has already
    started take 2 when that analysis fails too: the running take keeps its page, status and live words."""
    import threading

    from voicecoach.ui import take_pipeline

    real, gate, calls = take_pipeline.analyze_take, threading.Event(), []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("broke during the capture")
        if len(calls) == 2:
            gate.wait(10)
            raise RuntimeError("broke again")
        return real(*args, **kwargs)

    monkeypatch.setattr(take_pipeline, "analyze_take", flaky)
    app = make_app(take="missing_number")
    practice = app.window.practice
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.meter.rms_dbfs > -30, timeout=5000)
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.session.recorder.state == "idle" and len(calls) == 2, timeout=5000)
    reset: list[int] = []
    monkeypatch.setattr(practice, "try_again", lambda: reset.append(1))  # clears the live words, timer, status
    try:
        practice.toggle_recording()  # take 2
        qtbot.waitUntil(lambda: practice.partial_label.text() != "", timeout=5000)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: any("Analysis failed" in t for t in app.window.banners.texts()), timeout=5000)
    assert practice.session.recorder.state == "recording" and practice.pages.currentIndex() == 0
    assert reset == [], "the running take was reset as if it had come back with nothing"
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()


def test_stop_tells_the_capture_thread_before_the_window_redraws(qtbot: Any, make_app: Any) -> None:
    """The recogniser's last step starts at Stop; the window's redraw for the new state (the record bar,
    the report page) comes after it, not in front of it."""
    app = make_app()
    practice = app.window.practice
    practice.toggle_recording()
    qtbot.waitUntil(lambda: practice.meter.rms_dbfs > -30, timeout=5000)
    recorder = practice.session.recorder.recorder
    told: list[bool] = []
    practice.session.recorder.state_changed.connect(
        lambda state: told.append(recorder._stopping.is_set()) if state == "stopping" else None)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    assert told == [True]


def test_outside_a_cadence_a_saved_take_is_called_a_take_not_an_attempt() -> None:
    """"Attempt" belongs to a cadence's bar ("attempt 1 of 5"); a script's seventh take is "take 7"."""
    from types import SimpleNamespace

    from voicecoach.ui.views.practice.view import saved_as

    plain = SimpleNamespace(attempt=7, judgement=SimpleNamespace(cadence=None, attempt=None))
    assert saved_as(plain) == "Saved as take 7."
    assert saved_as(SimpleNamespace(attempt=7, judgement=None)) == "Saved as take 7."
    rehearsed = SimpleNamespace(attempt=7, judgement=SimpleNamespace(cadence="Cold series", attempt=1))
    assert saved_as(rehearsed) == "Saved as take 7 of Cold series · attempt 1."
