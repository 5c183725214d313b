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
from voicecoach.ui.operations import TAKES
from voicecoach.ui.views.take_dialog import TakeDialog


def _shown(panel: Any) -> tuple:
    return (panel.badge.score, panel.flag_list.codes(), panel.transcript_view.categories,
            panel.prospect_view.toPlainText(), [m.code for m in panel.view.markers])


def test_a_reopened_take_shows_the_same_flags_highlights_and_score(qtbot: Any, make_app: Any) -> None:
    app = make_app(take="filler_heavy")
    practice = app.window.practice
    practice.prospect_edit.setText("John")
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    take_id = practice.session.processor.last_record.id
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
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    first = practice.session.processor.last_record

    practice.try_again()
    practice.follow_up_box.setChecked(True)
    qtbot.waitUntil(lambda: practice.current_script().follow_up, timeout=5000)
    stored = app.store_call(qtbot, lambda s: s.get_script(practice.current_script().id))
    assert stored.follow_up and stored.version == 2
    practice.session.processor.last_record = None
    record_take(qtbot, app, use_keyboard=False)
    assert "false_follow_up" not in practice.report.flag_list.codes()
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    second = app.store_call(qtbot, lambda s: s.get_take(practice.session.processor.last_record.id))
    assert second.judgement.follow_up and second.script_version_id == stored.version_id
    assert not app.store_call(qtbot, lambda s: s.get_take(first.id)).judgement.follow_up

    app.window.practice.refresh_scripts()  # the toggle follows the stored field
    qtbot.waitUntil(lambda: practice.follow_up_box.isChecked(), timeout=5000)


def _old_take(app: Any, qtbot: Any) -> int:
    """A take whose report came from older rules (score 7, a flag today's rules do not raise)."""
    from tests.ui.uihelpers import data_profile, data_take
    from voicecoach.core.judgement import judgement_for

    def job(store: Any) -> int:
        script = store.list_scripts()[0]
        old = {"speech_seconds": 20.0, "words": 50, "wpm": 150.0, "score": 7, "metrics": {},
               "flags": [{"code": "old_rule", "severity": "error", "message": "An older rule.", "evidence": []}]}
        return store.save_take(profile_id=1, script_version_id=script.version_id, transcript=data_take("clean"),
                                report=old, judgement=judgement_for(script=script, profile=data_profile())).id

    take_id = app.store_call(qtbot, job)
    app.ctx.announce(TAKES)
    return take_id


def test_judge_again_from_a_take_keeps_the_old_report(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    take_id = _old_take(app, qtbot)
    dialog = TakeDialog(app.ctx, take_id, app.window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.panel.badge.score == 7 and "judged again" not in dialog.windowTitle()
    with qtbot.waitSignal(app.ctx.operation_did_execute, timeout=5000) as changed:
        dialog.judge_again()
    assert changed.args[0].takes
    qtbot.waitUntil(lambda: "judged again on" in dialog.windowTitle(), timeout=5000)
    assert "old_rule" not in dialog.panel.flag_list.codes() and dialog.panel.badge.score > 7
    versions = app.store_call(qtbot, lambda s: s.report_versions(take_id))
    assert len(versions) == 2 and versions[0].score == 7 and versions[1].current


def test_judge_all_again_from_progress(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    take_id = _old_take(app, qtbot)
    view = app.window.progress
    with qtbot.waitSignal(app.ctx.takes_changed, timeout=5000):
        view.judge_all_again()
    qtbot.waitUntil(lambda: view.judge_button.isEnabled(), timeout=5000)
    take = app.store_call(qtbot, lambda s: s.get_take(take_id))
    assert take.judged_at is not None and "old_rule" not in take.flag_codes
    assert app.window.toast.text().startswith("Judged 1 take again")


def test_the_score_trend_shows_either_judgement(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    take_id = _old_take(app, qtbot)
    app.store_call(qtbot, lambda s: s.reanalyze_take(take_id))
    view = app.window.progress
    view.refresh()
    qtbot.waitUntil(lambda: view.data is not None and bool(view.data["progress"].trend), timeout=5000)
    latest = view.data["progress"].trend[-1].score
    assert latest > 7
    view.first_judged.setChecked(True)
    qtbot.waitUntil(lambda: view.data["progress"].trend[-1].score == 7, timeout=5000)


def test_judge_again_from_the_coach_page(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    take_id = _old_take(app, qtbot)
    coach = app.window.coach
    coach.on_shown()
    qtbot.waitUntil(lambda: coach.take_list.count() == 1, timeout=5000)
    coach.take_list.item(0).setSelected(True)
    coach.compare_selected()
    qtbot.waitUntil(lambda: coach.panels[0].badge.score == 7, timeout=5000)
    coach.judge_again()
    qtbot.waitUntil(lambda: "judged again on" in coach.panel_titles[0].text(), timeout=5000)
    assert coach.panels[0].badge.score > 7 and "old_rule" not in coach.panels[0].flag_list.codes()
    assert len(app.store_call(qtbot, lambda s: s.report_versions(take_id))) == 2


def test_judge_all_again_carries_on_past_an_unreadable_take(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    good, bad = _old_take(app, qtbot), _old_take(app, qtbot)

    def spoil(store: Any) -> None:
        with store.write() as db:
            db.execute("UPDATE takes SET judgement = ? WHERE id = ?", ['{"a": ' * 100_000 + "1" + "}" * 100_000, bad])

    app.store_call(qtbot, spoil)
    view = app.window.progress
    with qtbot.waitSignal(app.ctx.takes_changed, timeout=5000):
        view.judge_all_again()
    qtbot.waitUntil(lambda: view.judge_button.isEnabled(), timeout=5000)
    assert app.store_call(qtbot, lambda s: s.get_take(good)).judged_at is not None
    assert app.store_call(qtbot, lambda s: s.get_take(bad)).judged_at is None
    banner = app.window.banners.banner("judge").text  # a warning stays until read, unlike a toast
    assert banner.startswith("Judged 1 take again") and "1 could not be judged again" in banner
    assert f"take {bad}" in banner and "nested" in banner
