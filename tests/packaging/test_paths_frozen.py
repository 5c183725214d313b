"""The packaged app finds assets/ and vosk-model/ the way the checkout does.

PyInstaller 6 puts everything but the executable in `_internal/` and points sys._MEIPASS there; the
spec puts assets/ and vosk-model/ at the top of that folder, so `app_root()` must be sys._MEIPASS.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from voicecoach import paths

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_root_holds_assets_and_the_model_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.app_root() == ROOT
    assert paths.assets_dir() == ROOT / "assets"
    assert paths.bundled_model_dir() == ROOT / "vosk-model"
    assert (paths.bundled_model_dir() / "manifest.json").is_file()


def test_frozen_app_uses_the_pyinstaller_contents_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    internal = tmp_path / "VoiceCoach" / "_internal"
    internal.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert paths.app_root() == internal
    assert paths.assets_dir() == internal / "assets"
    assert paths.bundled_model_dir() == internal / "vosk-model"


def test_user_data_stays_outside_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The package folder may be read-only (/opt, a mounted .dmg): data never goes there."""
    internal = tmp_path / "VoiceCoach" / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.delenv("VOICECOACH_HOME")
    for folder in (paths.data_dir(), paths.config_dir(), paths.user_models_dir(), paths.takes_dir()):
        assert not folder.is_relative_to(tmp_path)
