"""The Linux menu entry: a valid .desktop file, and an installer that points it at the unpacked folder."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_has_what_menus_need() -> None:
    entry = _entry(LINUX / "voicecoach.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "VoiceCoach"
    assert entry["Exec"] == "voicecoach"
    assert entry["Icon"] == "voicecoach"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    # Qt sets the window class from the application name; the dock groups windows by it.
    assert entry["StartupWMClass"] == "VoiceCoach"


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_installer_points_the_entry_at_the_folder_and_removes_it(tmp_path: Path) -> None:
    app = tmp_path / "Voice Coach"  # a space, as in a folder a user might pick
    app.mkdir()
    for name in ("voicecoach.desktop", "install-desktop-entry.sh"):
        shutil.copy2(LINUX / name, app / name)
    (app / "voicecoach").write_text("#!/bin/sh\n", encoding="utf-8")
    (app / "voicecoach.png").write_bytes(b"\x89PNG")
    data = tmp_path / "data"
    env = dict(os.environ, XDG_DATA_HOME=str(data), HOME=str(tmp_path))

    subprocess.run(["sh", str(app / "install-desktop-entry.sh")], check=True, env=env, capture_output=True)
    installed = _entry(data / "applications" / "voicecoach.desktop")
    assert installed["Exec"] == f'"{app}/voicecoach"'
    assert installed["TryExec"] == f"{app}/voicecoach"
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "voicecoach.png").read_bytes() == b"\x89PNG"

    subprocess.run(["sh", str(app / "install-desktop-entry.sh"), "--remove"], check=True, env=env, capture_output=True)
    assert not (data / "applications" / "voicecoach.desktop").exists()
    assert not (data / "icons" / "hicolor" / "256x256" / "apps" / "voicecoach.png").exists()
