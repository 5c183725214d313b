"""Build store_v4/: a database (and its takes' audio) exactly as VoiceCoach wrote it at schema step m004.

It was generated once, with the code of that time, and is committed so migration tests check that every
take a user already has survives later schema steps. Do not regenerate it with newer code: the point is
that it was written by the old one. Kept for the record of what it holds:

- two reps; scripts "Expired listing" (two versions, with {prospect}), "Follow-up after open house"
  (judged as a follow-up by its title at the time) and a CLI "--save" free talk;
- the eight golden takes, analysed the way the GUI and the CLI did then; three with audio;
- one trashed take, one coaching session with a note.

    .venv/bin/python tests/data/make_store_v4.py   # (only with the m004-era code)
"""

from __future__ import annotations

import json
import shutil
import struct
import wave
from pathlib import Path

from voicecoach.core.profile import load_profile
from voicecoach.core.report import analyze
from voicecoach.core.script import fill_placeholders, load_script
from voicecoach.core.transcript import Transcript
from voicecoach.storage.db import open_store
from voicecoach.storage.save import save_analyzed_take

HERE = Path(__file__).parent
OUT = HERE / "store_v4"
FOLLOW_UP = ("Hi {prospect}, {first_name} again from {company}, following up on my message about your open house. "
             "{phone}.")


def _wav(path: Path, seconds: float) -> Path:
    frames = int(16000 * seconds)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"".join(struct.pack("<h", (i * 37) % 200 - 100) for i in range(frames)))
    return path


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    store = open_store(OUT / "voicecoach.db")
    dana = load_profile(HERE / "profile.json")
    dana_id = store.add_profile(dana)
    script_file = load_script(HERE / "scripts" / "expired-listing.txt")
    expired = store.add_script(script_file.title or "Expired listing", script_file.text,
                               time_limit=script_file.time_limit)
    follow = store.add_script("Follow-up after open house", FOLLOW_UP, time_limit=25)
    tmp = OUT / "tmp"
    tmp.mkdir()
    names = sorted(p.stem for p in (HERE / "takes").glob("*.json"))
    take_ids = []
    for n, name in enumerate(names):
        transcript = Transcript.from_json((HERE / "takes" / f"{name}.json").read_text())
        script = follow if name == "restarts" else expired
        first = "follow" not in script.title.lower()
        text = fill_placeholders(script.text, dana, prospect="John" if n % 2 == 0 else None)
        report = analyze(transcript, script=text, profile=dana, time_limit=script.time_limit or 30.0,
                         first_attempt=first)
        audio = _wav(tmp / f"{name}.wav", 0.4) if n < 3 else None
        record = store.save_take(profile_id=dana_id, script_version_id=script.version_id, transcript=transcript,
                                 report=report, audio_path=audio, started_at=f"2026-11-{10 + n:02d}T09:00:00+00:00")
        take_ids.append(record.id)
    expired2 = store.update_script(expired.id, text=script_file.text.replace("Elm Street", "Oak Street"),
                                   time_limit=28)
    transcript = Transcript.from_json((HERE / "takes" / "clean.json").read_text())
    report = analyze(transcript, script=fill_placeholders(expired2.text, dana), profile=dana, time_limit=28)
    store.save_take(profile_id=dana_id, script_version_id=expired2.version_id, transcript=transcript, report=report,
                    started_at="2026-11-20T09:00:00+00:00")
    store.trash_take(take_ids[-1])
    session = store.start_session(dana_id, goals="Number at the start")
    store.add_note(take_ids[0], "Good pace", at_seconds=3.0, session_id=session.id)
    store.end_session(session.id)
    store.close()
    loose = Transcript.from_json((HERE / "takes" / "filler_heavy.json").read_text())
    save_analyzed_take(profile=None, script_text=None, script_title=None, transcript=loose,
                       report=analyze(loose), store=(s := open_store(OUT / "voicecoach.db")))
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.db.execute("VACUUM")
    s.close()
    shutil.rmtree(tmp)
    shutil.rmtree(OUT / "backups", ignore_errors=True)
    for extra in ("voicecoach.db-wal", "voicecoach.db-shm"):
        (OUT / extra).unlink(missing_ok=True)
    summary = {"takes": len(take_ids) + 2, "audio": sorted(p.name for p in (OUT / "takes").iterdir())}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
