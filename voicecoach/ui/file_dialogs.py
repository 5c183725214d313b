"""File dialogs that start where the user keeps documents, never in the program's own folder.

A bare file name as the dialog's start ("session.html") opens the process's working directory, which
for a desktop launch is wherever the app happens to be installed. The last folder used is remembered.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from voicecoach.ui.prefs import Prefs

__all__ = ["ask_open_path", "ask_save_path", "documents_dir", "start_dir"]

_LAST = "dialogs/last_folder"


def documents_dir() -> Path:
    for kind in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(kind)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def start_dir(prefs: Prefs | None) -> Path:
    last = prefs.get(_LAST) if prefs is not None else None
    return Path(str(last)) if last and Path(str(last)).is_dir() else documents_dir()


def _remember(prefs: Prefs | None, chosen: str) -> Path | None:
    if not chosen:
        return None
    path = Path(chosen)
    if prefs is not None:
        prefs.set(_LAST, str(path.parent))
    return path


def ask_save_path(parent: QWidget | None, prefs: Prefs | None, title: str, file_name: str,
                  filters: str) -> Path | None:
    """Where to save, starting in the last folder used (Documents the first time); None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start_dir(prefs) / file_name), filters)
    return _remember(prefs, chosen)


def ask_open_path(parent: QWidget | None, prefs: Prefs | None, title: str, filters: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_dir(prefs)), filters)
    return _remember(prefs, chosen)
