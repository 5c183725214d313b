"""The window keeps its preferences in the data folder it was given, whatever bytes that folder's name holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from voicecoach import paths
from voicecoach.ui.prefs import Prefs


@pytest.mark.skipif(os.name != "posix" or not Path("/proc/self/fd").is_dir(), reason="POSIX byte file names")
def test_a_non_utf8_home_keeps_preferences_in_that_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = os.fsdecode(os.fsencode(tmp_path) + b"/practice-\xff")  # one byte that is not UTF-8
    monkeypatch.setenv("VOICECOACH_HOME", home)
    Prefs().set("window/last_device", "USB mic")
    assert os.listdir(os.fsencode(tmp_path)) == [b"practice-\xff"], "no second folder beside it"
    assert (paths.config_dir() / "voicecoach-ui.ini").is_file()
    assert Prefs().get("window/last_device") == "USB mic"
