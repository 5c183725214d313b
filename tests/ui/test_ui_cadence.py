"""Cadences in the window: edit one in Scripts (order, day, topic, live lint), rehearse it in Practice attempt by
attempt with per-attempt progress, and the coach's view per rep and per attempt."""

from __future__ import annotations

from typing import Any

from tests.ui.test_ui_practice import record_take
from voicecoach import paths
from voicecoach.storage.cadence_files import read_cadence as load_cadence


def open_cadences(qtbot: Any, app: Any) -> Any:
    app.window.go_to(1)
    scripts = app.window.view(1)
    scripts.tabs.setCurrentIndex(1)
    editor = scripts.cadence_editor
    qtbot.waitUntil(lambda: editor.cadence_list.count() >= 3, timeout=5000)
    qtbot.waitUntil(lambda: editor.cadence is not None, timeout=5000)
    return editor


def pick(qtbot: Any, editor: Any, name: str) -> None:
    row = next(i for i, f in enumerate(editor.files) if f.name == name)
    editor.cadence_list.setCurrentRow(row)
    qtbot.waitUntil(lambda: editor.cadence is not None and editor.cadence.name == name, timeout=5000)


def tree_rows(editor: Any) -> list[tuple[str, str, str]]:
    t = editor.tree
    return [(t.topLevelItem(i).text(0), t.topLevelItem(i).text(1), t.topLevelItem(i).text(2))
            for i in range(t.topLevelItemCount())]


def test_edit_a_cadence_reorder_it_and_see_the_lint_live(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    assert [r[1] for r in tree_rows(editor)] == ["1", "4", "8", "14", "21"]
    assert tree_rows(editor)[3][2] == "a cash offer from a buyer I work with"
    assert "5 voicemails over 21 days" in editor.lint_summary.text()
    # A topic edited in place to repeat another attempt's: the lint says so while the rep types.
    editor.tree.topLevelItem(2).setText(2, "The best month to list")
    qtbot.waitUntil(lambda: "cadence_same_topic" in editor.lint_list.codes(), timeout=5000)
    assert "does not pass yet" in editor.lint_summary.text()
    # Move down, and a drag: the content moves, the days stay in place.
    editor.tree.setCurrentItem(editor.tree.topLevelItem(0))
    editor.move_selected(1)
    assert [r[1:] for r in tree_rows(editor)][:2] == [("1", "the best month to list"),
                                                      ("4", "what homes on your street sell for")]
    item = editor.tree.takeTopLevelItem(4)
    editor.tree.insertTopLevelItem(0, item)
    editor.tree.order_changed.emit()
    assert [r[:2] for r in tree_rows(editor)] == [("1", "1"), ("2", "4"), ("3", "8"), ("4", "14"), ("5", "21")]
    assert tree_rows(editor)[0][2] == "whether to close your file"
    # A day that is not a number is refused with a message; the script of the selected attempt is edited below.
    editor.tree.topLevelItem(1).setText(1, "soon")
    assert tree_rows(editor)[1][1] == "4"
    editor.tree.setCurrentItem(editor.tree.topLevelItem(0))
    assert "I'll close your file" in editor.script_edit.toPlainText()


def test_a_sample_is_saved_as_the_reps_own_copy(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Referral series")
    editor.name_edit.setText("My referrals")
    editor.name_edit.textEdited.emit("My referrals")
    qtbot.waitUntil(lambda: editor.cadence is not None and editor.cadence.name == "My referrals", timeout=5000)
    editor.save()
    saved = paths.cadences_dir() / "my-referrals.toml"
    qtbot.waitUntil(saved.exists, timeout=5000)
    back = load_cadence(saved)
    assert back.name == "My referrals" and [a.day for a in back.attempts] == [1, 5, 12]
    qtbot.waitUntil(lambda: any(f.name == "My referrals" and not f.sample for f in editor.files), timeout=5000)


def test_rehearse_the_cadence_steps_through_attempts_with_progress(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    editor.rehearse_button.click()
    practice = app.window.practice
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    assert app.window.current_view is practice
    bar = practice.cadence_bar
    assert bar.isVisible() and bar.title_label.text() == "Cold series · attempt 1 of 5 · day 1"
    assert "what homes on your street sell for" in bar.topic_label.text()
    assert "Homes on your street" in practice.script_label.text()
    assert not practice.follow_up_box.isChecked() and not practice.script_combo.isEnabled()
    during: list[bool] = []
    practice.recorder.state_changed.connect(lambda state: during.append(bar.isEnabled()) if state == "recording"
                                            else None)
    record_take(qtbot, app, use_keyboard=False)
    assert during == [False] and bar.isEnabled(), "a take keeps its attempt: no moving on while recording"
    qtbot.waitUntil(lambda: practice.processor.last_record is not None, timeout=5000)
    qtbot.waitUntil(lambda: bar.step_buttons and "not rehearsed" not in bar.step_buttons[0].text(), timeout=5000)
    take = app.store_call(qtbot, lambda s: s.get_take(practice.processor.last_record.id))
    assert (take.judgement.cadence, take.judgement.attempt, take.judgement.topic) == (
        "Cold series", 1, "what homes on your street sell for")
    row = app.store_call(qtbot, lambda s: s.query("SELECT cadence, cadence_attempt FROM takes")[0])
    assert (row["cadence"], row["cadence_attempt"]) == ("Cold series", 1)
    assert bar.step_buttons[1].text() == "2 · not rehearsed"
    assert "of 5 voicemails ready" in bar.summary_label.text()
    bar.next_button.click()
    assert bar.title_label.text() == "Cold series · attempt 2 of 5 · day 4"
    assert "the best month to list" in bar.topic_label.text() and "April" in practice.script_label.text()
    assert practice.follow_up_box.isChecked() and not practice.follow_up_box.isEnabled()
    bar.stop_button.click()
    assert not practice.rehearsal.active and not bar.isVisible() and practice.script_combo.isEnabled()


def test_the_coach_sees_each_attempt_of_each_cadence(qtbot: Any, make_app: Any) -> None:
    from tests.storage.builders import report_dict, transcript_of
    from voicecoach.core.judgement import judgement_for

    app = make_app()
    cold = load_cadence(paths.assets_dir() / "cadences" / "cold-series.toml")
    pid = app.ctx.profile_id

    def rehearse(store: Any) -> int:
        for attempt, flags in ((1, ()), (1, ()), (1, ()), (2, (("overrun", "error"),))):
            script = store.add_script(cold.attempt(attempt).title, cold.attempt(attempt).script.text)
            store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                            report=report_dict(80 + attempt, flags=flags),
                            judgement=judgement_for(cadence=cold, attempt=attempt))
        return 4

    app.store_call(qtbot, rehearse)
    app.window.go_to(3)
    coach = app.window.view(3)
    qtbot.waitUntil(lambda: coach.cadence_pane.isVisible(), timeout=5000)
    rows = coach.cadence_pane.rows()
    assert rows[0] == ["Cold series", "", "4", "", "", "1 of 5"]
    assert rows[1] == ["Attempt 1", "what homes on your street sell for", "3", "81", "ready to send, ready to send, "
                       "ready to send", "yes"]
    assert rows[2] == ["Attempt 2", "the best month to list", "1", "82", "not yet", "no"]
    assert rows[3][2:] == ["0", "–", "not rehearsed", "no"]


def test_rehearse_takes_the_cadence_as_edited_and_refuses_one_that_is_not(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Referral series")
    editor.tree.topLevelItem(0).setText(2, "selling before summer")  # rehearsed at once, before the check ran
    editor.rehearse_button.click()
    practice = app.window.practice
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    assert practice.rehearsal.cadence.attempt(1).topic == "selling before summer"
    assert "selling before summer" in practice.cadence_bar.topic_label.text()
    practice.rehearsal.stop()
    app.window.go_to(1)
    editor.tree.topLevelItem(1).setText(1, "1")  # attempt 2 on day 1: days must increase
    editor.rehearse()  # what the button does, before or after the check has disabled it
    qtbot.waitUntil(lambda: any("days must increase" in t for t in app.window.banners.texts()), timeout=5000)
    assert not practice.rehearsal.active and app.window.current_view is not practice
    qtbot.waitUntil(lambda: not editor.rehearse_button.isEnabled(), timeout=5000)
    assert "days must increase" in editor.lint_summary.text()


def test_a_call_list_steps_through_prospects_with_their_attempt_and_trigger(qtbot: Any, make_app: Any,
                                                                           tmp_path: Any) -> None:
    app = make_app()
    practice = app.window.practice
    cold = load_cadence(paths.assets_dir() / "cadences" / "cold-series.toml")
    practice.rehearse(cold)
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    calls = tmp_path / "calls.csv"
    calls.write_text("prospect,company,trigger,attempt\nJordan Lee,Acme,the Elm Street listing,2\nSam Ortiz,,,1\n",
                     encoding="utf-8")
    bar = practice.cadence_bar
    with qtbot.waitSignal(practice.rehearsal.changed, timeout=5000):
        practice.rehearsal.load_calls(calls)
    assert bar.call_row.isVisible() and "Prospect 1 of 2: <b>Jordan Lee (Acme)</b>" in bar.call_label.text()
    assert "the Elm Street listing" in bar.call_label.text() and "2 prospects: 0 ready, 2 to practise" in (
        bar.call_label.text())
    assert practice.rehearsal.attempt == 2 and practice.prospect_edit.text() == "Jordan Lee"
    assert "Hi Jordan Lee" in practice.script_label.text()
    tc = practice.take_context()
    assert (tc.judgement.prospect, tc.judgement.attempt, tc.judgement.follow_up) == ("Jordan Lee", 2, True)
    bar.next_call_button.click()
    assert practice.rehearsal.attempt == 1 and practice.prospect_edit.text() == "Sam Ortiz"
    assert bar.next_call_button.text() == "Finish the list" and not practice.follow_up_box.isChecked()
    bar.next_call_button.click()
    qtbot.waitUntil(lambda: any("Call list done: 2 prospects: 0 ready, 2 to practise" in t
                                for t in [*app.window.banners.texts(), app.window.toast.text()]), timeout=5000)
    bar.step_buttons[3].click()  # an attempt picked by hand puts the list aside
    assert not bar.call_row.isVisible() and practice.rehearsal.attempt == 4
    calls.write_text("prospect,attempt\nJo,9\n", encoding="utf-8")
    practice.rehearsal.load_calls(calls)
    qtbot.waitUntil(lambda: any("from 1 to 5, got '9'" in t for t in app.window.banners.texts()), timeout=5000)
