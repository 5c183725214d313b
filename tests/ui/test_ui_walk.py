"""What a new user saw walking through every view at 1024×700 after cadences, verdicts and the live checklist
met on one page: each test fails on the version that had the fault."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from tests.ui.test_ui_cadence import open_cadences, pick
from tests.ui.test_ui_traps import _at_size


def _rehearsing_and_recording(qtbot: Any, app: Any) -> Any:
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    editor.rehearse_button.click()
    practice = app.window.practice
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    with qtbot.waitSignal(practice.session.recorder.audio_started, timeout=5000):
        practice.toggle_recording()
    app.window.layout().activate()
    qtbot.wait(50)  # the layout requests posted by the state change
    return practice


def test_rehearsing_a_cadence_at_1024_keeps_every_checklist_row_whole(qtbot: Any, make_app: Any,
                                                                       monkeypatch: Any) -> None:
    app = _at_size(qtbot, make_app, monkeypatch)
    practice = _rehearsing_and_recording(qtbot, app)
    rows = list(practice.live_panel.rows.values())
    for row in rows:
        assert row.height() >= row.heightForWidth(row.width()), f"{row.part} is squashed"
    for upper, lower in pairwise(rows):
        assert upper.geometry().bottom() < lower.geometry().top(), f"{upper.part} overlaps {lower.part}"
    practice.toggle_recording()


def test_while_a_cadence_take_records_its_bar_keeps_only_the_attempt_and_topic(qtbot: Any, make_app: Any,
                                                                               monkeypatch: Any) -> None:
    app = _at_size(qtbot, make_app, monkeypatch)
    practice = _rehearsing_and_recording(qtbot, app)
    bar = practice.cadence_bar
    assert bar.title_label.isVisible() and bar.topic_label.isVisible()
    hidden = [bar.step_buttons[0], bar.summary_label, bar.next_button, bar.stop_button]
    assert not any(w.isVisible() for w in hidden), "the way through the series takes the script's room mid-take"
    script_view = practice.script_label.parentWidget()
    lines = script_view.height() // practice.script_label.fontMetrics().lineSpacing()
    assert lines >= 6, f"only {lines} lines of the script show while speaking"
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    practice.try_again()
    assert all(w.isVisible() for w in hidden)


def _rows_whole(panel: Any) -> list[str]:
    rows = list(panel.rows.values())
    faults = [f"{r.part} is squashed" for r in rows if r.height() < r.heightForWidth(r.width())]
    return faults + [f"{a.part} overlaps {b.part}" for a, b in pairwise(rows)
                     if a.geometry().bottom() >= b.geometry().top()]


def test_before_a_cadence_take_at_1024_the_checklist_rows_are_whole_too(qtbot: Any, make_app: Any,
                                                                        monkeypatch: Any) -> None:
    app = _at_size(qtbot, make_app, monkeypatch)
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    editor.rehearse_button.click()
    practice = app.window.practice
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    qtbot.waitUntil(lambda: practice.live_panel.isVisible(), timeout=5000)
    app.window.layout().activate()
    qtbot.wait(50)
    assert _rows_whole(practice.live_panel) == []
    assert app.window.height() == 700


def test_the_checklist_is_drawn_on_the_panels_own_colour_in_the_dark_theme(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from voicecoach.ui import theme
    from voicecoach.ui.widgets.live_checklist import LiveChecklistPanel

    theme.set_theme_choice(QApplication.instance(), "dark")
    try:
        panel = LiveChecklistPanel()
        qtbot.addWidget(panel)
        panel.setFixedWidth(272)
        panel.resize(272, 300)
        panel.show()
        qtbot.waitExposed(panel)
        image = panel.grab().toImage()
        body = panel.pace_gauge.parentWidget()  # what scrolls when the page is short of room
        inside = body.mapTo(panel, body.rect().bottomRight())
        corner = panel.fillers_label.mapTo(panel, panel.fillers_label.rect().topLeft())
        beside_title = image.pixelColor(panel.width() // 2, 4)  # the panel's own background
        assert image.pixelColor(inside.x() - 4, inside.y() - 4) == beside_title
        assert image.pixelColor(corner.x() + panel.fillers_label.width() - 2, corner.y() + 2) == beside_title
    finally:
        theme.set_theme_choice(QApplication.instance(), "light")


def test_the_coachs_cadence_table_shows_each_column_whole_when_there_is_room(qtbot: Any) -> None:
    from types import SimpleNamespace

    from voicecoach.core.verdict import VerdictValue
    from voicecoach.ui.views.coach.cadences import CadencePane

    def attempt(n: int, topic: str, verdicts: tuple[Any, ...]) -> Any:
        return SimpleNamespace(attempt=n, topic=topic, takes=len(verdicts), best=92.0 if verdicts else None,
                               verdicts=verdicts, ready=False, reason="")

    cold = SimpleNamespace(cadence="Cold series", ready=False, ready_count=0, attempts=[
        attempt(1, "what homes on your street sell for",
                (VerdictValue.NOT_YET, VerdictValue.NEARLY, VerdictValue.READY)),
        attempt(4, "a cash offer from a buyer I work with", ())])
    pane = CadencePane()
    qtbot.addWidget(pane)
    pane.resize(1260, 200)  # Coach's width at 1920×1080
    pane.show_progress([cold])
    qtbot.waitExposed(pane)
    tree = pane.tree
    header = tree.header()
    for column in range(tree.columnCount()):
        need = max(tree.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert tree.columnWidth(column) >= need, tree.headerItem().text(column)


def test_try_again_starts_from_an_empty_checklist_not_the_last_takes_ticks(qtbot: Any, make_app: Any) -> None:
    app = make_app(take="clean")
    practice = app.window.practice
    practice.toggle_recording()
    qtbot.waitUntil(lambda: "ticked" in practice.live_panel.row_states().values(), timeout=5000)
    with qtbot.waitSignal(practice.report_shown, timeout=5000):
        practice.toggle_recording()
    practice.try_again()
    assert set(practice.live_panel.row_states().values()) == {"pending"}, "ticks shown before a word is said"
    assert practice.live_panel.fillers_label.text() == "Fillers: 0"


def test_the_cadence_bar_has_the_coach_panels_quiet_border_in_the_dark_theme(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from voicecoach.ui import theme
    from voicecoach.ui.views.practice.cadence_bar import CadenceBar

    theme.set_theme_choice(QApplication.instance(), "dark")
    try:
        bar = CadenceBar()
        qtbot.addWidget(bar)
        bar.title_label.setText("Cold series · attempt 1 of 5 · day 1")
        bar.resize(600, 80)
        bar.show()
        qtbot.waitExposed(bar)
        for enabled in (True, False):  # disabled while a take records
            bar.set_recording(not enabled)
            image = bar.grab().toImage()
            edge = image.pixelColor(0, image.height() // 2)
            assert edge.lightness() < 110, f"a glaring {edge.name()} frame (enabled={enabled})"
    finally:
        theme.set_theme_choice(QApplication.instance(), "light")


def test_a_checklist_row_back_to_one_line_gives_its_second_line_back(qtbot: Any) -> None:
    from voicecoach.ui.widgets.live_checklist import LiveChecklistPanel

    panel = LiveChecklistPanel()
    qtbot.addWidget(panel)
    panel.setFixedWidth(272)
    panel.show()
    row = panel.rows["number_again"]
    one_line = row.minimumHeight()
    row.set_state("missing", "say the number again")  # the last 5 s: a second line
    assert row.minimumHeight() > one_line
    row.set_state("pending")  # the next take
    assert row.minimumHeight() == one_line, "a gap under the row where its second line was"


def test_a_session_left_running_shows_its_goals_when_the_coach_comes_back(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    goals = "Say the number slowly, twice; stay under 30 s"
    session = app.store_call(qtbot, lambda s: s.start_session(app.ctx.profile_id, goals))  # an earlier run's
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: app.ctx.session_id == session.id, timeout=5000)
    assert coach.session_button.text() == "End session"
    assert coach.goals.text() == goals, "a running session beside an empty goals box"
    assert coach.goals.cursorPosition() == 0, "at 1024×700 the box showed “the number slowly, twice; stay…”"


def test_a_cadence_take_is_saved_as_a_take_of_its_attempt_not_as_another_attempt(qtbot: Any, make_app: Any) -> None:
    from tests.ui.test_ui_practice import record_take

    app = make_app()
    practice = app.window.practice
    editor = open_cadences(qtbot, app)
    pick(qtbot, editor, "Cold series")
    editor.rehearse_button.click()
    qtbot.waitUntil(lambda: practice.rehearsal.active, timeout=5000)
    record_take(qtbot, app, use_keyboard=False)
    qtbot.waitUntil(lambda: practice.status_label.text().startswith("Saved"), timeout=5000)
    status = practice.status_label.text()
    # The bar says "attempt 1 of 5"; "Saved as attempt 7" (the script's seventh take) contradicted it.
    assert status.startswith("Saved as take 1 of Cold series · attempt 1."), status


def test_goals_edited_during_a_session_are_the_sessions_goals(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.go_to(3)
    coach = app.window.coach
    coach.goals.setText("Say the number twice")
    coach.toggle_session()
    qtbot.waitUntil(lambda: app.ctx.session_id is not None, timeout=5000)
    sid = app.ctx.session_id
    coach.goals.setText("Say the number twice; under 25 s")
    coach.goals.editingFinished.emit()
    qtbot.waitUntil(lambda: app.store_call(qtbot, lambda s: s.get_session(sid)).goals
                    == "Say the number twice; under 25 s", timeout=3000)


def test_coach_at_1024_shows_several_rows_of_the_cadence_table(qtbot: Any, make_app: Any, monkeypatch: Any) -> None:
    from tests.storage.builders import report_dict, transcript_of
    from voicecoach import paths
    from voicecoach.core.judgement import judgement_for
    from voicecoach.storage.cadence_files import read_cadence

    app = _at_size(qtbot, make_app, monkeypatch)
    cold = read_cadence(paths.assets_dir() / "cadences" / "cold-series.toml")
    pid = app.ctx.profile_id

    def rehearse(store: Any) -> None:
        script = store.add_script(cold.attempt(1).title, cold.attempt(1).script.text)
        store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                        report=report_dict(81), judgement=judgement_for(cadence=cold, attempt=1))

    app.store_call(qtbot, rehearse)
    app.ctx.takes_changed.emit()
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.cadence_pane.isVisible(), timeout=5000)
    app.window.layout().activate()
    qtbot.wait(50)
    tree = coach.cadence_pane.tree
    row = tree.visualItemRect(tree.topLevelItem(0)).height()
    assert tree.viewport().height() >= 3 * row, f"{tree.viewport().height()} px: under three rows of {row} px"
    assert app.window.height() == 700
