"""Crash leftovers in the takes folder are removed at start; anything that may still be needed stays."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.storage.builders import report_dict, transcript_of
from voicecoach.storage import Store, open_store
from voicecoach.storage.cleanup import QUIET_SECONDS, clean_take_files


def later() -> float:
    """A "now" for the clean-up at which every file made so far counts as quiet."""
    return time.time() + QUIET_SECONDS + 60


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _save(store: Store, rep_and_script: tuple[int, Any], audio: Path) -> Path:
    pid, script = rep_and_script
    take = store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                           report=report_dict(), audio_path=audio)
    assert take.audio_path is not None
    return take.audio_path


def test_leftovers_go_and_everything_that_may_be_needed_stays(store: Store, rep_and_script: tuple[int, Any],
                                                               tmp_path: Path) -> None:
    recording = tmp_path / "take-1.wav"
    recording.write_bytes(b"RIFF saved take")
    saved = _save(store, rep_and_script, recording)
    pending = tmp_path / "take-2.wav"
    pending.write_bytes(b"RIFF waiting for the model")
    folder = store.takes_dir
    dead_part = folder / f"x.wav.{_dead_pid()}-ab12cd34.part"
    live_part = folder / f"y.wav.{os.getpid()}-ab12cd34.part"
    old_part = folder / "z.wav.part"
    copy_of_saved = folder / "11111111-dup.wav"
    copy_of_pending = folder / "22222222-dup.wav"
    only_copy = folder / "33333333-only.wav"  # e.g. after restoring an older backup
    for path, data in ((dead_part, b"half"), (live_part, b"half"), (old_part, b"half"),
                       (copy_of_saved, saved.read_bytes()), (copy_of_pending, pending.read_bytes()),
                       (only_copy, b"RIFF no other copy")):
        path.write_bytes(data)
    cleaned = clean_take_files(store, [pending], now=later())
    assert set(cleaned.removed) == {dead_part, old_part, copy_of_saved, copy_of_pending}
    assert cleaned.kept_unreferenced == (only_copy,)
    assert sorted(p.name for p in folder.iterdir()) == sorted([saved.name, live_part.name, only_copy.name])


def test_fresh_files_may_belong_to_a_save_in_progress(store: Store, rep_and_script: tuple[int, Any],
                                                      tmp_path: Path) -> None:
    recording = tmp_path / "take-1.wav"
    recording.write_bytes(b"RIFF audio")
    saved = _save(store, rep_and_script, recording)
    renamed_not_committed = store.takes_dir / "44444444-new.wav"
    renamed_not_committed.write_bytes(saved.read_bytes())
    old_style_part = store.takes_dir / "55555555.wav.part"
    old_style_part.write_bytes(b"being copied")
    assert clean_take_files(store, [recording]).removed == ()
    assert renamed_not_committed.exists() and old_style_part.exists()


SAVER = """
import sys, time
from pathlib import Path
from tests.storage.builders import ANN, report_dict, transcript_of
from voicecoach.storage import open_store
store = open_store(Path(sys.argv[1]))
pid = store.add_profile(ANN) if not store.list_profiles() else store.list_profiles()[0].id
script = store.add_script("s", "hi there", time_limit=30)
audio = Path(sys.argv[2])
print("ready", flush=True)
while True:
    store.save_take(profile_id=pid, script_version_id=script.version_id, transcript=transcript_of("hi"),
                    report=report_dict(), audio_path=audio)
"""


@pytest.mark.slow
def test_after_kills_mid_save_the_folder_holds_only_what_takes_refer_to(tmp_path: Path) -> None:
    db = tmp_path / "data" / "voicecoach.db"
    audio = tmp_path / "rec.wav"
    audio.write_bytes(b"RIFF" + os.urandom(3_000_000))  # big enough that a kill often lands mid-copy
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    for n in range(8):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(db), str(audio)], stdout=subprocess.PIPE,
                                text=True, env=env, cwd=Path(__file__).parents[2])
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.03 * n)  # the kill lands at a different point of a save each round
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with open_store(db) as store:
        referenced = {Path(r["audio_path"]).name for r in store.query("SELECT audio_path FROM takes")}
        clean_take_files(store, [audio], now=later())
        assert {p.name for p in store.takes_dir.iterdir()} == referenced
