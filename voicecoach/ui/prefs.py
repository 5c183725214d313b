"""UI preferences (window geometry, last device, current rep, thresholds) in QSettings.

Domain data lives in SQLite; what only this desktop's user cares about lives here, in an INI file under
the config folder so that ``VOICECOACH_HOME`` (tests, portable installs) moves it too.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from PySide6.QtCore import QSettings

from voicecoach import paths
from voicecoach.core.settings import Settings
from voicecoach.ui.qt_paths import qt_name

__all__ = ["Prefs"]


class Prefs:
    def __init__(self) -> None:
        folder = paths.config_dir()
        # A read-only data folder: the app still starts (and says why); preference changes are then not kept.
        with contextlib.suppress(OSError):
            paths.ensure_dir(folder)
        self.qsettings = QSettings(qt_name(folder / "voicecoach-ui.ini"), QSettings.Format.IniFormat)

    def get(self, key: str, default: Any = None) -> Any:
        return self.qsettings.value(key, default)

    def set(self, key: str, value: Any) -> None:
        if value is None:
            self.qsettings.remove(key)
        else:
            self.qsettings.setValue(key, value)
        self.qsettings.sync()

    # -- typed helpers -------------------------------------------------------------------------------
    def get_int(self, key: str) -> int | None:
        value = self.get(key)
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def analysis_settings(self) -> Settings:
        """The thresholds the rep chose; a damaged entry falls back to the defaults."""
        raw = self.get("analysis/settings")
        if not raw:
            return Settings()
        try:
            return Settings.from_dict(json.loads(str(raw)))
        except (ValueError, TypeError):
            return Settings()

    def set_analysis_settings(self, settings: Settings) -> None:
        defaults = Settings().to_dict()
        changed = {k: v for k, v in settings.to_dict().items() if defaults.get(k) != v}
        self.set("analysis/settings", json.dumps(changed) if changed else None)

    @property
    def model_folder(self) -> str | None:
        value = self.get("model/folder")
        return str(value) if value else None

    @model_folder.setter
    def model_folder(self, value: str | None) -> None:
        self.set("model/folder", value or None)

    @property
    def input_device(self) -> str | None:
        value = self.get("audio/device")
        return str(value) if value not in (None, "") else None

    @input_device.setter
    def input_device(self, value: str | None) -> None:
        self.set("audio/device", value)

    @property
    def current_profile_id(self) -> int | None:
        return self.get_int("profile/current")

    @current_profile_id.setter
    def current_profile_id(self, value: int | None) -> None:
        self.set("profile/current", value)
