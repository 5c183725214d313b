"""Opening a folder in the file manager, or saying where it is when none can (the path is copied)."""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from voicecoach.ui import words
from voicecoach.ui.messages import BannerKey, Level

if TYPE_CHECKING:
    from voicecoach.ui.context import AppContext

__all__ = ["FOLDER_OPENER", "open_folder"]

# On Linux, Qt hands a folder to xdg-open and reports success as soon as it starts, even when xdg-open then
# finds no file manager; run it here and read its exit status instead.
FOLDER_OPENER: tuple[str, ...] = ("xdg-open",) if sys.platform.startswith("linux") else ()


def open_folder(parent: QObject, ctx: AppContext, folder: str, opener: tuple[str, ...] | None = None) -> bool:
    """Open ``folder`` in the file manager (``opener``, else FOLDER_OPENER); without one, say where it is (and
    copy the path)."""
    opener = FOLDER_OPENER if opener is None else opener
    if opener and shutil.which(opener[0]):
        process = QProcess(parent)
        process.finished.connect(lambda code, _status: _no_file_manager(ctx, folder) if code else None)
        process.errorOccurred.connect(lambda _error: _no_file_manager(ctx, folder))
        process.start(opener[0], [*opener[1:], folder])
        return True
    if QDesktopServices.openUrl(QUrl.fromLocalFile(folder)):
        return True
    _no_file_manager(ctx, folder)
    return False


def _no_file_manager(ctx: AppContext, folder: str) -> None:
    QApplication.clipboard().setText(folder)
    ctx.post(words.no_file_manager(folder), Level.WARNING, key=BannerKey.OPEN_FOLDER)
