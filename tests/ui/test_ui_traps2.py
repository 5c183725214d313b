"""The traps a new user still fell into in the second round: each test fails on the version that had the trap."""

from __future__ import annotations

from typing import Any

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
