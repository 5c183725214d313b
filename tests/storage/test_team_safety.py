"""A team folder is data, never code: bad ids, links, huge or forged files and newer formats are refused."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.storage.teamkit import coach_home, files, open_home, rep_home, tree
from voicecoach.storage.team import TeamFolderError, is_safe_id, join, sync
from voicecoach.storage.team.folder import TAKE_CAP


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("bad", ["../evil", "Ann Lee", "ann/lee", ".hidden", "-ann", "ann-", "con", "lpt1", "",
                                 "a" * 49, "ann\u00e9", "ann!"])
def test_an_unsafe_rep_id_is_refused(bad: str, team: Path, tmp_path: Path) -> None:
    store = open_home(tmp_path / "rep")
    from tests.storage.builders import ANN

    pid = store.add_profile(ANN)
    assert not is_safe_id(bad)
    with pytest.raises(TeamFolderError, match="cannot be a rep id"):
        join(store, team, profile_id=pid, member_id=bad)
    assert list(team.iterdir()) == []


def test_joining_a_missing_folder_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    store = open_home(tmp_path / "coach")
    with pytest.raises(TeamFolderError, match="does not exist"):
        join(store, tmp_path / "nowhere", as_coach=True)
    assert not (tmp_path / "nowhere").exists()


def test_the_coach_never_writes_into_reps_folders(team: Path, tmp_path: Path) -> None:
    rep, _ = rep_home(tmp_path / "rep", team, takes=2, audio=True)
    sync(rep)
    coach, cm = coach_home(tmp_path / "coach", team)
    before = {k: v for k, v in tree(team).items() if k.startswith("reps")}
    sync(coach)
    sync(coach)
    assert {k: v for k, v in tree(team).items() if k.startswith("reps")} == before
    assert {k.split("/")[0] for k in tree(team)} == {"reps", "coach"}
    assert {k.split("/")[1] for k in tree(team) if k.startswith("coach/")} == {cm.member_id}


def test_symlinks_are_never_followed(team: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    sync(rep)
    (team / "reps" / "linked-rep").symlink_to(rm.own_folder)  # a whole rep folder as a link
    take = next(files(rm.own_folder / "takes"))
    outside = secret / "take.json"
    take.rename(outside)
    take.symlink_to(outside)  # a listed file as a link to somewhere else
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 0
    assert any("linked-rep is a symbolic link" in m for m in out.messages)
    assert any("symbolic link" in m and "linked-rep" not in m for m in out.messages)


def test_a_link_in_place_of_the_own_folder_is_not_written_through(team: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (team / "reps").mkdir()
    (team / "reps" / "ann").symlink_to(elsewhere)
    with pytest.raises(TeamFolderError, match="not a plain folder"):
        rep_home(tmp_path / "rep", team, rep_id="ann")
    assert list(elsewhere.iterdir()) == []


def test_oversized_forged_and_newer_files_are_skipped_with_a_note(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=3)
    sync(rep)
    takes = list(files(rm.own_folder / "takes"))
    _rewrite(rm.own_folder, takes[0], lambda body: body | {"version": 99})
    _rewrite(rm.own_folder, takes[1], lambda body: body | {"rep_id": "someone-else"})
    _rewrite(rm.own_folder, takes[2], lambda body: body | {"padding": "x" * (TAKE_CAP + 10)})
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert (out.takes, out.skipped, out.pending) == (0, 3, 0)
    text = " ".join(out.messages)
    assert "newer VoiceCoach" in text and "names another rep" in text and "over the" in text


@pytest.mark.parametrize("hostile", [
    b'{"deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"deep": ' + b'{"a": ' * 500 + b"1" + b"}" * 500 + b"}",
    b'{"huge": ' + b"9" * 5000 + b"}",
    b'{"huge": 1e999}',
])
def test_hostile_json_in_a_listed_take_is_skipped(hostile: bytes, team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    sync(rep)
    take = next(files(rm.own_folder / "takes"))
    _rewrite(rm.own_folder, take, lambda b: b)  # normalise, then splice the hostile part into the report
    body = take.read_bytes().replace(b'"report": {', b'"report": {"x": ' + hostile + b", ", 1)
    take.write_bytes(body)
    _rewrite(rm.own_folder, take, None)
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert (out.takes, out.skipped) == (0, 1), out.messages


def test_a_manifest_from_a_newer_version_skips_the_rep(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    sync(rep)
    manifest = rm.own_folder / "manifest.json"
    manifest.write_text(json.dumps(json.loads(manifest.read_text()) | {"version": 2}))
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 0 and "newer VoiceCoach" in out.messages[0]


def test_folders_with_unsafe_names_are_skipped(team: Path, tmp_path: Path) -> None:
    (team / "reps" / "Not Safe").mkdir(parents=True)
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.skipped == 1 and "not a valid id" in out.messages[0]


def _rewrite(own: Path, path: Path, change: Callable[[dict], dict] | None) -> None:
    """Replace a take file and its manifest entry consistently (as a hostile writer could)."""
    if change is None:  # keep the bytes as they are, only list them
        data = path.read_bytes()
    else:
        data = json.dumps(change(json.loads(path.read_text()))).encode()
        path.write_bytes(data)
    manifest = json.loads((own / "manifest.json").read_text())
    for entry in manifest["takes"]:
        if entry["file"]["name"] == f"takes/{path.name}":
            entry["file"].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    (own / "manifest.json").write_text(json.dumps(manifest))


# -- fuzzing: whatever is in a listed file, a pull never crashes and never stores what it could not check --------
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
_PATHS = st.sampled_from([
    (), ("take",), ("take", "report"), ("take", "report", "score"), ("take", "report", "flags"),
    ("take", "transcript"), ("take", "started_at"), ("take", "uuid"), ("script",), ("script_version",),
    ("script_version", "text"), ("format",), ("version",), ("judgement",), ("take", "attempt"),
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=_PATHS, value=_JSON, cut=st.integers(0, 3000) | st.none(), junk=st.binary(max_size=64))
def test_fuzzed_take_files_never_crash_a_pull(tmp_path_factory: pytest.TempPathFactory, path: tuple[str, ...],
                                             value: object, cut: int | None, junk: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    team = root / "team"
    team.mkdir()
    rep, rm = rep_home(root / "rep", team, takes=1)
    sync(rep)
    take = next(files(rm.own_folder / "takes"))
    body = json.loads(take.read_text())
    _set_path(body, list(path), value)
    data = json.dumps(body).encode()
    data = data[:cut] + junk if cut is not None else data
    take.write_bytes(data)
    manifest = json.loads((rm.own_folder / "manifest.json").read_text())
    manifest["takes"][0]["file"].update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    (rm.own_folder / "manifest.json").write_text(json.dumps(manifest))
    coach, _ = coach_home(root / "coach", team)
    out = sync(coach)
    assert out.takes + out.skipped + out.pending == 1
    for t in coach.list_takes():  # whatever was let in reads back
        assert isinstance(t.report_dict, dict) and t.transcript is not None and 0 <= (t.score or 0) <= 100
    rep.close()
    coach.close()


def test_fifo_in_place_of_a_take_does_not_hang(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=1)
    sync(rep)
    take = next(files(rm.own_folder / "takes"))
    take.unlink()
    os.mkfifo(take)
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 0 and any("not a regular file" in m for m in out.messages)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["rep", "coach", "note", "session"]), path=st.lists(
    st.sampled_from(["takes", "notes", "sessions", "profile", "file", "name", "sha256", "size", "rep_id", "uuid",
                     "coach_id", "withdrawn", "revision", "text", "take", "goals", "goal_results", "version",
                     "format", "updated_at", "created_at", "at_seconds", 0, 1]), max_size=4),
    value=_JSON, cut=st.integers(0, 2000) | st.none())
def test_fuzzed_manifests_and_coach_files_never_crash_a_pull(tmp_path_factory: pytest.TempPathFactory, kind: str,
                                                           path: list, value: object, cut: int | None) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    team = root / "team"
    team.mkdir()
    rep, rm = rep_home(root / "rep", team, takes=2)
    coach, cm = coach_home(root / "coach", team)
    sync(rep)
    sync(coach)
    take = coach.list_takes()[0]
    session = coach.start_session(take.profile_id, goals="Slow down")
    coach.add_note(take.id, "Good opening", session_id=session.id)
    sync(coach)
    target = {"rep": rm.own_folder / "manifest.json", "coach": cm.own_folder / "manifest.json",
              "note": next(files(cm.own_folder / "notes")), "session": next(files(cm.own_folder / "sessions"))}[kind]
    body = json.loads(target.read_text())
    _set_path(body, path, value)
    data = json.dumps(body).encode()
    target.write_bytes(data[:cut] if cut is not None else data)
    if kind in ("note", "session"):  # keep the listing's checksum right, so the content itself is checked
        manifest = json.loads((cm.own_folder / "manifest.json").read_text())
        for entry in manifest["notes"] + manifest["sessions"]:
            if entry["file"]["name"].endswith(target.name):
                entry["file"].update(sha256=hashlib.sha256(target.read_bytes()).hexdigest(),
                                     size=target.stat().st_size)
        (cm.own_folder / "manifest.json").write_text(json.dumps(manifest))
    fresh, _ = coach_home(root / "coach2", team)
    out_coach, out_rep = sync(fresh), sync(rep)
    assert out_coach.takes <= 2 and out_rep.notes <= 1 and out_rep.sessions <= 1
    for s in (rep, coach, fresh):
        s.close()


def _set_path(body: object, path: list, value: object) -> None:
    target = body
    for key in path[:-1]:
        if isinstance(target, dict) and isinstance(key, str):
            target = target.setdefault(key, {})
        elif isinstance(target, list) and isinstance(key, int) and key < len(target):
            target = target[key]
        else:
            return
    if not path:
        return
    key = path[-1]
    if (isinstance(target, dict) and isinstance(key, str)) or (
            isinstance(target, list) and isinstance(key, int) and key < len(target)):
        target[key] = value
