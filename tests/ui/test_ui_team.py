"""The team folder in the app: join from Settings, publish after each saved take, pull in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.storage.builders import report_dict, transcript_of
from tests.storage.teamkit import BEN, rep_home
from voicecoach.storage.team import sync, team_status


def _save_take(app: Any, qtbot: Any) -> Any:
    def op(store: Any) -> Any:
        script = store.list_scripts()[0]
        return store.save_take(profile_id=app.ctx.profile_id, script_version_id=script.version_id,
                               transcript=transcript_of("hi this is dana"), report=report_dict(77))

    take = app.store_call(qtbot, op)
    app.ctx.takes_changed.emit()  # what the practice page does after a save
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
    assert published.args[0].published == 1
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
    assert caught.args[0].published == 1 and "not available" not in box.status.text()


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
