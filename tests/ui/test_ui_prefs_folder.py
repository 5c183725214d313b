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


@pytest.mark.skipif(os.name != "posix" or not Path("/proc/self/fd").is_dir(), reason="POSIX byte file names")
def test_qt_opens_a_take_in_a_non_utf8_folder(tmp_path: Path) -> None:
    """What playback and the PDF export hand to Qt names the real file, not one in a U+FFFD folder."""
    from PySide6.QtCore import QFile, QIODevice

    from voicecoach.ui.qt_paths import qt_name

    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/takes-\xff"))
    folder.mkdir()
    take = folder / "take.wav"
    take.write_bytes(b"RIFF-and-some-audio")
    qfile = QFile(qt_name(take))
    assert qfile.open(QIODevice.OpenModeFlag.ReadOnly)
    assert bytes(qfile.readAll().data()) == b"RIFF-and-some-audio"
    qfile.close()
    assert qt_name(tmp_path / "plain.wav") == str(tmp_path / "plain.wav")
