"""Bundles from elsewhere: every field checked before anything is written, and zip bombs refused unopened."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.storage import Store, StoreError, open_store


def make_bundle(tmp_path: Path) -> Path:
    """A real bundle: one rep, one script, two takes (one with audio), a session and a note."""
    with open_store(tmp_path / "rep" / "voicecoach.db") as store:
        pid = store.add_profile(ANN)
        script = store.add_script("Intro", "Hi there", time_limit=30)
        audio = tmp_path / "a.wav"
        audio.write_bytes(b"RIFF" + bytes(range(256)) * 40)
        session = store.start_session(pid, goals="slow down")
        for n in range(2):
            take = store.save_take(profile_id=pid, script_version_id=script.version_id,
                                   transcript=transcript_of("hi there"), report=report_dict(70 + n,
                                   flags=(("overrun", "error"),)), audio_path=audio if n == 0 else None)
            store.add_note(take.id, "say the number twice", at_seconds=2.5, session_id=session.id)
        return store.export_bundle(tmp_path / "rep.zip", pid)


def rewrite(bundle: Path, out: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            dst.writestr(item.filename, data)
    return out


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(m: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = m
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return change


WRONG = {
    "version null": ("version", None, "version"),
    "version list": ("version", [1], "version"),
    "version text": ("version", "1", "version"),
    "started_at number": ("takes.0.started_at", 12345, "takes[0].started_at"),
    "started_at not a date": ("takes.0.started_at", "2026-13-45T99:00:00", "takes[0].started_at"),
    "at_seconds text": ("notes.0.at_seconds", "soon", "notes[0].at_seconds"),
    "score text": ("takes.0.report.score", "80", "takes[0].report.score"),
    "words text": ("takes.0.report.words", "many", "takes[0].report.words"),
    "flags text": ("takes.0.report.flags", "none", "takes[0].report.flags"),
    "flag code number": ("takes.0.report.flags.0.code", 7, "takes[0].report.flags[0].code"),
    "word time text": ("takes.0.transcript.0.result.0.start", "soon", "takes[0].transcript"),
    "profile name number": ("profile.name", 5, "profile.name"),
    "takes not a list": ("takes", {"a": 1}, "takes"),
    "time limit text": ("script_versions.0.time_limit", "30 s", "script_versions[0].time_limit"),
    "session goals list": ("sessions.0.goals", ["x"], "sessions[0].goals"),
    "attempt zero": ("takes.0.attempt", 0, "takes[0].attempt"),
}


@pytest.mark.parametrize("case", list(WRONG))
def test_a_wrongly_typed_field_is_named_and_nothing_is_imported(tmp_path: Path, case: str) -> None:
    path, value, named = WRONG[case]
    bundle = rewrite(make_bundle(tmp_path), tmp_path / "bad.zip", _set(path, value))
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        with pytest.raises(StoreError) as caught:
            coach.import_bundle(bundle)
        message = str(caught.value)
        assert type(caught.value) is StoreError and named in message and "nothing was imported" in message
        assert "\n" not in message
        _assert_empty(coach)


def test_two_takes_with_one_id_are_refused_up_front(tmp_path: Path) -> None:
    def twin(m: dict[str, Any]) -> None:
        m["takes"][1]["uuid"] = m["takes"][0]["uuid"]
        m["notes"] = []

    bundle = rewrite(make_bundle(tmp_path), tmp_path / "bad.zip", twin)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        with pytest.raises(StoreError, match="two takes share one id"):
            coach.import_bundle(bundle)
        _assert_empty(coach)


def test_a_valid_bundle_still_imports_and_every_view_reads_it(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        summary = coach.import_bundle(bundle)
        assert summary.added["takes"] == 2 and summary.added["notes"] == 2
        _read_everything(coach, tmp_path)


def test_a_manifest_that_unpacks_to_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path)
    manifest = zipfile.ZipFile(bundle).read("manifest.json")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == "manifest.json":  # valid JSON, padded with 80 MB of spaces
                dst.writestr("manifest.json", manifest[:-1] + b" " * (80 << 20) + manifest[-1:])
            else:
                dst.writestr(item.filename, src.read(item))
    assert bomb.stat().st_size < 1 << 20
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        with pytest.raises(StoreError, match=r"refused: manifest.json would unpack to 80 MB"):
            coach.import_bundle(bomb)
        _assert_empty(coach)


def test_audio_that_unpacks_far_beyond_its_packed_size_is_refused_before_extraction(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item.filename, bytes(40 << 20) if item.filename.startswith("audio/") else data)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        with pytest.raises(StoreError, match=r"refused: audio/.* would unpack to 40 MB \(\d+ times"):
            coach.import_bundle(bomb)
        _assert_empty(coach)


def _assert_empty(coach: Store) -> None:
    assert coach.list_takes(include_trashed=True) == [] and coach.list_profiles() == []
    assert coach.list_scripts() == []
    assert not coach.takes_dir.exists() or list(coach.takes_dir.iterdir()) == []


def _read_everything(coach: Store, tmp_path: Path) -> None:
    """What Coach and the exports do with imported takes, so a bundle that imports can also be shown."""
    rep = coach.list_profiles()[0]
    for take in coach.list_takes(include_trashed=True):
        assert take.score is None or isinstance(take.score, int | float)
        assert take.transcript is not None and take.report is not None
        coach.list_notes(take.id)
    coach.progress(rep.id)
    coach.export_csv(tmp_path / "out.csv")
    coach.export_json(tmp_path / "out.json")
    for session in coach.list_sessions(rep.id):
        coach.export_session_html(session.id, tmp_path / "out.html")
