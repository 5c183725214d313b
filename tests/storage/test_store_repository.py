"""Profiles, versioned scripts, takes, trash, sessions and notes behave as the GUI expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach import paths
from voicecoach.core.profile import Profile
from voicecoach.storage import RecordNotFoundError, Store, StoreError


def test_profiles_round_trip_and_update(store: Store) -> None:
    first = store.add_profile(ANN)
    second = store.add_profile(Profile("Bo Diaz", "Acme Roofing", "555 0101"))
    assert [r.profile.name for r in store.list_profiles()] == ["Ann Lee", "Bo Diaz"]
    assert store.get_profile(first).profile == ANN
    updated = store.update_profile(second, Profile("Bo Diaz", "Zenith", "555 0199", email="bo@z.example"))
    assert updated.profile.company == "Zenith" and updated.profile.email == "bo@z.example"
    assert store.find_profile(ANN).id == first  # type: ignore[union-attr]
    with pytest.raises(RecordNotFoundError):
        store.get_profile(999)


def test_editing_a_script_keeps_the_version_old_takes_were_judged_against(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hi there"), report=report_dict())
    edited = store.update_script(script.id, text="Hello {prospect}, {name} here.", time_limit=25)
    assert (edited.id, edited.version) == (script.id, 2)
    assert edited.version_id != script.version_id
    old = store.get_script_version(take.script_version_id)
    assert old.text == script.text and old.time_limit == 30 and not old.is_current
    renamed = store.update_script(script.id, title="Roof opener")
    assert renamed.version == 2 and renamed.title == "Roof opener"
    assert [v.version for v in store.list_script_versions(script.id)] == [1, 2]
    assert [s.title for s in store.list_scripts("hello")] == ["Roof opener"]
    assert store.list_scripts("100%") == []  # LIKE wildcards in a search are literal


def test_save_take_numbers_attempts_per_script_and_copies_audio(store: Store, rep_and_script, tmp_path: Path) -> None:
    profile_id, script = rep_and_script
    other = store.add_script("Follow-up", "Just following up.")
    audio = tmp_path / "take.WAV"
    audio.write_bytes(b"RIFF" + bytes(range(256)) * 10)
    takes = [store.save_take(profile_id=profile_id, script_version_id=v, transcript=transcript_of("hi"),
                             report=report_dict(flags=(("overrun", "error"),)), audio_path=audio)
             for v in (script.version_id, other.version_id, script.version_id)]
    assert [t.attempt for t in takes] == [1, 1, 2]
    first = store.get_take(takes[0].id)
    assert first.audio_path == paths.takes_dir() / f"{first.uuid}.wav"
    assert first.audio_path.read_bytes() == audio.read_bytes()
    assert first.audio_sha256 is not None and len(first.audio_sha256) == 64
    assert first.flag_codes == ("overrun",) and first.score == 70.0 and first.wpm == 150.0
    assert first.transcript.text == "hi" and first.report_dict["score"] == 70.0
    assert [t.id for t in store.list_takes(profile_id, script.id)] == [takes[2].id, takes[0].id]


def test_save_take_rejects_unknown_rows_and_missing_audio(store: Store, rep_and_script, tmp_path: Path) -> None:
    profile_id, script = rep_and_script
    with pytest.raises(StoreError, match="no script version"):
        store.save_take(profile_id=profile_id, script_version_id=999, transcript=transcript_of("a"), report={})
    with pytest.raises(StoreError, match="no profile"):
        store.save_take(profile_id=999, script_version_id=script.version_id, transcript=transcript_of("a"), report={})
    with pytest.raises(StoreError, match="audio file not found"):
        store.save_take(profile_id=profile_id, script_version_id=script.version_id, transcript=transcript_of("a"),
                        report={}, audio_path=tmp_path / "nope.wav")
    assert store.list_takes() == []


def test_trash_restore_and_empty_deletes_audio_only_when_asked(store: Store, rep_and_script, tmp_path: Path) -> None:
    profile_id, script = rep_and_script
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFFdata")
    keep = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("keep"), report=report_dict())
    drop = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("drop"), report=report_dict(), audio_path=audio)
    store.add_note(drop.id, "shaky start")
    assert store.trash_take(drop.id).trashed
    assert [t.id for t in store.list_takes()] == [keep.id]
    assert [t.id for t in store.list_takes(trashed_only=True)] == [drop.id]
    assert drop.audio_path is not None and drop.audio_path.exists()  # trash keeps everything
    assert not store.restore_take(drop.id).trashed
    store.trash_take(drop.id)
    assert store.empty_trash() == 1
    assert not drop.audio_path.exists()
    assert [t.id for t in store.list_takes(include_trashed=True)] == [keep.id]
    with pytest.raises(RecordNotFoundError):
        store.get_take(drop.id)
    assert store.empty_trash() == 0


def test_sessions_and_notes_with_time_offsets(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hi"), report=report_dict())
    session = store.start_session(profile_id, goals="Slow down; say the number twice")
    late = store.add_note(take.id, "number too fast", at_seconds=14.5, session_id=session.id)
    general = store.add_note(take.id, "good energy")
    early = store.add_note(take.id, "strong opener", at_seconds=1.0)
    assert [n.id for n in store.list_notes(take.id)] == [early.id, late.id, general.id]
    assert [n.id for n in store.list_notes(session_id=session.id)] == [late.id]
    ended = store.end_session(session.id)
    assert ended.ended_at is not None and ended.ended_at >= session.started_at
    assert store.list_sessions(profile_id)[0].goals == "Slow down; say the number twice"
    with pytest.raises(StoreError):
        store.add_note(take.id, "   ")
    with pytest.raises(StoreError):
        store.add_note(take.id, "x", at_seconds=-1)


def test_quotes_html_and_emoji_round_trip(store: Store) -> None:
    tricky = "It's \"Bob\" <b>&amp;</b> 😀 — 'quoted'; DROP TABLE takes;--"
    profile_id = store.add_profile(Profile(tricky, "O'Hare & Sons <Ltd>", "555"))
    script = store.add_script(tricky, tricky + "\nline two")
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hello 😀"), report=report_dict())
    note = store.add_note(take.id, tricky)
    assert store.get_profile(profile_id).profile.name == tricky
    assert store.get_script(script.id).title == tricky
    assert store.get_note(note.id).text == tricky
    assert store.get_take(take.id).transcript.text == "hello 😀"
    assert json.loads(store.get_take(take.id).transcript_json)[0]["text"] == "hello 😀"


def test_report_from_the_core_round_trips(store: Store, rep_and_script) -> None:
    report_mod = pytest.importorskip("voicecoach.core.report")
    profile_id, script = rep_and_script
    transcript = transcript_of("hi this is ann lee from acme roofing call me at five five five")
    report = report_mod.analyze(transcript, profile=ANN)
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id, transcript=transcript,
                           report=report)
    again = store.get_take(take.id)
    assert isinstance(again.report, report_mod.Report)
    assert again.report.to_dict() == report.to_dict()
    assert again.score == report.score
    assert again.flag_codes == tuple(f.code for f in report.flags)


def test_listed_takes_fetch_their_transcript_only_when_asked(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    saved = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                            transcript=transcript_of("lazy words"), report=report_dict(64))
    listed = store.list_takes()[0]
    assert listed.stored_transcript is None and listed == saved
    assert listed.transcript.text == "lazy words" and listed.report_dict["score"] == 64


def test_start_times_in_any_zone_are_stored_in_utc_order(store: Store, rep_and_script) -> None:
    profile_id, script = rep_and_script
    late = store.save_take(profile_id=profile_id, script_version_id=script.version_id, transcript=transcript_of("b"),
                           report=report_dict(), started_at="2026-03-01T09:30:00+02:00")  # 07:30 UTC
    early = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                            transcript=transcript_of("a"), report=report_dict(), started_at="2026-03-01T08:00:00+05:00")
    assert early.started_at.isoformat() == "2026-03-01T03:00:00+00:00"
    assert [t.id for t in store.list_takes()] == [late.id, early.id]
    with pytest.raises(StoreError, match="not a date"):
        store.save_take(profile_id=profile_id, script_version_id=script.version_id, transcript=transcript_of("c"),
                        report=report_dict(), started_at="yesterday")
