"""What the rep's app records reaches the coach whole, and what the coach wrote is never withdrawn by accident."""

from __future__ import annotations

import json
from pathlib import Path

from tests.storage.builders import ANN, report_dict, transcript_of
from tests.storage.teamkit import coach_home, open_home, rep_home
from voicecoach.core.transcript import RecognitionEvidence, Transcript, Word
from voicecoach.storage.team import sync


def _recorded(text: str) -> Transcript:
    """A take as the app records it: utterances, a silent stretch, and the recogniser's evidence last."""
    words = transcript_of(text).words
    results = ({"result": [w.to_dict() for w in words], "text": text}, {"text": ""})
    evidence = RecognitionEvidence(constrained=(Word("hi", 0.0, 0.3),), grammar_words=5, grammar_missing=0,
                                   voiced_seconds=2.5)
    return Transcript(words, results, evidence)


def test_a_take_recorded_in_the_app_opens_for_the_coach_exactly_as_saved(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=0)
    script = rep.list_scripts()[0] if rep.list_scripts() else rep.add_script("Intro", "Hi {prospect}, {name} here.")
    saved = rep.save_take(profile_id=rm.profile_id or 0, script_version_id=script.version_id,
                          transcript=_recorded("hi this is ann from acme"), report=report_dict(70))
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    assert sync(coach).takes == 1
    [pulled] = coach.list_takes()
    assert json.loads(pulled.transcript_json) == json.loads(rep.get_take(saved.id).transcript_json)
    opened = coach.get_take(pulled.id).transcript
    assert opened.text == "hi this is ann from acme"
    assert opened.recognition == saved.transcript.recognition and opened.recognition.voiced_seconds == 2.5
    coach.export_csv(tmp_path / "takes.csv")
    session = coach.start_session(pulled.profile_id)
    coach.add_note(pulled.id, "Good pace", session_id=session.id)
    coach.export_session_html(session.id, tmp_path / "session.html")
    assert "Good pace" in (tmp_path / "session.html").read_text(encoding="utf-8")
    coach.reanalyze_take(pulled.id)


def test_a_pulled_take_whose_transcript_cannot_be_read_is_reported_not_stored(team: Path, tmp_path: Path) -> None:
    rep, rm = rep_home(tmp_path / "rep", team, takes=2)
    sync(rep)
    take_file = next((rm.own_folder / "takes").iterdir())
    body = json.loads(take_file.read_bytes())
    body["take"]["transcript"].append({})  # what publishing used to make of a silent stretch
    _relist(rm.own_folder, take_file, json.dumps(body).encode())
    coach, _ = coach_home(tmp_path / "coach", team)
    out = sync(coach)
    assert out.takes == 1 and out.skipped == 1
    assert any("transcript cannot be read" in m for m in out.messages), out.messages
    for take in coach.list_takes():
        assert coach.get_take(take.id).transcript.words


def _relist(own: Path, path: Path, data: bytes) -> None:
    import hashlib

    path.write_bytes(data)
    manifest = json.loads((own / "manifest.json").read_bytes())
    for t in manifest["takes"]:
        if t["file"]["name"] == f"takes/{path.name}":
            t["file"] |= {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    (own / "manifest.json").write_text(json.dumps(manifest))


def test_takes_pulled_with_emptied_results_open_after_the_upgrade(tmp_path: Path) -> None:
    """Coaches who pulled takes before the fix have ``{}`` entries stored; opening the database repairs them."""
    store = open_home(tmp_path / "coach")
    pid = store.add_profile(ANN)
    script = store.add_script("Intro", "Hi {prospect}.")
    take = store.save_take(profile_id=pid, script_version_id=script.version_id,
                           transcript=transcript_of("hi there"), report=report_dict(60))
    stored = [*json.loads(take.transcript_json), {}]
    with store.write() as db:
        db.execute("UPDATE takes SET transcript = ? WHERE id = ?", [json.dumps(stored), take.id])
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm014_team_empty_results'")
    store.close()
    store = open_home(tmp_path / "coach")
    assert store.get_take(take.id).transcript.text == "hi there"
    store.close()


def test_a_note_the_database_does_not_show_is_not_withdrawn(team: Path, tmp_path: Path) -> None:
    """Only a note the coach deleted is withdrawn: one an older copy of the database lacks stays published."""
    import sqlite3

    rep, _ = rep_home(tmp_path / "rep", team, takes=1)
    coach, cm = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    take = coach.list_takes()[0]
    gone = coach.add_note(take.id, "Drop the second hello")
    sync(coach)
    (tmp_path / "restored").mkdir()
    with sqlite3.connect(tmp_path / "restored" / "voicecoach.db") as copy:
        coach.db.conn.backup(copy)  # the coach's database as a backup keeps it, before the next note
    kept = coach.add_note(take.id, "Say the number slower")
    sync(coach)
    coach.close()
    restored = open_home(tmp_path / "restored")
    restored.delete_note(restored.list_notes(restored.list_takes()[0].id)[0].id)
    sync(restored)
    listed = {n["uuid"]: n["withdrawn"] for n in json.loads((cm.own_folder / "manifest.json").read_bytes())["notes"]}
    assert listed == {kept.uuid: False, gone.uuid: True}
    sync(rep)
    assert [n.text for n in rep.list_notes(rep.list_takes()[0].id)] == ["Say the number slower"]
