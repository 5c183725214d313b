"""Every folder the app reads or writes, in one place.

VOICECOACH_HOME moves all user data (database, takes, models, config) under one folder, which is what the
tests and portable installs use. VOICECOACH_MODEL points at a speech model folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from voicecoach import APP_NAME

_APP_DIR_NAME = "voicecoach"


def _home_override() -> Path | None:
    value = os.environ.get("VOICECOACH_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Database, takes and downloaded models live here."""
    home = _home_override()
    if home is not None:
        return home
    return Path(platformdirs.user_data_dir(_APP_DIR_NAME, appauthor=False))


def config_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "config"
    return Path(platformdirs.user_config_dir(_APP_DIR_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / "voicecoach.db"


def takes_dir() -> Path:
    return data_dir() / "takes"


def backups_dir() -> Path:
    return data_dir() / "backups"


def cadences_dir() -> Path:
    """Cadences the rep saved (TOML files); the samples are in ``assets/cadences``."""
    return data_dir() / "cadences"


def user_models_dir() -> Path:
    return data_dir() / "models"


def app_root() -> Path:
    """The folder holding `assets/` and `vosk-model/`: the source checkout or the packaged app."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return app_root() / "assets"


def bundled_model_dir() -> Path:
    return app_root() / "vosk-model"


def model_override() -> Path | None:
    value = os.environ.get("VOICECOACH_MODEL")
    return Path(value).expanduser() if value else None


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


__all__ = [
    "APP_NAME",
    "app_root",
    "assets_dir",
    "backups_dir",
    "bundled_model_dir",
    "cadences_dir",
    "config_dir",
    "data_dir",
    "database_path",
    "ensure_dir",
    "model_override",
    "takes_dir",
    "user_models_dir",
]
