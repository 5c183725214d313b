"""The team folder in the app: join from Settings, publish after each saved take, pull in the background."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.storage.builders import report_dict, transcript_of
from tests.storage.teamkit import BEN, add_takes, coach_home, rep_home
from voicecoach.storage.team import sync, team_status
from voicecoach.ui import operations as ops


def _save_take(app: Any, qtbot: Any) -> Any:
    def op(store: Any) -> Any:
        script = store.list_scripts()[0]
        return store.save_take(profile_id=app.ctx.profile_id, script_version_id=script.version_id,
                               transcript=transcript_of("hi this is dana"), report=report_dict(77))

    take = app.store_call(qtbot, op)
    app.ctx.announce(ops.TAKES)  # what the save-take operation announces once it is done
    return take


def _join(app: Any, qtbot: Any, folder: Path, *, coach: bool = False) -> None:
    box = app.window.settings.team_box
    box.as_coach.setChecked(coach)
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000):
        box.join(folder)
    assert app.ctx.team.state.joined and not app.ctx.team.state.busy


def test_a_rep_joins_and_each_saved_take_is_published_in_the_background(qtbot: Any, make_app: Any,
                                                                        tmp_path: Path) -> None:
    app = make_app()
    team = tmp_path / "team"
    team.mkdir()
    app.ctx.team.publish_timer.setInterval(10)
    _join(app, qtbot, team)
    box = app.window.settings.team_box
    own = app.ctx.team.state.membership.own_folder
    assert str(own) in box.status.text() and box.leave_button.isEnabled()
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000) as published:
        take = _save_take(app, qtbot)
    assert published.args[0].outcome.published == 1
    assert (own / "takes" / f"{take.uuid}.json").is_file()
    assert "1 take published" in box.last_sync.text()


def test_the_app_works_the_same_when_the_folder_is_missing(qtbot: Any, make_app: Any, tmp_path: Path) -> None:
    app = make_app()
    team = tmp_path / "team"
    team.mkdir()
    _join(app, qtbot, team)
    team.rename(tmp_path / "away")
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000):
        _save_take(app, qtbot)
    box = app.window.settings.team_box
    assert "not available right now" in box.status.text() and not team.exists()
    (tmp_path / "away").rename(team)
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000) as caught:
        box.sync_button.click()
    assert caught.args[0].outcome.published == 1 and "not available" not in box.status.text()


def test_leaving_can_be_undone(qtbot: Any, make_app: Any, tmp_path: Path) -> None:
    app = make_app()
    team = tmp_path / "team"
    team.mkdir()
    _join(app, qtbot, team)
    member = app.ctx.team.state.membership.member_id
    messages: list[Any] = []
    app.ctx.message_posted.connect(messages.append)
    app.window.settings.team_box.leave()
    qtbot.waitUntil(lambda: not app.ctx.team.state.joined, timeout=5000)
    undo = dict(messages[-1].actions)["Undo"]
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000):
        undo()
    assert app.ctx.team.state.membership.member_id == member


def test_a_coach_pulls_in_the_background_without_blocking_the_store(qtbot: Any, make_app: Any,
                                                                    tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    rep, _ = rep_home(tmp_path / "ben", team, profile=BEN, takes=4)
    sync(rep)
    app = make_app()
    _join(app, qtbot, team, coach=True)
    rows = app.store_call(qtbot, lambda s: [(r.name, r.takes) for r in team_status(s)])
    assert rows == [("Ben Okafor", 4)]
    assert not app.ctx.team.publish_timer.isActive(), "what a pull brought in is not published back"
    app.ctx.team.publish_timer.setInterval(10)
    take = app.store_call(qtbot, lambda s: s.list_takes()[0])
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000):
        ops.run_op(app.ctx, ops.add_note(take.id, "Pause before the number", 3.0, None))
    own = app.ctx.team.state.membership.own_folder
    assert len(list((own / "notes").glob("*.json"))) == 1


def test_the_coach_page_lists_the_team_sorts_filters_and_opens_a_rep(qtbot: Any, make_app: Any,
                                                                       tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from tests.storage.builders import ANN

    team = tmp_path / "team"
    team.mkdir()
    for home, profile, takes, score in (("ann", ANN, 2, 50), ("ben", BEN, 3, 80)):
        rep, m = rep_home(tmp_path / home, team, profile=profile, takes=0)
        add_takes(rep, m.profile_id or 0, takes, first_score=score)
        sync(rep)
    app = make_app()
    _join(app, qtbot, team, coach=True)
    app.window.go_to(3)  # Coach (Ctrl+4)
    section = app.window.coach.team_section
    table = section.table
    qtbot.waitUntil(lambda: table.proxy.rowCount() == 2, timeout=5000)
    assert section.isVisibleTo(app.window.coach)
    names = [table.proxy.index(r, 0).data() for r in range(2)]
    assert names == ["Ann Lee", "Ben Okafor"]
    table.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # latest score, best first
    assert [table.proxy.index(r, 0).data() for r in range(2)] == ["Ben Okafor", "Ann Lee"]
    assert [table.proxy.index(r, 2).data() for r in range(2)] == ["not yet · 82", "not yet · 51"]
    app.window._focus_search()  # Ctrl+F
    assert app.window.coach.search is table.filter
    table.filter.setText("ann")
    assert table.proxy.rowCount() == 1
    table.filter.clear()
    ben = table.profile_at(0)
    table.view.setCurrentIndex(table.proxy.index(0, 0))
    table.view.activated.emit(table.proxy.index(0, 0))
    qtbot.waitUntil(lambda: app.ctx.profile_id == ben, timeout=5000)
    assert app.ctx.profile.name == "Ben Okafor"


def test_coach_notes_and_goals_show_on_the_reps_practice_page(qtbot: Any, make_app: Any, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    app = make_app()
    _save_take(app, qtbot)
    _join(app, qtbot, team)
    panel = app.window.practice.coach_feedback
    assert panel.isHidden()
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(coach)
    take = coach.list_takes()[0]
    session = coach.start_session(take.profile_id, goals="Say the number twice")
    coach.add_note(take.id, "Slow down on the number", at_seconds=2.0, session_id=session.id)
    sync(coach)
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000) as caught:
        app.window.settings.team_box.sync_button.click()
    assert (caught.args[0].outcome.notes, caught.args[0].outcome.sessions) == (1, 1)
    qtbot.waitUntil(lambda: not panel.isHidden(), timeout=5000)
    text = panel.text.text()
    assert "Say the number twice" in text and "Slow down on the number" in text and "at 2.0 s" in text


def test_syncs_share_one_connection_opened_once_and_closed_at_shutdown(qtbot: Any, make_app: Any, tmp_path: Path,
                                                                       monkeypatch: Any) -> None:
    """Opening the database checks the whole file; a sync every few minutes must not pay for that each time."""
    import voicecoach.storage.db as db

    opened: list[Any] = []
    real = db.open_store

    def counting(path: Any = None) -> Any:
        opened.append(real(path))
        return opened[-1]

    monkeypatch.setattr(db, "open_store", counting)
    team = tmp_path / "team"
    team.mkdir()
    app = make_app()
    before = len(opened)  # the seeding and the app's own store
    _join(app, qtbot, team)
    for _ in range(2):
        with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000):
            app.ctx.team.sync_now()
    assert len(opened) == before + 1
    app.ctx.team.stop()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[-1].db.execute("SELECT 1")


def test_a_share_that_refuses_writes_is_a_warning_and_the_next_sync_catches_up(qtbot: Any, make_app: Any,
                                                                              tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    app = make_app()
    _join(app, qtbot, team)
    own = app.ctx.team.state.membership.own_folder
    (own / "takes").rename(tmp_path / "aside")
    (own / "takes").write_text("not a folder")
    messages: list[Any] = []
    app.ctx.message_posted.connect(messages.append)
    app.ctx.team.publish_timer.setInterval(10)
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000) as caught:
        _save_take(app, qtbot)
    assert caught.args[0].outcome.errors and caught.args[0].outcome.published == 0
    warning = next(m for m in messages if m.level == "warning")
    assert warning.text.startswith("Team folder: Publishing failed") and "tries again" in warning.text
    (own / "takes").unlink()
    (tmp_path / "aside").rename(own / "takes")
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000) as caught:
        app.window.settings.team_box.sync_button.click()
    assert caught.args[0].outcome.published == 1 and not caught.args[0].outcome.errors


def test_a_background_sync_beside_a_command_line_sync_is_skipped_quietly(qtbot: Any, make_app: Any,
                                                                        tmp_path: Path) -> None:
    from voicecoach.storage.team.lock import SyncLock

    team = tmp_path / "team"
    team.mkdir()
    app = make_app()
    _join(app, qtbot, team)
    summary = app.window.settings.team_box.last_sync.text()
    messages: list[Any] = []
    app.ctx.message_posted.connect(messages.append)
    held = SyncLock(Path(app.ctx.store.store.path).parent)  # `voicecoach team sync` running in this home
    with held, qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000) as caught:
        app.ctx.team.sync_now()
    assert caught.args[0].outcome.busy and messages == []
    assert app.window.settings.team_box.last_sync.text() == summary and not app.ctx.team.state.busy
    with qtbot.waitSignal(app.ctx.team.sync_finished, timeout=10000) as caught:
        app.ctx.team.sync_now()
    assert not caught.args[0].outcome.busy
