"""One judgement per take in the window: a reopened take shows what it showed; follow-up is the script's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fakes import FakeSoundDevice
from tests.ui.test_ui_practice import record_take
from tests.ui.uihelpers import FakeModel, ScriptedRecognizer, speechlike
from voicecoach.core.profile import Profile
from voicecoach.core.transcript import Transcript, Word
from voicecoach.ui.context import Adapters
from voicecoach.ui.views.take_dialog import TakeDialog


def _shown(panel: Any) -> tuple:
    return (panel.badge.score, panel.flag_list.codes(), panel.transcript_view.categories,
            panel.prospect_view.toPlainText(), [m.code for m in panel.view.markers])


def test_a_reopened_take_shows_the_same_flags_highlights_and_score(qtbot: Any, make_app: Any) -> None:
    app = make_app(take="filler_heavy")
    practice = app.window.practice
    practice.prospect_edit.setText("John")
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: practice.processor.last_record is not None, timeout=5000)
    take_id = practice.processor.last_record.id
    before = _shown(practice.report)
    assert before[2], "the take has highlights"

    # Afterwards: another name, stricter thresholds, another script text, no prospect.
    script = practice.current_script()
    app.store_call(qtbot, lambda s: s.update_profile(app.ctx.profile_id, Profile("Ann Other", "Acme", "555 0100")))
    app.ctx.set_profile(app.ctx.profile_id, Profile("Ann Other", "Acme", "555 0100"))
    app.ctx.set_settings(app.ctx.settings.replace(low_confidence=0.99, time_limit_seconds=5.0, dead_air_seconds=0.1))
    app.store_call(qtbot, lambda s: s.update_script(script.id, text="Something else entirely.", time_limit=10))
    practice.prospect_edit.setText("")

    dialog = TakeDialog(app.ctx, take_id, app.window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert _shown(dialog.panel) == before


def _follow_up_app(make_app: Any) -> Any:
    said = "hi john it's dana with northwind realty following up on my last message about your listing"
    take = Transcript.from_words(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(said.split(" ")))
    adapters = Adapters(sounddevice=FakeSoundDevice(speechlike(), speed=8.0),
                        make_recognizer=lambda _m: ScriptedRecognizer(take),
                        find_model=lambda _e: Path("fake-model"), load_model=lambda _p: FakeModel())
    return make_app(adapters=adapters)


def test_the_follow_up_toggle_is_stored_with_the_script_and_changes_false_follow_up(qtbot: Any,
                                                                                   make_app: Any) -> None:
    app = _follow_up_app(make_app)
    practice = app.window.practice
    assert not practice.follow_up_box.isChecked()
    record_take(qtbot, app, use_keyboard=False)
    assert "false_follow_up" in practice.report.flag_list.codes()
    qtbot.waitUntil(lambda: practice.processor.last_record is not None, timeout=5000)
    first = practice.processor.last_record

    practice.try_again()
    practice.follow_up_box.setChecked(True)
    qtbot.waitUntil(lambda: practice.current_script().follow_up, timeout=5000)
    stored = app.store_call(qtbot, lambda s: s.get_script(practice.current_script().id))
    assert stored.follow_up and stored.version == 2
    practice.processor.last_record = None
    record_take(qtbot, app, use_keyboard=False)
    assert "false_follow_up" not in practice.report.flag_list.codes()
    qtbot.waitUntil(lambda: practice.processor.last_record is not None, timeout=5000)
    second = app.store_call(qtbot, lambda s: s.get_take(practice.processor.last_record.id))
    assert second.judgement.follow_up and second.script_version_id == stored.version_id
    assert not app.store_call(qtbot, lambda s: s.get_take(first.id)).judgement.follow_up

    app.window.practice.refresh_scripts()  # the toggle follows the stored field
    qtbot.waitUntil(lambda: practice.follow_up_box.isChecked(), timeout=5000)
