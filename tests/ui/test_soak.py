"""The soak: the app open on a data folder joined to a team, the command line beside it, and a coach's laptop.

The real main window (offscreen, fakes only at the microphone and recogniser) records takes and syncs in
the background every second, while subprocesses in the same data folder loop `analyze --save`, `history`,
`team sync` and `reanalyze --all`, and a second home (the coach's) loops `team sync` through the same team
folder. At the end: the database passes ``PRAGMA integrity_check``, every take that names a recording has
it, every take the rep published opens for the coach, no command printed a traceback or failed, and the
app never held a deleted database file (``/proc/self/fd``).

``VOICECOACH_SOAK_SECONDS`` sets how long (the suite's short run by default; ``bench/soak.py --minutes N``
runs it long), ``VOICECOACH_SOAK_REPORT`` a file for the figures as JSON.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests import soak
from tests.storage.teamkit import open_home
from tests.ui.test_ui_practice import record_take
from voicecoach.storage.team import join, sync

SECONDS = float(os.environ.get("VOICECOACH_SOAK_SECONDS", "25"))


def _join_as_rep(app: Any, qtbot: Any, team: Path) -> None:
    service = app.ctx.team
    service.publish_timer.setInterval(50)
    with qtbot.waitSignal(service.sync_finished, timeout=20000):
        service.join(team, as_coach=False, publish_audio=True)
    service.timer.setInterval(1000)  # a background pull every second instead of every few minutes


def _settle(app: Any, qtbot: Any) -> None:
    """Let the app's running sync end, then sync once more with nothing else running."""
    service = app.ctx.team
    if service._running:
        with qtbot.waitSignal(service.sync_finished, timeout=60000):
            pass
    service.timer.stop()
    with qtbot.waitSignal(service.sync_finished, timeout=60000) as last:
        service.sync_now()
    assert not last.args[0].outcome.busy and not last.args[0].outcome.errors, last.args[0].outcome.describe()


def _recordings_missing(app: Any, qtbot: Any, home: Path) -> list[str]:
    """Every take row that names a recording has it, as the app's own connection sees the rows."""
    rows = app.store_call(qtbot, lambda store: store.query(
        "SELECT uuid, audio_path FROM takes WHERE audio_path IS NOT NULL"), timeout=30000)
    missing = [r[0] for r in rows if not (home / r[1]).is_file()]
    return [f"{len(missing)} of {len(rows)} takes in the app's database lost their recording"] if missing else []


@pytest.mark.slow
def test_the_app_the_command_line_and_a_coach_share_folders_and_nothing_is_lost(
        qtbot: Any, make_app: Any, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    app = make_app()
    db_path = Path(app.ctx.store.store.path)
    home = db_path.parent
    coach_home = tmp_path / "coach"
    with open_home(coach_home) as coach:
        join(coach, team, as_coach=True)
    messages: list[Any] = []
    app.ctx.message_posted.connect(messages.append)
    _join_as_rep(app, qtbot, team)

    deadline = time.monotonic() + SECONDS
    loops = [soak.CommandLoop(home, soak.rep_commands(tmp_path), deadline),
             soak.CommandLoop(coach_home, [["team", "sync"], ["team", "status"]], deadline)]
    for loop in loops:
        loop.start()
    recorded, deleted = 0, []
    while time.monotonic() < deadline:
        record_take(qtbot, app, use_keyboard=False)
        recorded += 1
        deleted += soak.deleted_database_fds(db_path)
    for loop in loops:
        qtbot.waitUntil(lambda loop=loop: not loop.is_alive(), timeout=600_000)
    _settle(app, qtbot)
    deleted += soak.deleted_database_fds(db_path)

    problems = [p for loop in loops for p in loop.problems()]
    problems += _recordings_missing(app, qtbot, home)
    problems += [f"the app said: {m.text}" for m in messages if m.level in ("warning", "error")]
    with open_home(coach_home) as coach:
        pulled = sync(coach)
        problems += [f"the coach's last sync: {e}" for e in pulled.errors]
        opened, unopened = soak.check_published_takes_open(team, coach)
        problems += unopened
    problems += soak.check_database(coach_home / "voicecoach.db")
    app_db = soak.check_database(db_path)
    figures = {"seconds": SECONDS, "recorded_in_app": recorded, "commands": sum(len(loop.ran) for loop in loops),
               "busy_syncs": sum(r.code == soak.BUSY for loop in loops for r in loop.ran),
               "published_takes_opened_by_coach": opened, "problems": len(problems) + len(app_db),
               "deleted_fd_sightings": len(deleted)}
    if os.environ.get("VOICECOACH_SOAK_REPORT"):
        Path(os.environ["VOICECOACH_SOAK_REPORT"]).write_text(
            json.dumps(figures | {"details": problems + app_db + sorted(set(deleted))}, indent=1))
    assert recorded > 0 and opened >= recorded, figures
    assert problems == [], "\n".join(problems)
    assert deleted == [], f"the app's database files were deleted under it: {sorted(set(deleted))[:3]}"
    assert app_db == [], "\n".join(app_db)
