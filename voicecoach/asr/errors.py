"""Errors of the speech adapter: what is wrong with the model, and what fixes it.

`str(exc)` says what is wrong (which folder, which file is missing, how far a download got); the remedies
(download the model, choose a folder) are worded by each face: a command on the command line, a button in
the window (see ``core.remedy``).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from voicecoach.core.remedy import Problem, Remedy

__all__ = [
    "FIND_OR_FETCH",
    "DownloadCancelled",
    "DownloadError",
    "ModelError",
    "ModelErrorKind",
    "ModelInvalidError",
    "ModelNotFoundError",
]

FIND_OR_FETCH: tuple[Remedy, ...] = (Remedy.DOWNLOAD_MODEL, Remedy.CHOOSE_MODEL_FOLDER)


class ModelErrorKind(Enum):
    NOT_FOUND = "not found"
    INVALID = "invalid"
    UNAVAILABLE = "recognition unavailable"
    DOWNLOAD_FAILED = "download failed"
    INTERRUPTED = "download interrupted"
    CANCELLED = "download cancelled"


class ModelError(Problem):
    """The speech model cannot be used; the message says why, ``remedies`` what fixes it.

    ``setting`` names the environment variable the folder came from (VOICECOACH_MODEL), if it did.
    """

    kind: ModelErrorKind = ModelErrorKind.INVALID
    remedies: tuple[Remedy, ...] = FIND_OR_FETCH

    def __init__(self, message: str, *, path: Path | None = None, setting: str | None = None,
                 kind: ModelErrorKind | None = None, remedies: tuple[Remedy, ...] | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.setting = setting
        if kind is not None:
            self.kind = kind
        if remedies is not None:
            self.remedies = remedies


class ModelNotFoundError(ModelError):
    """No model folder was found where the app looks."""

    kind = ModelErrorKind.NOT_FOUND


class ModelInvalidError(ModelError):
    """A folder was found, but it is not a usable Vosk model (missing, empty or corrupt files)."""


class DownloadError(ModelError):
    """Downloading or unpacking a model failed; nothing half-written is left except a resumable part file."""

    kind = ModelErrorKind.DOWNLOAD_FAILED
    remedies = (Remedy.DOWNLOAD_MODEL,)


class DownloadCancelled(DownloadError):
    """The user cancelled a download; the part file is kept so the next attempt resumes."""

    kind = ModelErrorKind.CANCELLED
