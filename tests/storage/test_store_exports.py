"""CSV / JSON / HTML exports escape what people typed; bundles move a rep's work without duplicates."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

from tests.storage.builders import report_dict, transcript_of
from voicecoach.core.profile import Profile
from voicecoach.storage import Store, StoreError, open_store

TRICKY = "=HYPERLINK(\"x\") <script>alert('hi')</script> & \"quotes\" 😀"


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> tuple[Store, int]:
    profile_id = store.add_profile(Profile(TRICKY, "O'Hare & Sons", "555 0100"))
    script = store.add_script(TRICKY, "Hi, this is {name}. " + TRICKY, time_limit=30)
    audio = tmp_path / "src.wav"
    audio.write_bytes(b"RIFF" + b"\x01\x02" * 500)
    session = store.start_session(profile_id, goals=TRICKY)
    for n in range(3):
        take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                               transcript=transcript_of(f"hello {n} 😀"), audio_path=audio if n != 1 else None,
                               report=report_dict(60 + n, flags=(("overrun", "error"),) if n == 0 else ()))
        store.add_note(take.id, f"note {n}: {TRICKY}", at_seconds=n * 61.5, session_id=session.id)
    store.end_session(session.id)
    return store, profile_id


def test_csv_has_one_row_per_take_and_defuses_formulas(filled, tmp_path: Path) -> None:
    store, _ = filled
    out = tmp_path / "takes.csv"
    assert store.export_csv(out) == 3
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["attempt"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["script"] == "'" + TRICKY and rows[0]["rep"] == "'" + TRICKY
    assert rows[0]["flag_codes"] == "overrun" and rows[1]["flag_codes"] == ""
    assert rows[2]["transcript"] == "hello 2 😀"
    assert not list(tmp_path.glob("*.part"))


def test_json_keeps_transcripts_reports_and_notes(filled, tmp_path: Path) -> None:
    store, profile_id = filled
    out = tmp_path / "takes.json"
    assert store.export_json(out, profile_id=profile_id) == 3
    data = json.loads(out.read_text(encoding="utf-8"))
    first = data["takes"][0]
    assert first["rep"] == TRICKY and first["script"] == TRICKY
    assert first["transcript"][0]["result"][0]["word"] == "hello"
    assert first["report"]["flags"][0]["code"] == "overrun"
    assert first["notes"][0]["text"] == f"note 0: {TRICKY}"


def test_session_report_is_self_contained_and_escaped(filled, tmp_path: Path) -> None:
    store, profile_id = filled
    session = store.list_sessions(profile_id)[0]
    html = store.export_session_html(session.id, tmp_path / "s.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in html
    assert "O&#x27;Hare &amp; Sons" in html and "😀" in html
    assert "src=" not in html and "href=" not in html and "http" not in html  # nothing external to load
    assert html.count("<section class=take ") == 3 and "1:01" in html and "2:03" in html  # notes at 61.5 s, 123 s


def test_bundle_imports_into_another_database_without_duplicates(filled, tmp_path: Path) -> None:
    store, profile_id = filled
    bundle = store.export_bundle(tmp_path / "ann.zip", profile_id)
    other_dir = tmp_path / "coach"
    with open_store(other_dir / "voicecoach.db") as coach:
        first = coach.import_bundle(bundle)
        assert first.added == {"profiles": 1, "scripts": 1, "script versions": 1, "takes": 3, "sessions": 1,
                               "notes": 3}
        again = coach.import_bundle(bundle)
        assert sum(again.added.values()) == 0 and again.skipped == 3
        assert "nothing new" in again.describe()
        takes = coach.list_takes()
        assert len(takes) == 3 and coach.get_profile(first.profile_id).profile.name == TRICKY
        with_audio = [t for t in takes if t.audio_path]
        assert len(with_audio) == 2
        for take in with_audio:
            assert take.audio_path is not None and take.audio_path.parent == other_dir / "takes"
            assert take.audio_path.read_bytes() == b"RIFF" + b"\x01\x02" * 500
        assert [n.text for n in coach.list_notes(takes[-1].id)] == [f"note 0: {TRICKY}"]
        assert coach.progress(first.profile_id).takes == 3


def test_new_takes_in_a_later_bundle_are_added_once(filled, tmp_path: Path) -> None:
    store, profile_id = filled
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        coach.import_bundle(store.export_bundle(tmp_path / "one.zip", profile_id))
        script = store.list_scripts()[0]
        edited = store.update_script(script.id, text="A new version of the text")
        store.save_take(profile_id=profile_id, script_version_id=edited.version_id, transcript=transcript_of("hi"),
                        report=report_dict(90))
        later = coach.import_bundle(store.export_bundle(tmp_path / "two.zip", profile_id))
        assert later.added["takes"] == 1 and later.added["script versions"] == 1 and later.skipped == 3
        assert [t.attempt for t in coach.list_takes()] == [4, 3, 2, 1]


def test_damaged_or_foreign_bundles_are_refused_cleanly(filled, tmp_path: Path) -> None:
    store, profile_id = filled
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello")
    with pytest.raises(StoreError, match="not a VoiceCoach bundle"):
        store.import_bundle(not_zip)
    bundle = store.export_bundle(tmp_path / "b.zip", profile_id)
    tampered = tmp_path / "t.zip"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"evil" + data[4:] if item.filename.startswith("audio/") else data)
    with open_store(tmp_path / "c" / "voicecoach.db") as coach:
        with pytest.raises(StoreError, match="checksum"):
            coach.import_bundle(tampered)
        assert coach.list_takes() == [] and coach.list_profiles() == []
        assert list((tmp_path / "c" / "takes").glob("*")) == []
        escape = tmp_path / "e.zip"
        manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
        manifest["takes"][0]["audio"] = "../../evil.wav"
        with zipfile.ZipFile(escape, "w") as zf:
            zf.writestr("manifest.json", json.dumps(manifest))
        with pytest.raises(StoreError, match="unexpected audio name"):
            coach.import_bundle(escape)


def test_a_rep_the_coach_already_entered_by_hand_is_reused(filled, tmp_path: Path) -> None:
    store, profile_id = filled
    bundle = store.export_bundle(tmp_path / "b.zip", profile_id)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        typed = coach.add_profile(store.get_profile(profile_id).profile)
        summary = coach.import_bundle(bundle)
        assert summary.profile_id == typed and summary.added["profiles"] == 0
        assert len(coach.list_profiles()) == 1 and len(coach.list_takes(typed)) == 3


def test_a_bundle_with_damaged_bytes_imports_nothing(filled, tmp_path: Path) -> None:
    store, profile_id = filled
    data = bytearray(store.export_bundle(tmp_path / "b.zip", profile_id).read_bytes())
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        audio = next(i for i in zf.infolist() if i.filename.startswith("audio/"))
    start = audio.header_offset + 30 + len(audio.filename)  # the local header is 30 bytes plus the name
    data[start + 2:start + 12] = bytes(10)  # zero some compressed audio bytes
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    with open_store(tmp_path / "c" / "voicecoach.db") as coach:
        with pytest.raises(StoreError, match=r"nothing was imported|checksum"):
            coach.import_bundle(damaged)
        assert coach.list_takes() == [] and coach.list_profiles() == []
        assert not (tmp_path / "c" / "takes").exists() or list((tmp_path / "c" / "takes").iterdir()) == []


DEEP_LIST = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a": ' * 100_000 + "1" + "}" * 100_000


@pytest.mark.parametrize(("column", "value", "export"), [
    ("transcript", DEEP_LIST, lambda store, out, pid: store.export_json(out)),
    ("judgement", DEEP_OBJECT, lambda store, out, pid: store.export_bundle(out, pid)),
    ("report", DEEP_OBJECT, lambda store, out, pid: store.export_bundle(out, pid)),
], ids=["json-transcript", "bundle-judgement", "bundle-report"])
def test_a_stored_column_nested_too_deep_fails_the_export_in_one_sentence(store, rep_and_script, tmp_path,
                                                                          column, value, export) -> None:
    profile_id, script = rep_and_script
    take = store.save_take(profile_id=profile_id, script_version_id=script.version_id,
                           transcript=transcript_of("hi there"), report=report_dict())
    with store.write() as db:
        db.execute(f"UPDATE takes SET {column} = ? WHERE id = ?", [value, take.id])
    out = tmp_path / "export.out"
    with pytest.raises(StoreError, match=f"take {take.id}'s stored {column} cannot be read.*nested"):
        export(store, out, profile_id)
    assert not out.exists()
