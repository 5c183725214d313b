"""The traps a new user still fell into in the second round: each test fails on the version that had the trap."""

from __future__ import annotations

from typing import Any

from tests.ui.test_ui_views import seed_takes

# -- 1. unsaved script edits ---------------------------------------------------------------------------


def _scripts_with_two(app: Any, qtbot: Any) -> Any:
    app.store_call(qtbot, lambda s: s.add_script("Referral voicemail", "Hi {prospect}, {referral} said to call."))
    app.ctx.scripts_changed.emit()
    app.window.go_to(1)
    view = app.window.scripts
    qtbot.waitUntil(lambda: view.list.count() == 2 and view.current is not None, timeout=5000)
    return view


def _answer(qtbot: Any, view: Any, button: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    qtbot.waitUntil(lambda: getattr(view, "unsaved_box", None) is not None and view.unsaved_box.isVisible(),
                    timeout=3000)
    box = view.unsaved_box
    assert "unsaved" in box.text().lower() or "save" in box.text().lower()
    box.button(getattr(QMessageBox.StandardButton, button)).click()


def test_switching_script_with_unsaved_edits_asks_and_cancel_keeps_them(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _scripts_with_two(app, qtbot)
    first = view.current
    view.editor.setPlainText("My own edit, not saved yet.")
    other = next(i for i in range(2) if view.list.item(i).text() != first.title)
    view.list.setCurrentRow(other)
    _answer(qtbot, view, "Cancel")
    assert view.current.id == first.id and view.editor.toPlainText() == "My own edit, not saved yet."
    assert view.list.currentItem().text() == first.title
    view.list.setCurrentRow(other)
    _answer(qtbot, view, "Discard")
    qtbot.waitUntil(lambda: view.current.id != first.id, timeout=3000)
    assert "My own edit" not in view.editor.toPlainText()
    stored = app.store_call(qtbot, lambda s: s.get_script(first.id))
    assert "My own edit" not in stored.text


def test_ctrl_n_with_unsaved_edits_can_save_them_first(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _scripts_with_two(app, qtbot)
    first = view.current
    view.editor.setPlainText("Hi {prospect}, a better opening. {name}, {company}, {phone}.")
    app.window.new_script()
    assert "better opening" in view.editor.toPlainText()  # nothing is thrown away before the answer
    _answer(qtbot, view, "Save")
    qtbot.waitUntil(lambda: "better opening" in app.store_call(qtbot, lambda s: s.get_script(first.id)).text,
                    timeout=5000)
    qtbot.waitUntil(lambda: view.creating and view.editor.toPlainText() == "", timeout=3000)


def test_quitting_with_unsaved_script_edits_asks(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _scripts_with_two(app, qtbot)
    view.title_edit.setText("A title I typed")
    assert app.window.close() is False  # the window stays while the question is open
    _answer(qtbot, view, "Cancel")
    assert app.window.isVisible() and view.title_edit.text() == "A title I typed"
    app.window.close()
    _answer(qtbot, view, "Discard")
    qtbot.waitUntil(lambda: not app.window.isVisible(), timeout=3000)


def test_an_untouched_script_switches_without_a_question(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _scripts_with_two(app, qtbot)
    first = view.current
    view.list.setCurrentRow(next(i for i in range(2) if view.list.item(i).text() != first.title))
    assert view.current.id != first.id
    assert getattr(view, "unsaved_box", None) is None or not view.unsaved_box.isVisible()


# -- 2. the mouse wheel over settings ------------------------------------------------------------------


def _wheel(widget: Any) -> Any:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event


def _value(widget: Any) -> Any:
    return widget.currentIndex() if hasattr(widget, "currentIndex") else widget.value()


def test_the_wheel_changes_no_picker_or_number_it_only_passes_over(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

    app = make_app()
    pickers = []
    for page in range(5):
        app.window.go_to(page)
        view = app.window.view(page)
        kinds = QComboBox | QAbstractSpinBox
        pickers += [w for w in view.findChildren(QWidget) if isinstance(w, kinds) and w.isEnabled()]
    settings = app.window.settings
    assert settings.theme_combo in pickers and settings.device_combo in pickers
    for widget in pickers:
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus, widget
        if isinstance(widget, QComboBox) and widget.count() < 2:
            continue
        before = _value(widget)
        event = _wheel(widget)
        assert _value(widget) == before and not event.isAccepted(), widget  # left for the page to scroll
    combo = settings.limit_spin
    app.window.go_to(4)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=3000)
    before = combo.value()
    _wheel(combo)
    assert combo.value() != before  # with focus, the wheel still sets it


# -- 3. switching rep with a session running -----------------------------------------------------------


def _coach_with_session_and_sam(app: Any, qtbot: Any) -> tuple[Any, int, Any]:
    from voicecoach.core.profile import Profile

    sam_profile = Profile("Sam Ortiz", "Bayline Homes", "212-555-0199")
    sam = app.store_call(qtbot, lambda s: s.add_profile(sam_profile))
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.rep_combo.count() == 2, timeout=5000)
    coach.goals.setText("Say the number twice")
    coach.toggle_session()
    qtbot.waitUntil(lambda: app.ctx.session_id is not None, timeout=5000)
    return coach, sam, sam_profile


def test_switching_rep_during_a_session_asks_and_stay_keeps_it_running(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    coach, sam, _profile = _coach_with_session_and_sam(app, qtbot)
    sid = app.ctx.session_id
    coach.rep_combo.setCurrentIndex(coach.rep_combo.findData(sam))
    coach.rep_combo.activated.emit(coach.rep_combo.currentIndex())
    qtbot.waitUntil(lambda: getattr(coach, "switch_box", None) is not None and coach.switch_box.isVisible(),
                    timeout=3000)
    box = coach.switch_box
    assert "Sam Ortiz" in box.text() and "session" in box.text().lower()
    assert app.ctx.session_id == sid and app.ctx.profile_id == 1  # nothing has happened yet
    box.button_stay.click()
    assert app.ctx.session_id == sid and app.ctx.profile_id == 1
    assert coach.rep_combo.currentData() == 1  # the picker shows the rep still being coached
    assert app.store_call(qtbot, lambda s: s.get_session(sid)).ended_at is None


def test_switching_rep_can_end_the_session_with_its_goals_and_leaves_no_stale_text(qtbot: Any,
                                                                                  make_app: Any) -> None:
    app = make_app()
    coach, sam, sam_profile = _coach_with_session_and_sam(app, qtbot)
    sid = app.ctx.session_id
    coach.switch_rep(sam, sam_profile)
    qtbot.waitUntil(lambda: getattr(coach, "switch_box", None) is not None and coach.switch_box.isVisible(),
                    timeout=3000)
    coach.switch_box.button_end.click()
    qtbot.waitUntil(lambda: app.ctx.profile_id == sam, timeout=5000)
    assert app.store_call(qtbot, lambda s: s.get_session(sid)).ended_at is not None
    assert getattr(coach, "goals_dialog", None) is not None and list(coach.goals_dialog.boxes) == [
        "Say the number twice"]
    app.store_call(qtbot, lambda s: None)  # every store answer queued for the previous rep has arrived
    assert "Session ended" not in coach.session_label.text()
    assert coach.session_label.text() == "No session running."


# -- 4. entries that cannot be told apart ----------------------------------------------------------------


def test_reps_of_the_same_name_show_what_differs(qtbot: Any, make_app: Any) -> None:
    from voicecoach.core.profile import Profile

    app = make_app()
    seed_takes(app, qtbot, ("clean", "clean"))
    app.store_call(qtbot, lambda s: s.add_profile(Profile("Dana Whitfield", "Northwind Realty", "+1 415-555-0199")))
    app.window.go_to(3)
    combo = app.window.coach.rep_combo
    qtbot.waitUntil(lambda: combo.count() == 2, timeout=5000)
    labels = [combo.itemText(i) for i in range(2)]
    assert len(set(labels)) == 2, labels
    assert any("0142" in t and "2 takes" in t for t in labels) and any("0199" in t and "no takes" in t
                                                                       for t in labels), labels


def test_a_new_script_saved_under_a_taken_title_gets_its_own(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.new_script()
    view = app.window.scripts
    view.title_edit.setText("Expired listing")
    view.editor.setPlainText("Hi {prospect}, a second version. {name}, {phone}.")
    view.save()
    qtbot.waitUntil(lambda: view.list.count() == 2, timeout=5000)
    assert sorted(view.list.item(i).text() for i in range(2)) == ["Expired listing", "Expired listing 2"]
    assert view.title_edit.text() == "Expired listing 2"  # the editor shows the title it was saved under


def test_opening_a_rep_from_the_team_keeps_the_side_bar_on_this_computers_rep(qtbot: Any, make_app: Any,
                                                                            tmp_path: Any) -> None:
    from tests.storage.teamkit import BEN, add_takes, rep_home
    from tests.ui.test_ui_team import _join
    from voicecoach.storage.team import sync

    team = tmp_path / "team"
    team.mkdir()
    rep, m = rep_home(tmp_path / "ben", team, profile=BEN, takes=0)
    add_takes(rep, m.profile_id or 0, 2, first_score=60)
    sync(rep)
    app = make_app()
    _join(app, qtbot, team, coach=True)
    app.window.go_to(3)
    table = app.window.coach.team_section.table
    qtbot.waitUntil(lambda: table.proxy.rowCount() == 1, timeout=5000)
    table.view.activated.emit(table.proxy.index(0, 0))
    qtbot.waitUntil(lambda: app.ctx.profile is not None and app.ctx.profile.name == "Ben Okafor", timeout=5000)
    qtbot.waitUntil(lambda: "Ben Okafor" in app.window.rep_label.text(), timeout=5000)
    label = app.window.rep_label.text()
    assert label.startswith("Dana Whitfield") and "Coaching Ben Okafor" in label


# -- 6. messages that send you elsewhere or show raw codes ------------------------------------------------


def test_the_damaged_database_dialog_says_what_its_button_does(qtbot: Any, make_app: Any) -> None:
    from tests.ui.test_ui_startup import app_with_a_damaged_database

    app = app_with_a_damaged_database(qtbot, make_app)
    box = app.startup.db_box
    shown = " ".join((box.text(), box.informativeText(), app.window.banners.banner("database").text))
    assert "voicecoach restore-backup" not in shown and "`" not in shown
    assert "damaged" in box.text()
    assert "Restore last backup" in box.informativeText() and "kept aside" in box.informativeText()


def test_a_broken_model_named_in_voicecoach_model_keeps_its_reason(qtbot: Any, make_app: Any) -> None:
    from pathlib import Path

    from tests.ui.uihelpers import adapters_whose_model_fails
    from voicecoach.asr.errors import ModelInvalidError

    adapters = adapters_whose_model_fails(ModelInvalidError(
        "The speech model in /models/en is incomplete or damaged: am/final.mdl is missing.",
        path=Path("/models/en"), setting="VOICECOACH_MODEL"))
    app = make_app(adapters=adapters, model=False)
    qtbot.waitUntil(lambda: app.window.banners.banner("model") is not None, timeout=5000)
    text = app.window.banners.banner("model").text
    assert "am/final.mdl is missing" in text and "/models/en" in text
    assert "`" not in text and "--model" not in text and "VOICECOACH_MODEL" not in text


def test_a_microphone_error_has_no_raw_sound_system_codes() -> None:
    from tests.fakes import FakePortAudioError
    from voicecoach.audio.devices import portaudio_problem
    from voicecoach.ui.text import mic_problem

    raw = FakePortAudioError("Error opening InputStream: Unanticipated host error", -9999,
                             (0, -5, "Input/output error"))
    assert "[PaErrorCode -9999]" in str(raw) and "[ALSA error -5]" in str(raw)  # as sounddevice words it
    text = mic_problem(portaudio_problem(raw))
    assert text.startswith("The microphone could not be opened"), text
    assert "Input/output error" in text and "Settings → Microphone" in text
    for raw_bit in ("PaErrorCode", "ALSA error", "-9999", "-5", "( ", "(:", " :", "InputStream", ".)."):
        assert raw_bit not in text, (raw_bit, text)


def test_a_microphone_lost_mid_take_is_two_sentences(qtbot: Any, make_app: Any, tmp_path: Any) -> None:
    from types import SimpleNamespace

    from voicecoach.audio.capture import DEVICE_LOST
    from voicecoach.ui.take_state import JudgedOn

    app = make_app()
    processor = app.window.practice.session.processor
    result = SimpleNamespace(error=DEVICE_LOST, warnings=(), transcript=None, seconds=0.1,
                             path=tmp_path / "take.wav")
    processor.finish_recorded(result, None, None, place=JudgedOn.LATER)
    text = app.window.banners.banner("recording").text
    assert text.startswith("The microphone stopped working") and ". The audio so far is kept." in text


def test_open_folder_says_so_when_the_file_manager_fails(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    from voicecoach import paths
    from voicecoach.ui.views import settings as settings_view

    monkeypatch.setattr(settings_view, "FOLDER_OPENER", ("sh", "-c", "exit 3"))  # xdg-open: no method available
    app = make_app()
    app.window.go_to(4)
    app.window.settings.open_data_folder()
    qtbot.waitUntil(lambda: app.window.banners.banner("open-folder") is not None, timeout=5000)
    assert str(paths.data_dir()) in app.window.banners.banner("open-folder").text


# -- 5. 1024×700 and 1.5× ----------------------------------------------------------------------------------


def _report_panel_at(qtbot: Any, width: int, height: int, *, provisional: bool = False, **kw: Any) -> Any:
    from dataclasses import replace

    from tests.ui.uihelpers import data_profile, data_take
    from voicecoach.core.report import analyze
    from voicecoach.ui.widgets.report_panel import ReportPanel

    panel = ReportPanel(**kw)
    qtbot.addWidget(panel)
    panel.resize(width, height)
    take = data_take("filler_heavy")
    report = analyze(take, profile=data_profile(), time_limit=30)
    if provisional:
        report = replace(report, flags=(*report.flags,), metrics={**report.metrics})
        panel.show_report(take, report, note="Provisional: I couldn't hear this take reliably")
    else:
        panel.show_report(take, report)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_the_practice_report_at_1024_cuts_no_figure_or_headline(qtbot: Any) -> None:
    from tests.ui.test_ui_traps import cut_off

    for provisional in (False, True):
        panel = _report_panel_at(qtbot, 782, 560, provisional=provisional)  # Practice's width at 1024×700
        qtbot.waitUntil(lambda p=panel: cut_off(p) == [], timeout=2000) if not cut_off(panel) else None
        assert cut_off(panel) == []
        facts = [panel.fact_labels[k] for k in ("length", "pace", "words", "fillers")]
        sound = panel.fact_labels["sound"]
        for label in facts:  # the sound line is drawn below the figures, never under them
            assert not label.geometry().translated(label.parentWidget().mapTo(panel, label.pos()) - label.pos()
                                                   ).intersects(sound.geometry().translated(
                                                       sound.parentWidget().mapTo(panel, sound.pos()) - sound.pos()))


def test_the_practice_page_at_1024_shows_every_figure_of_a_take(qtbot: Any, make_app: Any,
                                                                 monkeypatch: Any) -> None:
    from tests.ui.test_ui_practice import record_take
    from tests.ui.test_ui_traps import _at_size, _settled_cuts

    app = _at_size(qtbot, make_app, monkeypatch)
    record_take(qtbot, app, use_keyboard=False)
    assert _settled_cuts(qtbot, app.window.practice.report) == []


def test_coach_in_a_team_at_1024_keeps_the_compared_transcripts_readable(qtbot: Any, make_app: Any,
                                                                         monkeypatch: Any, tmp_path: Any) -> None:
    from tests.storage.builders import ANN
    from tests.storage.teamkit import BEN, add_takes, rep_home
    from tests.ui.test_ui_team import _join
    from tests.ui.test_ui_traps import _at_size, _settled_cuts
    from voicecoach.storage.team import sync

    team = tmp_path / "team"
    team.mkdir()
    for home, profile in (("ann", ANN), ("ben", BEN)):
        rep, m = rep_home(tmp_path / home, team, profile=profile, takes=0)
        add_takes(rep, m.profile_id or 0, 2, first_score=60)
        sync(rep)
    app = _at_size(qtbot, make_app, monkeypatch)
    seed_takes(app, qtbot, ("missing_number", "clean"))
    _join(app, qtbot, team, coach=True)
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.team_section.table.proxy.rowCount() == 2 and coach.take_list.count() == 2,
                    timeout=5000)
    coach.compare_first_latest()
    qtbot.waitUntil(lambda: all(p.badge.score is not None for p in coach.panels), timeout=5000)
    assert _settled_cuts(qtbot, coach) == []
    for panel in coach.panels:
        line = panel.transcript_view.fontMetrics().lineSpacing()
        assert panel.transcript_view.viewport().height() >= 3 * line, panel.transcript_view.height()
        assert panel.verdict.height() >= panel.verdict.heightForWidth(panel.verdict.width())


def test_the_first_window_leaves_room_for_the_title_bar_a_window_manager_adds(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtWidgets import QApplication, QStyle

    room = QApplication.primaryScreen().availableGeometry()
    assert room.height() < 780 + 40  # the default 1180×780 with a title bar is taller than this screen (as at 1.5×)
    app = make_app()  # nothing saved: the default size, fitted before any window manager has framed it
    window = app.window
    title_bar = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    inner = window.geometry()
    assert inner.top() - title_bar >= room.top() and window.frameGeometry().bottom() <= room.bottom()


# -- 7. notes ------------------------------------------------------------------------------------------------


def test_a_reps_own_note_is_theirs_not_the_coachs(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    takes = seed_takes(app, qtbot, ("clean",))
    practice = app.window.practice
    practice.add_note(takes[0].id, "Remember to smile", 1.0)
    qtbot.waitUntil(lambda: app.store_call(qtbot, lambda s: s.list_notes(takes[0].id)) != [], timeout=5000)
    assert [n.author for n in app.store_call(qtbot, lambda s: s.list_notes(takes[0].id))] == ["rep"]
    app.store_call(qtbot, lambda s: None)
    assert "Remember to smile" not in practice.coach_feedback.text.text()  # not "From your coach"
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.take_list.count() == 1, timeout=5000)
    coach.add_note(takes[0].id, "Slow down on the number", 2.0)
    coach.take_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: coach.notes_list.count() == 2, timeout=5000)
    shown = [coach.notes_list.item(i).text() for i in range(2)]
    assert any("Rep" in t and "Remember to smile" in t for t in shown), shown
    assert any("Coach" in t and "Slow down" in t for t in shown), shown


def test_a_note_on_the_waveform_is_its_own_mark_with_its_text_on_hover(qtbot: Any) -> None:
    from types import SimpleNamespace

    panel = _report_panel_at(qtbot, 900, 600)
    panel.waveform.set_audio([0.5] * 100, 10.0)
    panel.set_notes([SimpleNamespace(at_seconds=4.0, text="Breathe before the number")])
    wave = panel.waveform
    note = next(m for m in wave.markers if m.code == "note")
    assert wave.marker_color(note) != wave.marker_color(next(m for m in wave.markers if m.code != "note"))
    assert "Breathe before the number" in wave.tooltip_at(wave.marker_x(note))


def test_the_note_dialog_is_sized_for_a_note_tab_leaves_and_ctrl_enter_saves(qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from voicecoach.ui.widgets.note_dialog import ask_note

    host = QWidget()
    qtbot.addWidget(host)
    saved: list[str] = []
    dialog = ask_note(host, "Coach note", 3.5, saved.append)
    qtbot.waitExposed(dialog)
    assert dialog.width() >= 420 and dialog.editor.height() >= 100
    dialog.editor.setFocus()
    qtbot.waitUntil(dialog.editor.hasFocus, timeout=3000)
    qtbot.keyClicks(dialog.editor, "Slow down")
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Tab)
    assert "\t" not in dialog.editor.toPlainText() and not dialog.editor.hasFocus()
    dialog.editor.setFocus()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved == ["Slow down"] and not dialog.isVisible()


def test_long_notes_wrap_in_the_coach_list(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtCore import Qt

    app = make_app()
    app.window.go_to(3)
    notes = app.window.coach.notes_list
    assert notes.wordWrap() and notes.textElideMode() == Qt.TextElideMode.ElideNone


# -- 8. the profile form ---------------------------------------------------------------------------------


def _profile_page(app: Any, qtbot: Any) -> Any:
    app.window.go_to(4)
    view = app.window.settings
    qtbot.waitExposed(view)
    return view


def test_a_corrected_number_clears_its_error_and_the_hint_promises_nothing(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _profile_page(app, qtbot)
    form = view.profile_form
    form.fields["phone"].setText("12")
    view.save_profile()
    assert "Nothing was saved" in view.profile_error.text()
    form.fields["phone"].setText("415-555-0199")
    assert view.profile_error.text() == ""  # corrected: the red error goes at once
    assert not form.read_back.text().startswith("Saved as")  # nothing is saved until Save is pressed
    assert "four one five" in form.read_back.text()


def test_the_save_button_stays_put_and_the_hint_keeps_every_line(qtbot: Any, make_app: Any,
                                                                 monkeypatch: Any) -> None:
    from tests.ui.test_ui_traps import _at_size

    app = _at_size(qtbot, make_app, monkeypatch)
    view = _profile_page(app, qtbot)
    form = view.profile_form
    positions = []
    from PySide6.QtWidgets import QApplication

    for text in ("", "12", "020 7946 0958 ext 7", "415-555-0142"):
        form.fields["phone"].setText(text)
        for _ in range(3):  # the layout requests this posts, and the ones they post in turn
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        assert form.read_back.height() >= form.read_back.heightForWidth(form.read_back.width()), text
        positions.append(view.profile_save.mapTo(view, view.profile_save.rect().topLeft()).y())
    assert len(set(positions)) == 1, positions


def test_an_email_without_a_domain_ending_is_refused(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = _profile_page(app, qtbot)
    view.profile_form.fields["email"].setText("dana@northwind")
    view.save_profile()
    assert "dana@northwind" in view.profile_error.text() and "Nothing was saved" in view.profile_error.text()
    assert app.store_call(qtbot, lambda s: s.get_profile(1).profile).email != "dana@northwind"


# -- 9. small things ----------------------------------------------------------------------------------------


def test_the_sound_line_explains_dbfs_on_hover(qtbot: Any) -> None:
    panel = _report_panel_at(qtbot, 900, 600)
    panel.fact_labels["sound"].setText("voice at -23 dBFS")
    panel._show_facts(panel.transcript, panel.data.__class__.from_dict({**panel.data.to_dict(), "metrics": {
        **panel.data.metrics, "audio_analysed": True, "speech_level_dbfs": -23.0}}))
    tip = panel.fact_labels["sound"].toolTip()
    assert "dBFS" in tip and "loudest" in tip


def test_judged_again_from_a_take_window_says_so_in_that_window(qtbot: Any, make_app: Any) -> None:
    from voicecoach.ui.views.take_dialog import TakeDialog

    app = make_app()
    takes = seed_takes(app, qtbot, ("clean",))
    dialog = TakeDialog(app.ctx, takes[0].id, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.judge_again()
    qtbot.waitUntil(lambda: dialog.toast.isVisible(), timeout=5000)
    assert "Judged 1 take again" in dialog.toast.text()
    assert dialog.toast.window() is dialog


def test_checking_a_model_folder_is_not_said_after_the_answer(qtbot: Any, make_app: Any) -> None:
    from tests.ui.test_ui_traps import _adapters_with_model_folders

    app = make_app(adapters=_adapters_with_model_folders())
    app.ctx.model.use_folder("/tmp/not-a-model")
    qtbot.waitUntil(lambda: (b := app.window.banners.banner("model")) is not None and "keeps using" in b.text,
                    timeout=5000)
    assert not (app.window.toast.isVisible() and "Checking" in app.window.toast.text())


def test_f1_lists_del(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.show_help()
    assert "<b>Del</b>" in app.window.help_box.text()


def test_up_and_down_move_pages_right_after_a_click_in_the_side_bar(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtCore import Qt

    app = make_app()
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.practice.prospect_edit.setFocus()  # the rep was typing, then clicks a page in the side bar
    qtbot.waitUntil(window.practice.prospect_edit.hasFocus, timeout=3000)
    qtbot.mouseClick(window.nav.button(2), Qt.MouseButton.LeftButton)
    assert window.stack.currentIndex() == 2
    qtbot.waitUntil(window.nav.button(2).hasFocus, timeout=3000)
    qtbot.keyClick(window.nav.button(2), Qt.Key.Key_Down)
    assert window.stack.currentIndex() == 3


def test_from_your_coach_has_no_hard_white_border_in_dark(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from voicecoach.ui import theme

    try:
        theme.apply_theme(QApplication.instance(), dark=True)
        sheet = QApplication.instance().styleSheet()
        assert "#CoachFeedback" in sheet
        rule = sheet.split("#CoachFeedback", 1)[1].split("}", 1)[0]
        assert "border" in rule and "#fff" not in rule.lower() and "white" not in rule.lower()
    finally:
        theme.apply_theme(QApplication.instance(), dark=False)


def test_a_chart_title_without_takes_is_whole(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    from tests.ui.test_ui_traps import _at_size

    app = _at_size(qtbot, make_app, monkeypatch)
    seed_takes(app, qtbot, ("clean",))  # a transcript only: no pitch measured
    app.window.go_to(2)
    view = app.window.progress
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    import re

    from PySide6.QtGui import QFontMetrics

    for chart in view.charts.values():
        metrics = QFontMetrics(chart.chart().titleFont())
        for line in chart.chart().title().split("<br>"):  # each line of the title shows whole
            text = re.sub(r"<[^>]+>", "", line)
            assert metrics.horizontalAdvance(text) <= chart.width() - 8, text


def test_empty_compare_panels_say_to_pick_a_take(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.go_to(3)
    coach = app.window.coach
    for when in ("at first", "after the rep changed"):
        for panel in coach.panels:
            said = [panel.flag_list.item(i).text() for i in range(panel.flag_list.count())]
            assert not any("Not analysed" in t or "speech model" in t or "clean take" in t for t in said), (when, said)
        coach.compare_pane.clear()


def test_f1_lists_every_shortcut_the_window_answers(qtbot: Any, make_app: Any) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut

    app = make_app()
    app.window.show_help()
    text = app.window.help_box.text()
    keys = {s.key().toString(QKeySequence.SequenceFormat.PortableText) for s in app.window.findChildren(QShortcut)}
    listed = {k for k in keys if f"<b>{k}</b>" in text or (k.startswith("Ctrl+") and k[5:].isdigit())}
    assert keys - listed == set()


def test_the_side_bar_keeps_this_computers_rep_after_a_restart_while_coaching(qtbot: Any, make_app: Any) -> None:
    from tests.ui.uihelpers import data_profile, seed_store
    from voicecoach.core.profile import Profile
    from voicecoach.storage.db import open_store
    from voicecoach.ui.prefs import Prefs

    seed_store(data_profile())
    with open_store() as store:
        sam = store.add_profile(Profile("Sam Ortiz", "Bayline Homes", "212-555-0199"))
    prefs = Prefs()
    prefs.set("profile/home", 1)  # Dana practises here; the app was closed while coaching Sam
    prefs.current_profile_id = sam
    app = make_app(seed=False)
    qtbot.waitUntil(lambda: app.startup.is_ready, timeout=5000)
    assert app.ctx.profile_id == sam
    label = app.window.rep_label.text()
    assert label.startswith("Dana Whitfield") and "Coaching Sam Ortiz" in label
