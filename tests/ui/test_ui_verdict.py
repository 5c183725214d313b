"""The window shows the one stored verdict: its word first, the score second, no number for a take nobody heard."""

from __future__ import annotations

import json
from typing import Any

from tests.core.takes import take
from tests.ui.test_ui_views import seed_takes
from tests.ui.uihelpers import DATA, data_profile, data_take
from voicecoach.core.report import analyze
from voicecoach.core.script import fill_placeholders, load_script
from voicecoach.core.transcript import RecognitionEvidence

SCRIPT = "Hi, it's Dana with Northwind Realty, four one five five five five."


def _unheard() -> tuple[Any, Any]:
    korean = take("한 취한 게츠 레인 우드 를 할 수 앤제이 어티 숙원사업 사이사이 삶 의 재활원 수원 재우")
    transcript = korean.with_recognition(RecognitionEvidence(voiced_seconds=8.0))
    return transcript, analyze(transcript, script=SCRIPT)


def _save_unheard(app: Any, qtbot: Any) -> Any:
    def save(store: Any) -> Any:
        transcript, report = _unheard()
        return store.save_take(profile_id=1, script_version_id=store.list_scripts()[0].version_id,
                               transcript=transcript, report=report)

    record = app.store_call(qtbot, save)
    app.ctx.takes_changed.emit()
    return record


def test_a_rambling_92_reads_not_yet_with_why(qtbot: Any) -> None:
    from voicecoach.ui import theme
    from voicecoach.ui.widgets.report_panel import ReportPanel

    script = fill_placeholders(load_script(DATA / "scripts" / "expired-listing.txt").text, data_profile())
    report = analyze(data_take("filler_heavy"), script=script, profile=data_profile())
    assert report.score == 92
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.show_report(data_take("filler_heavy"), report)
    assert panel.verdict.text() == "Not yet"
    assert panel.why.text() == "Scored 92, but not yet — rambling: 7 fillers. Fix that before you send it."
    assert panel.badge.verdict == report.verdict and panel.badge.center_text() == "92"
    assert panel.badge.ring_color() == theme.colors().bad


def test_a_take_nobody_heard_shows_no_number_and_no_green(qtbot: Any) -> None:
    from voicecoach.ui import theme
    from voicecoach.ui.widgets.report_panel import ReportPanel

    transcript, report = _unheard()
    assert report.score == 100 and not report.verdict.heard
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.show_report(transcript, report)
    assert panel.verdict.text() == "Couldn't hear you"
    assert panel.badge.center_text() == "?" and "100" not in panel.badge.accessibleDescription()
    colors = theme.colors()
    assert panel.badge.ring_color() == colors.muted and panel.badge.ring_color() != colors.ok
    assert "Scored" not in panel.why.text() and panel.why.text().startswith("No score")
    assert panel.fact_labels["pace"].text() == "pace, words and fillers not verified"
    assert panel.fact_labels["words"].text() == panel.fact_labels["fillers"].text() == ""
    assert "reason for calling at" not in panel.fact_labels["sound"].text()


def test_progress_reads_stored_verdicts_and_leaves_out_a_take_nobody_heard(qtbot: Any, make_app: Any) -> None:
    from voicecoach.ui.views.progress import COLUMNS

    app = make_app()
    heard = seed_takes(app, qtbot, ("clean", "filler_heavy"))
    unheard = _save_unheard(app, qtbot)
    app.window.go_to(2)
    view = app.window.progress
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    assert len(view.charts["score"].values) == 2, "a take nobody heard is not a point on the charts"
    assert view.facts["best"].value.text() == "100" and view.data["progress"].best.take_id == heard[0].id
    assert view.facts["best"].toolTip().startswith("take 1, ")  # the script's take; "attempt" is a cadence's
    rows = {view.take_id_at(r): r for r in range(3)}
    column = {name: i for i, name in enumerate(COLUMNS)}

    def cell(take_id: int, name: str) -> str:
        return view.proxy.index(rows[take_id], column[name]).data()

    assert cell(unheard.id, "Verdict") == "Couldn't hear you" and cell(unheard.id, "Score") == "?"
    assert cell(unheard.id, "Pace (wpm)") == "not verified"
    assert cell(heard[1].id, "Verdict") == "Not yet" and cell(heard[1].id, "Score") == "92"
    assert view.facts["latest"].value.text() == "Couldn't hear you"
    assert view.facts["ready"].value.text() == "0 of 3 ready"
    assert view.facts["ready"].toolTip() == "0 takes ready to send in a row; 3 needed."


def test_the_window_the_cli_and_the_reports_show_the_stored_verdict(qtbot: Any, make_app: Any, capsys: Any) -> None:
    """Every view reads the value stored with the take: change it in the store and every view follows."""
    from voicecoach.cli.main import main
    from voicecoach.ui.views.take_dialog import TakeDialog

    app = make_app()
    [record] = seed_takes(app, qtbot, ("filler_heavy",))
    stored = {"value": "nearly", "label": "Nearly", "reasons": ["A reason only the store knows"]}

    def rewrite(store: Any) -> None:
        report = json.loads(store.get_take(record.id).report_json)
        with store.write() as db:
            db.execute("UPDATE takes SET verdict = 'nearly', report = ? WHERE id = ?",
                       [json.dumps({**report, "verdict": stored}), record.id])

    app.store_call(qtbot, rewrite)
    dialog = TakeDialog(app.ctx, record.id, app.window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.panel.verdict.text() == "Nearly" and "reason only the store knows" in dialog.panel.why.text()
    capsys.readouterr()
    assert main(["history", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["verdict"] == stored
    assert main(["progress", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["latest"]["verdict"] == stored and out["trend"][0]["verdict"] == stored
    session_id = app.store_call(qtbot, lambda s: s.start_session(1).id)
    app.store_call(qtbot, lambda s: s.add_note(record.id, "Listen back", session_id=session_id))
    report = app.store_call(qtbot, lambda s: s.session_report(session_id))
    assert [t.verdict.to_dict() for t in report.takes] == [stored]


def test_first_versus_latest_and_the_measured_pace_leave_out_a_take_nobody_heard(qtbot: Any, make_app: Any) -> None:
    from voicecoach.ui import take_pipeline as tp

    app = make_app()
    first, latest = seed_takes(app, qtbot, ("missing_number", "clean"))
    unheard = _save_unheard(app, qtbot)
    app.window.go_to(3)
    coach = app.window.coach
    qtbot.waitUntil(lambda: coach.take_list.count() == 3, timeout=5000)
    assert coach.take_list.item(0).text().splitlines()[1].startswith("Couldn't hear you ·")
    assert "100" not in coach.take_list.item(0).text()
    assert coach.take_list.item(1).text().splitlines()[1].startswith("Ready to send · 100")
    coach.compare_first_latest()
    assert coach.compared == [first.id, latest.id]
    records = app.store_call(qtbot, lambda s: s.list_takes(1))
    assert unheard.wpm and tp.wpm_of(records) == sorted([first.wpm, latest.wpm])[1]
