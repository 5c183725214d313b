"""Two processes syncing one coach's data folder at once: nothing is lost, nothing raises.

The app's background pull and a `voicecoach team sync` (or a second window) may run on one data folder
at the same moment. One sync per data folder runs at a time (a lock file); the pull itself is also safe
to run twice at once (without the lock), and never deletes a recording a committed take points to.
"""

from __future__ import annotations

import multiprocessing
import traceback
from pathlib import Path
from typing import Any

import pytest

from tests.storage.teamkit import add_takes, coach_home, open_home, rep_home
from voicecoach.storage.team import current, sync
from voicecoach.storage.team.lock import SyncLock
from voicecoach.storage.team.outcome import SyncOutcome
from voicecoach.storage.team.pull_notes import pull_coaches
from voicecoach.storage.team.pull_takes import pull_reps

ROUNDS = 3
TAKES_PER_ROUND = 40



def _child(home: str, how: str, barrier: Any, results: Any) -> None:
    """One process: wait for the other, then sync (or pull without the lock); report what happened."""
    try:
        store = open_home(Path(home))
        barrier.wait(timeout=30)
        if how == "pull":
            out = SyncOutcome()
            m = current(store)
            (pull_reps if m.role.value == "coach" else pull_coaches)(store, m, out)
        else:
            out = sync(store)
        store.close()
        results.put(("ok", out.busy, out.errors))
    except BaseException:
        results.put(("error", traceback.format_exc(), []))


def _race(home: Path, how: str) -> list[tuple[str, Any, list[str]]]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_child, args=(str(home), how, barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    found = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return found


def _check_every_take_has_its_audio(home: Path, expected: int) -> None:
    store = open_home(home)
    try:
        takes = store.list_takes()
        assert len(takes) == expected
        missing = [t.uuid for t in takes if t.audio_path is None or not t.audio_path.is_file()]
        assert not missing, f"{len(missing)} of {len(takes)} committed takes lost their recording"
        leftovers = [p.name for p in store.takes_dir.iterdir() if p.name.endswith(".part")]
        assert not leftovers
    finally:
        store.close()


@pytest.mark.parametrize("how", ["sync", "pull"])
def test_two_processes_pulling_at_once_keep_every_recording(how: str, team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=0, audio=True)
    coach, _ = coach_home(tmp_path / "coach", team)
    coach.close()
    for round_ in range(1, ROUNDS + 1):
        add_takes(rep, rm.profile_id or 0, TAKES_PER_ROUND, audio_dir=tmp_path / "rep" / f"rec{round_}")
        sync(rep)
        found = _race(tmp_path / "coach", how)
        assert [f[0] for f in found] == ["ok", "ok"], [f[1] for f in found]
        assert all(not f[2] for f in found), found
        _check_every_take_has_its_audio(tmp_path / "coach", round_ * TAKES_PER_ROUND)


def test_a_sync_while_another_holds_the_lock_is_skipped_and_says_so(team: Path, tmp_path: Path) -> None:
    rep, _ = rep_home(tmp_path / "rep", team, takes=2)
    sync(rep)
    coach, _ = coach_home(tmp_path / "coach", team)
    with SyncLock(coach.data_dir) as held:
        assert held.acquired
        out = sync(coach)
    assert out.busy and out.takes == 0 and coach.list_takes() == []
    assert out.describe() == "Another sync of this data folder is running; this one was skipped."
    assert sync(coach).takes == 2


def test_a_rep_pulling_twice_at_once_gets_each_note_and_goal_once(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=3)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    for take in coach.list_takes():
        session = coach.start_session(take.profile_id, goals=f"Goal for {take.uuid}")
        for i in range(10):
            coach.add_note(take.id, f"note {i}", session_id=session.id)
    sync(coach)
    rep.close()
    found = _race(tmp_path / "rep", "pull")
    assert [f[0] for f in found] == ["ok", "ok"], [f[1] for f in found]
    rep = open_home(tmp_path / "rep")
    assert len(rep.list_sessions(rm.profile_id)) == 3
    assert sum(len(rep.list_notes(t.id)) for t in rep.list_takes()) == 30
