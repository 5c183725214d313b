"""Notes say who wrote them: the rep's own note is never presented as the coach's."""

from __future__ import annotations

from pathlib import Path

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.storage import Store, open_store
from voicecoach.storage.team import coach_feedback


def _take(store: Store) -> tuple[int, int]:
    pid = store.add_profile(ANN)
    script = store.add_script("Roof opener", "Hi {prospect}, it's {name} at {company}, {phone}.")
    take = store.save_take(profile_id=pid, script_version_id=script.version_id,
                           transcript=transcript_of("hi it's ann at acme roofing"), report=report_dict(80))
    return pid, take.id


def test_a_note_keeps_its_author_and_the_session_report_names_them(store: Store, tmp_path: Path) -> None:
    pid, take = _take(store)
    session = store.start_session(pid, goals="slow down")
    store.add_note(take, "My own reminder", at_seconds=0.4, session_id=session.id, author="rep")
    store.add_note(take, "Slow down here", at_seconds=0.8, session_id=session.id, author="coach")
    assert [n.author for n in store.list_notes(take)] == ["rep", "coach"]
    page = store.export_session_html(session.id, tmp_path / "s.html").read_text(encoding="utf-8")
    assert "rep: My own reminder" in page and "coach: Slow down here" in page
    assert "coach: My own reminder" not in page


def test_from_your_coach_leaves_out_the_reps_own_notes(store: Store) -> None:
    pid, take = _take(store)
    store.add_note(take, "My own reminder", author="rep")
    store.add_note(take, "Say all ten digits", author="coach")
    feedback = coach_feedback(store, pid)
    assert [n.text for n in feedback.notes] == ["Say all ten digits"]


def test_a_notes_author_travels_in_a_bundle(store: Store, tmp_path: Path) -> None:
    pid, take = _take(store)
    store.add_note(take, "My own reminder", author="rep")
    store.add_note(take, "Slow down here", author="coach")
    bundle = store.export_bundle(tmp_path / "ann.zip", pid)
    with open_store(tmp_path / "coach" / "voicecoach.db") as other:
        other.import_bundle(bundle)
        notes = other.list_notes(other.list_takes()[0].id)
        assert sorted((n.text, n.author) for n in notes) == [("My own reminder", "rep"), ("Slow down here", "coach")]
