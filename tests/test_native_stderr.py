"""What C libraries print on stderr (libmpg123, PortAudio, ALSA) stays out of what the user reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, env=full)


def _damaged_mp3(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(b"ID3" + bytes(range(256)) * 20)  # an ID3 tag that libmpg123 complains about
    return bad


def test_a_damaged_mp3_gives_one_line_without_decoder_chatter(tmp_path: Path) -> None:
    bad = _damaged_mp3(tmp_path)
    done = _run("-m", "voicecoach", "analyze", str(bad))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("voicecoach: "), done.stderr
    assert "libmpg123" not in done.stderr and "regular file (possibly a pipe?)" not in done.stderr


CODE = """
import logging, os, sys
logging.basicConfig(level=logging.DEBUG, stream=sys.stdout, format="%(message)s")
from voicecoach.native_stderr import quiet_native_stderr
with quiet_native_stderr():
    with quiet_native_stderr():
        os.write(2, b"ALSA lib pcm.c: Unknown PCM cards.pcm.rear\\n")
    os.write(2, b"still inside\\n")
os.write(2, b"after\\n")
"""


def test_native_output_goes_to_the_debug_log_and_can_be_let_through() -> None:
    done = _run("-c", CODE)
    assert done.stderr == "after\n"
    assert "native library output: ALSA lib pcm.c" in done.stdout and "still inside" in done.stdout
    shown = _run("-c", CODE, env={"VOICECOACH_NATIVE_STDERR": "1"})
    assert "ALSA lib" in shown.stderr and "still inside" in shown.stderr
