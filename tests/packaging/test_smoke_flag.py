"""The hidden `--smoke-test` flag the packaged-app test relies on, checked from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from voicecoach.__main__ import main


def test_flag_opens_the_window_and_exits_zero(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VOICECOACH_HOME=str(tmp_path))
    env.pop("VOICECOACH_MODEL", None)
    result = subprocess.run(
        [sys.executable, "-m", "voicecoach", "--smoke-test"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("smoke test: main window 'VoiceCoach")
    assert lines[-1].startswith("smoke test: start-up work finished after")


def test_flag_is_not_an_option_of_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["analyze", "--smoke-test"])
    assert info.value.code == 2
    assert "--smoke-test" in capsys.readouterr().err
