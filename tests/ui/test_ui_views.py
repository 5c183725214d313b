"""Scripts, progress, coach and settings flows through the real widgets and the real store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.uihelpers import data_profile, data_take
from voicecoach.core.report import analyze
from voicecoach.core.script import fill_placeholders


def seed_takes(app: Any, qtbot: Any, names: tuple[str, ...]) -> list[Any]:
    def job(store: Any) -> list[Any]:
        script = store.list_scripts()[0]
        out = []
        for name in names:
            text = fill_placeholders(script.text, data_profile())
            report = analyze(data_take(name), script=text, profile=data_profile(), time_limit=30)
            out.append(store.save_take(profile_id=1, script_version_id=script.version_id,
                                       transcript=data_take(name), report=report))
        return out

    records = app.store_call(qtbot, job)
    app.ctx.takes_changed.emit()
    return records


def test_new_script_is_saved_listed_and_practisable(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.new_script()
    view = app.window.scripts
    assert app.window.current_view is view
    view.title_edit.setText("Referral — Priya")
    view.referral_edit.setText("Priya Shah")
    view.editor.setPlainText("Hi {prospect}, {referral} suggested I call. It's {first_name} at {company}, {phone}.")
    view.limit_spin.setValue(25)
    view.save()
    qtbot.waitUntil(lambda: view.list.count() == 2, timeout=5000)
    qtbot.waitUntil(lambda: app.window.practice.script_combo.count() == 2, timeout=5000)
    view.search.setText("priya")
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    view.practise_button.click()
    practice = app.window.practice
    assert app.window.current_view is practice
    assert practice.current_script().title == "Referral — Priya"
    assert "Priya Shah suggested" in practice.script_label.text()
    assert practice.timer_bar.limit == 25


def test_script_needs_title_and_text(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = app.window.scripts
    view.new_script()
    view.save()
    assert app.window.banners.banner("script") is not None


def test_live_lint_estimates_length(qtbot: Any, make_app: Any) -> None:
    pytest.importorskip("voicecoach.core.lint")
    app = make_app()
    view = app.window.scripts
    app.window.go_to(1)
    qtbot.waitUntil(lambda: view.list.count() == 1, timeout=5000)
    view.list.setCurrentRow(0)
    assert " s</b>" in view.estimate_label.text()
    view.editor.setPlainText("Hi, call me back. " * 40)
    qtbot.waitUntil(lambda: "Too long" in view.estimate_label.text(), timeout=3000)
    assert view.lint_list.codes()


def test_progress_shows_charts_facts_and_a_table_that_opens_reports(qtbot: Any, make_app: Any) -> None:
    from voicecoach.ui.views.progress import COLUMNS

    app = make_app()
    seed_takes(app, qtbot, ("missing_number", "filler_heavy", "clean", "clean", "clean"))
    app.window.go_to(2)
    view = app.window.progress
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=5000)
    assert len(view.charts["score"].values) == 5
    assert view.facts["best"].value.text() != "–"
    assert "day" in view.facts["streak"].value.text()
    assert view.facts["issue"].value.text() != "None yet"
    score_column = COLUMNS.index("Score")
    view.table.sortByColumn(score_column, Qt.SortOrder.DescendingOrder)
    scores = [float(view.proxy.index(r, score_column).data(Qt.ItemDataRole.UserRole)) for r in range(5)]
    assert scores == sorted(scores, reverse=True)
    view.search.setText("missing contact")
    assert view.proxy.rowCount() == 1
    dialog = view.open_take(view.take_id_at(0))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert "missing_contact_info" in dialog.panel.flag_list.codes()
    dialog.close()


def test_coach_session_notes_compare_and_exports(qtbot: Any, make_app: Any, tmp_path: Path) -> None:
    app = make_app()
    first, _, latest = seed_takes(app, qtbot, ("missing_number", "filler_heavy", "clean"))
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.take_list.count() == 3 and coach.rep_combo.count() == 1, timeout=5000)
    coach.goals.setText("Say the number twice")
    coach.toggle_session()
    qtbot.waitUntil(lambda: app.ctx.session_id is not None, timeout=5000)
    coach.compare_first_latest()
    assert coach.compared == [first.id, latest.id]
    qtbot.waitUntil(lambda: coach.panels[1].badge.score == latest.score, timeout=5000)
    assert coach.panels[0].badge.score == first.score
    coach.add_note(first.id, "Number <b>missing</b> — say it slowly", 12.0)
    qtbot.waitUntil(lambda: coach.notes_list.count() == 1 and "@12.0" in coach.notes_list.item(0).text(), timeout=5000)
    qtbot.waitUntil(lambda: [m.start for m in coach.panels[0].note_markers] == [12.0], timeout=5000)
    session_id = app.ctx.session_id
    coach.toggle_session()
    qtbot.waitUntil(lambda: app.ctx.session_id is None, timeout=5000)
    coach.export_session_to(session_id, tmp_path / "session.html")
    coach.export_bundle_to(tmp_path / "bundle.zip")
    qtbot.waitUntil(lambda: (tmp_path / "session.html").exists() and (tmp_path / "bundle.zip").exists(), timeout=5000)
    html = (tmp_path / "session.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;missing&lt;/b&gt;" in html


def test_coach_switches_rep(qtbot: Any, make_app: Any) -> None:
    from voicecoach.core.profile import Profile

    app = make_app()
    other = Profile("Sam Ortiz", "Bayline Homes", "212-555-0199")
    pid = app.store_call(qtbot, lambda s: s.add_profile(other))
    app.window.coach.switch_rep(pid, other)
    assert app.ctx.profile_id == pid
    assert "Sam Ortiz" in app.window.rep_label.text()
    assert "Sam" in app.window.practice.script_label.text()


def test_settings_apply_thresholds_and_list_devices(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    app.window.go_to(4)
    view = app.window.settings
    qtbot.waitUntil(lambda: view.device_combo.count() == 2, timeout=5000)
    assert view.device_combo.itemText(1).startswith("Fake USB Microphone")
    view.device_combo.setCurrentIndex(1)
    view.device_combo.activated.emit(1)
    assert app.ctx.prefs.input_device == "Fake USB Microphone"
    view.limit_spin.setValue(25)
    view.fillers_edit.setText("um, uh, basically")
    with qtbot.waitSignal(app.ctx.settings_changed):
        view.apply()
    assert app.ctx.settings.time_limit_seconds == 25
    assert app.ctx.settings.filler_words == ("um", "uh", "basically")
    assert app.ctx.prefs.analysis_settings().time_limit_seconds == 25  # survives a restart


def test_settings_microphone_test_moves_the_meter(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    view = app.window.settings
    view.test_button.setChecked(True)
    qtbot.waitUntil(lambda: view.meter.rms_dbfs > -30, timeout=5000)
    view.test_button.setChecked(False)
    qtbot.waitUntil(lambda: view.tester.state == "idle", timeout=5000)


def test_coach_resumes_an_open_session_from_an_earlier_run(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    session = app.store_call(qtbot, lambda s: s.start_session(1, "Under 25 s"))
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: app.ctx.session_id == session.id, timeout=5000)
    assert coach.session_button.text() == "End session"
    assert coach.export_html_button.isEnabled()


def test_settings_empty_trash(qtbot: Any, make_app: Any) -> None:
    app = make_app()
    [take] = seed_takes(app, qtbot, ("clean",))
    app.store_call(qtbot, lambda s: s.trash_take(take.id))
    app.window.settings.empty_trash_now()
    qtbot.waitUntil(lambda: app.window.toast.text() == "Deleted 1 take from the trash.", timeout=5000)
    assert app.store_call(qtbot, lambda s: s.list_takes(include_trashed=True)) == []
