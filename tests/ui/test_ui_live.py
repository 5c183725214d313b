"""Coaching while the rep speaks: takes fed through the fake device, the checklist ticking, the report agreeing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

from tests.fakes import FakeSoundDevice
from tests.live_takes import UtteranceRecognizer, bent
from tests.ui.uihelpers import FakeModel, data_take, speechlike
from voicecoach.core.transcript import Transcript
from voicecoach.ui.context import Adapters


def _app(make_app: Any, take: Transcript, *, seconds: float = 29.0, speed: float = 6.0, **kw: Any) -> Any:
    """The app with the fake microphone and a recogniser that hears ``take`` at its own pace."""
    recognizers: list[UtteranceRecognizer] = []

    def make(_model: Any) -> UtteranceRecognizer:
        recognizers.append(UtteranceRecognizer(take, **kw))
        return recognizers[-1]

    sd = FakeSoundDevice(speechlike(seconds), speed=speed)
    adapters = Adapters(sounddevice=sd, make_recognizer=make, find_model=lambda _e: Path("fake-model"),
                        load_model=lambda _p: FakeModel())
    app = make_app(adapters=adapters, sd=sd)
    app.recognizers = recognizers
    return app


def _record(qtbot: Any, app: Any, until: Any = None) -> list[Any]:
    """Record until the audio is played (or ``until()``), press Stop, wait for the report; the live states."""
    practice = app.window.practice
    states: list[Any] = []
    practice.session.recorder.live_changed.connect(lambda tick: states.append(tick.state))
    with qtbot.waitSignal(practice.session.recorder.audio_started, timeout=5000):
        practice.toggle_recording()
    qtbot.waitUntil(until or (lambda: app.sd.played.is_set()), timeout=15000)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    return states


def _first_seen(states: list[Any]) -> list[tuple[str, float]]:
    seen: dict[str, float] = {}
    for s in states:
        for t in s.ticks:
            seen.setdefault(t.part, t.at)
    return list(seen.items())


def test_parts_tick_in_order_with_their_times_and_the_report_agrees(qtbot: Any, make_app: Any) -> None:
    take = data_take("clean")
    app = _app(make_app, take, speed=3.0)
    practice = app.window.practice
    states = _record(qtbot, app)
    seen = _first_seen(states)
    assert [p for p, _ in seen] == ["name", "company", "number", "number_again"]
    times = [at for _, at in seen]
    assert times == sorted(times)
    # Each ticks once its last word has been heard: "dana" ends at 1.59 s, "realty" at 3.09 s, the number's
    # "two" at 7.39 s and, said again, at 27.52 s (take time); a partial comes every 0.1 s of audio.
    ends = [1.59, 3.09, 7.39, 27.52]
    assert [w.end for w in take.words if w.word in ("realty", "two")] == [3.09, 7.39, 27.52]
    assert all(0.0 <= at - end <= 1.2 for at, end in zip(times, ends, strict=True)), times
    assert practice.live_panel.row_states() == dict.fromkeys(("name", "company", "number", "number_again"),
                                                             "ticked")
    assert any(f"· {s} s" in practice.live_panel.rows["number"].text() for s in (7, 8))
    assert "missing_contact_info" not in practice.report.flag_list.codes()
    assert practice.live_note.isHidden()


def test_a_missing_number_stays_unticked_and_is_highlighted_in_the_last_five_seconds(qtbot: Any,
                                                                                       make_app: Any) -> None:
    app = _app(make_app, data_take("missing_number"))
    practice = app.window.practice
    panel = practice.live_panel
    qtbot.waitUntil(lambda: practice.current_script() is not None)
    with qtbot.waitSignal(practice.session.recorder.audio_started, timeout=5000):
        practice.toggle_recording()
    qtbot.waitUntil(lambda: panel.row_states()["company"] == "ticked", timeout=10000)
    assert panel.row_states()["number"] == "pending"  # not highlighted before the last 5 s
    qtbot.waitUntil(lambda: panel.row_states()["number"] == "missing", timeout=15000)
    assert app.recognizers[0].seconds >= 24.9
    assert "no number yet" in panel.rows["number"].text()
    assert panel.row_states()["name"] == "ticked"
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    assert practice.report.flag_list.codes()[0] == "missing_contact_info"
    assert practice.live_note.isHidden()  # the report says what the checklist said: no number


def test_a_bent_name_ticks_amber_and_the_report_says_the_same(qtbot: Any, make_app: Any) -> None:
    app = _app(make_app, bent(data_take("missing_number"), "dana", "donna"), seconds=24.0)
    practice = app.window.practice
    _record(qtbot, app)
    row = practice.live_panel.rows["name"]
    assert row.state == "bent"
    assert "heard as “donna" in row.text()
    assert "contact_misheard" in practice.report.flag_list.codes()
    assert practice.live_note.isHidden()


def test_a_tick_the_final_transcript_undoes_is_explained_under_the_report(qtbot: Any, make_app: Any) -> None:
    said = "give me a call back at four one five five five five oh one four two"
    app = _app(make_app, data_take("missing_number"), seconds=24.0,
               partial_override=lambda text: said if text.startswith("give me") else text)
    practice = app.window.practice
    _record(qtbot, app)
    assert practice.live_panel.row_states()["number"] == "ticked"
    assert "missing_contact_info" in practice.report.flag_list.codes()
    assert practice.live_note.isVisible()
    assert "Your number ticked at" in practice.live_note.text()
    assert "in the final transcript, so the report counts it as not said" in practice.live_note.text()


def test_the_live_words_are_sentences_large_enough_to_glance_at(qtbot: Any, make_app: Any) -> None:
    app = _app(make_app, data_take("clean"), seconds=13.0)
    practice = app.window.practice
    words = practice.partial_label
    with qtbot.waitSignal(practice.session.recorder.audio_started, timeout=5000):
        practice.toggle_recording()
    shown = lambda: QTextDocumentFragment.fromHtml(words.text()).toPlainText()  # noqa: E731
    qtbot.waitUntil(lambda: "came off the market" in shown(), timeout=10000)
    font = words.font()
    assert font.pointSizeF() >= 14 and not font.italic()
    assert words.height() >= 3 * words.fontMetrics().lineSpacing()
    # Every word heard so far, the closed utterances as sentences.
    assert "Hi john it's dana with north wind realty four one five five five five oh one four two. I saw" in shown()
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()


def test_the_checklist_hides_with_its_shortcut_and_with_the_script_unless_the_rep_chooses(qtbot: Any,
                                                                                         make_app: Any) -> None:
    app = _app(make_app, data_take("clean"), seconds=2.0)
    practice, window = app.window.practice, app.window
    panel = practice.live_panel
    assert panel.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not panel.isVisible()
    assert app.ctx.prefs.get("practice/live_hidden") in (True, "true")
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.isVisible()
    practice.hide_script.setChecked(True)
    assert not panel.isVisible()
    panel.follow_action.setChecked(False)  # the rep wants the checklist while practising from memory
    assert panel.isVisible()
    assert app.ctx.prefs.get("practice/live_hides_with_script") in (False, "false")
