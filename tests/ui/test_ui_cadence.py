"""Cadences in the window: edit one in Scripts (order, day, topic, live lint), rehearse it in Practice attempt by
attempt with per-attempt progress, and the coach's view per rep and per attempt."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

import voicecoach
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
    practice.session.recorder.state_changed.connect(lambda state: during.append(bar.isEnabled()) if state == "recording"
                                            else None)
    record_take(qtbot, app, use_keyboard=False)
    assert during == [False] and bar.isEnabled(), "a take keeps its attempt: no moving on while recording"
    qtbot.waitUntil(lambda: practice.session.processor.last_record is not None, timeout=5000)
    qtbot.waitUntil(lambda: bar.step_buttons and "not rehearsed" not in bar.step_buttons[0].text(), timeout=5000)
    take = app.store_call(qtbot, lambda s: s.get_take(practice.session.processor.last_record.id))
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


def test_unsaved_edits_ask_before_another_cadence_replaces_them(qtbot: Any, make_app: Any) -> None:
    """Picking another cadence (or New cadence) with edits not saved asks Save / Discard / Cancel, as losing a
    rep's typing silently is worse than one question; untouched cadences switch without asking."""
    app = make_app()
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    pick(qtbot, editor, "Referral series")  # nothing edited: no question
    assert editor.unsaved_box is None
    editor.tree.topLevelItem(0).setText(2, "selling before summer")
    cold_row = next(i for i, f in enumerate(editor.files) if f.name == "Cold series")
    editor.cadence_list.setCurrentRow(cold_row)
    box = editor.unsaved_box
    assert box is not None and box.isVisible() and "Referral series" in box.text()
    assert editor.cadence_list.currentRow() != cold_row, "the list stays on the cadence being edited"
    box.button(box.StandardButton.Cancel).click()
    assert editor.tree.topLevelItem(0).text(2) == "selling before summer" and editor.name_edit.text() == (
        "Referral series")
    editor.new_button.click()  # New cadence asks too
    editor.unsaved_box.button(editor.unsaved_box.StandardButton.Discard).click()
    assert editor.name_edit.text() == "" and editor.tree.topLevelItemCount() == 1
    editor.name_edit.setText("Mine")
    editor.name_edit.textEdited.emit("Mine")
    editor.tree.topLevelItem(0).setText(2, "prices near you")
    editor.script_edit.setPlainText("Hi {prospect}, it's {name}, {phone}. Prices near you went up. {name}, {phone}.")
    editor.cadence_list.setCurrentRow(cold_row)
    editor.unsaved_box.button(editor.unsaved_box.StandardButton.Save).click()
    saved = paths.cadences_dir() / "mine.toml"
    qtbot.waitUntil(lambda: editor.name_edit.text() == "Cold series", timeout=5000)
    assert saved.exists() and load_cadence(saved).attempt(1).topic == "prices near you"
    qtbot.waitUntil(lambda: editor.cadence_list.currentItem() is not None
                    and editor.cadence_list.currentItem().text().startswith("Cold series"), timeout=5000)


def _fully_shown(tree: Any, item: Any, column: int = 0) -> bool:
    rect = tree.visualItemRect(item)
    return not rect.isEmpty() and rect.bottom() <= tree.viewport().height()


def test_the_cadences_tab_shows_all_five_attempts_at_1024_and_whole_topics_at_1920(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.resize(1024, 700)
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    tree = editor.tree
    qtbot.waitUntil(lambda: _fully_shown(tree, tree.topLevelItem(4)), timeout=3000)
    assert not tree.horizontalScrollBar().isVisible(), "no sideways scrolling to see the script column"
    cadences = editor.cadence_list
    for row in range(cadences.count()):  # every name whole: its wrapped text fits the row Qt gives it
        rect = cadences.visualItemRect(cadences.item(row))
        needed = cadences.fontMetrics().boundingRect(rect.adjusted(4, 0, -4, 0), Qt.TextFlag.TextWordWrap,
                                                      cadences.item(row).text())
        assert needed.height() <= rect.height(), cadences.item(row).text()
    for button in editor.findChildren(QPushButton):  # no button label cut short
        assert button.width() >= button.minimumSizeHint().width(), button.text()
    app.window.resize(1920, 1080)
    topic = tree.topLevelItem(3).text(2)
    qtbot.waitUntil(lambda: tree.columnWidth(2) > tree.fontMetrics().horizontalAdvance(topic) + 8, timeout=3000)
    assert _as_shown(tree.topLevelItem(3).toolTip(2)) == topic


def test_the_coach_reads_a_cadence_and_two_attempts_at_1024(qtbot: Any, make_app: Any) -> None:
    from tests.storage.builders import report_dict, transcript_of
    from voicecoach.core.judgement import judgement_for

    app = make_app()
    app.window.resize(1024, 700)
    cold = load_cadence(paths.assets_dir() / "cadences" / "cold-series.toml")
    pid = app.ctx.profile_id

    def rehearse(store: Any) -> None:
        script = store.add_script(cold.attempt(1).title, cold.attempt(1).script.text)
        store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                        report=report_dict(80), judgement=judgement_for(cadence=cold, attempt=1))

    app.store_call(qtbot, rehearse)
    app.window.go_to(3)
    pane = app.window.view(3).cadence_pane
    qtbot.waitUntil(pane.isVisible, timeout=5000)
    top = pane.tree.topLevelItem(0)
    qtbot.waitUntil(lambda: _fully_shown(pane.tree, top.child(1)), timeout=3000)
    assert not pane.tree.horizontalScrollBar().isVisible()


def test_the_script_box_names_the_attempts_script_while_rehearsing(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    practice = app.window.practice
    cold = load_cadence(paths.assets_dir() / "cadences" / "cold-series.toml")
    practice.rehearse(cold)
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    practice.rehearsal.go_to(2)
    qtbot.waitUntil(lambda: practice.script_combo.currentText() == cold.attempt(2).title, timeout=5000)
    practice.rehearsal.go_to(4)
    assert practice.script_combo.currentText() == cold.attempt(4).title


def test_a_call_list_belongs_to_its_cadence(qtbot: Any, make_app: Any, tmp_path: Any) -> None:
    """Another cadence started from the menu puts the call list away (its attempts are another series'), and a
    list still being read when the rehearsal stops or changes is dropped."""
    from voicecoach.core.call_list import parse_call_list

    app = make_app()
    practice = app.window.practice
    cold = load_cadence(paths.assets_dir() / "cadences" / "cold-series.toml")
    referral = load_cadence(paths.assets_dir() / "cadences" / "referral-series.toml")
    practice.rehearse(cold)
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    practice.rehearsal.set_calls(parse_call_list("prospect,attempt\nJordan Lee,5\n", 5))
    assert practice.rehearsal.attempt == 5 and practice.cadence_bar.call_row.isVisible()
    practice.rehearse(referral)
    qtbot.waitUntil(lambda: practice.rehearsal.cadence is referral, timeout=5000)
    assert practice.rehearsal.calls == () and not practice.cadence_bar.call_row.isVisible()
    assert practice.rehearsal.attempt == 1
    calls = tmp_path / "calls.csv"
    calls.write_text("prospect,attempt\nSam Ortiz,2\n", encoding="utf-8")
    from PySide6.QtCore import QCoreApplication

    from voicecoach.ui.workers import wait_for_background

    practice.rehearsal.load_calls(calls)
    practice.rehearsal.stop()
    assert wait_for_background()
    QCoreApplication.processEvents()  # the read's answer, queued to this thread
    assert practice.rehearsal.calls == () and not practice.rehearsal.active
    assert not practice.cadence_bar.isVisible()


_GUI_IO: list[str] | None = None  # while set: the files the GUI thread opened or listed


def _watch_gui_io(event: str, args: tuple[Any, ...]) -> None:
    if _GUI_IO is None or threading.current_thread() is not threading.main_thread():
        return
    if event in ("open", "os.scandir", "os.listdir", "sqlite3.connect"):
        target = str(args[0]) if args else ""
        if not target.startswith(_CODE):  # an import reads the code and lists its folders: not data
            _GUI_IO.append(f"{event} {target}")


_CODE = tuple({str(Path(voicecoach.__file__).parent), sys.prefix, sys.base_prefix, sys.exec_prefix})


def test_nothing_on_the_gui_thread_reads_a_file_or_the_database(qtbot: Any, make_app: Any, tmp_path: Any) -> None:
    """The whole cadence flow, watched by an audit hook: the files, the lint, the call list and the store are
    read on workers, never on the thread that draws the window."""
    global _GUI_IO
    app = make_app()
    sys.addaudithook(_watch_gui_io)
    calls = tmp_path / "calls.csv"
    calls.write_text("prospect,attempt\nJordan Lee,2\n", encoding="utf-8")
    _GUI_IO = []
    try:
        editor = open_cadences(qtbot, app)
        pick(qtbot, editor, "Cold series")
        editor.tree.topLevelItem(0).setText(2, "selling before summer")
        qtbot.waitUntil(lambda: editor.cadence.attempt(1).topic == "selling before summer", timeout=5000)
        editor.name_edit.setText("Mine")
        editor.name_edit.textEdited.emit("Mine")
        editor.save()
        qtbot.waitUntil(lambda: any(f.name == "Mine" for f in editor.files), timeout=5000)
        editor.rehearse_button.click()
        practice = app.window.practice
        qtbot.waitUntil(lambda: practice.rehearsal.progress is not None, timeout=5000)
        practice.cadence_bar.next_button.click()
        practice.rehearsal.load_calls(calls)
        qtbot.waitUntil(lambda: bool(practice.rehearsal.calls), timeout=5000)
        practice.header.cadence_menu.aboutToShow.emit()
        qtbot.waitUntil(lambda: len(practice.header.cadence_menu.actions()) > 3, timeout=5000)
        app.window.go_to(3)  # the coach's page asks the store for each cadence's progress
        app.store_call(qtbot, lambda s: None)  # the store answers in order: the coach's questions are answered
        seen = list(_GUI_IO)
    finally:
        _GUI_IO = None
    assert seen == []


def _as_shown(text: str) -> str:
    """What a QLabel or a tooltip shows for ``text``: Qt renders anything that looks like HTML as HTML."""
    from PySide6 import QtGui

    if not QtGui.Qt.mightBeRichText(text):
        return text
    doc = QtGui.QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def test_names_topics_and_prospects_are_shown_as_written_never_as_html(qtbot: Any, make_app: Any) -> None:
    """A cadence someone shared and a call list are data: markup in them (an image of a local file, a huge
    heading) is shown as the characters written, in the labels and in the tooltips."""
    from voicecoach.core.cadence import parse_cadence
    from voicecoach.core.call_list import parse_call_list

    topic = "<img src='file:///etc/hostname'> prices"
    cadence = parse_cadence(
        "name = '<h1>Big</h1> series'\n"
        f"[[attempt]]\nday = 1\ntopic = \"{topic}\"\ntext = 'Hi {{prospect}}, {{name}}, {{phone}}.'\n"
        "[[attempt]]\nday = 3\ntopic = 'rates <b>now</b>'\ntext = 'Hi {prospect}, again, {name}, {phone}.'\n")
    app = make_app()
    practice = app.window.practice
    practice.rehearse(cadence)
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    practice.rehearsal.set_calls(parse_call_list("prospect,company,trigger,attempt\n<i>Jo</i>,<u>Acme</u>,<s>x</s>,1\n",
                                                 2))
    bar = practice.cadence_bar
    assert bar.title_label.textFormat() == Qt.TextFormat.PlainText
    assert bar.title_label.text().startswith("<h1>Big</h1> series · attempt 1 of 2")
    assert topic in _as_shown(bar.topic_label.text())
    assert "<i>Jo</i> (<u>Acme</u>) — <s>x</s>" in _as_shown(bar.call_label.text())
    assert topic in _as_shown(bar.step_buttons[0].toolTip())
    app.window.go_to(1)
    editor = app.window.view(1).cadence_editor
    editor.load(cadence)
    assert _as_shown(editor.tree.topLevelItem(0).toolTip(2)) == topic


def test_picking_a_cadence_that_cannot_be_read_keeps_the_one_on_screen_selected(qtbot: Any, make_app: Any) -> None:
    paths.cadences_dir().mkdir(parents=True, exist_ok=True)
    (paths.cadences_dir() / "broken.toml").write_text("name = [", encoding="utf-8")
    app = make_app()
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    qtbot.waitUntil(lambda: any(f.cadence is None for f in editor.files), timeout=5000)
    cold_row = editor.cadence_list.currentRow()
    broken = next(i for i, f in enumerate(editor.files) if f.cadence is None)
    editor.cadence_list.setCurrentRow(broken)
    qtbot.waitUntil(lambda: any("broken.toml cannot be read" in t.lower() for t in app.window.banners.texts()),
                    timeout=5000)
    assert editor.cadence_list.currentRow() == cold_row and editor.name_edit.text() == "Cold series"


def test_the_cadence_menu_is_filled_before_the_first_click(qtbot: Any, make_app: Any) -> None:
    """The menu lists the cadences before it is first opened (Qt does not show an empty menu, so the first
    click used to show nothing), and says so while they are read."""
    app = make_app()
    menu = app.window.practice.header.cadence_menu
    assert menu.actions(), "never an empty menu"
    qtbot.waitUntil(lambda: any(a.text().startswith("Cold series") for a in menu.actions()), timeout=5000)


def test_the_cadence_menu_stays_open_while_the_cadences_are_read_again(qtbot: Any, make_app: Any) -> None:
    """Opening the menu reads the cadence files again on a worker; the answer must not clear the open menu
    (which closed it at once, so no cadence could be picked from it)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from voicecoach.ui.workers import wait_for_background

    app = make_app()
    header = app.window.practice.header
    menu = header.cadence_menu
    qtbot.waitUntil(lambda: any(a.text().startswith("Cold series") for a in menu.actions()), timeout=5000)
    shown: list[Any] = []
    seen: list[tuple[bool, list[Any]]] = []

    def look() -> None:
        assert wait_for_background()
        QCoreApplication.processEvents()  # the re-read's answer, queued to this thread
        seen.append((menu.isVisible(), menu.actions()))
        menu.hide()

    QTimer.singleShot(0, lambda: shown.extend(menu.actions()))  # what the open menu offers
    QTimer.singleShot(300, look)
    header.cadence_button.showMenu()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    from shiboken6 import isValid

    visible, actions = seen[0]
    assert shown and all(isValid(a) for a in shown) and actions == shown, (
        "the open menu's items were replaced under the rep's pointer (a real screen closes the menu)")
    assert any(a.text().startswith("Cold series") for a in shown)
    if QCoreApplication.instance().platformName() != "offscreen":  # only a real window system closes it
        assert visible


def test_quitting_with_unsaved_cadence_edits_asks(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    editor.tree.topLevelItem(0).setText(2, "selling before summer")
    app.window.go_to(0)
    assert app.window.close() is False  # the window stays while the question is open
    assert app.window.current_view is app.window.view(1) and editor.isVisible(), "asked beside the edits"
    editor.unsaved_box.button(editor.unsaved_box.StandardButton.Cancel).click()
    assert app.window.isVisible() and editor.tree.topLevelItem(0).text(2) == "selling before summer"
    app.window.close()
    editor.unsaved_box.button(editor.unsaved_box.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not app.window.isVisible(), timeout=3000)
