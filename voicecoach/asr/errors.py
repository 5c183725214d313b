"""Errors of the speech adapter, each with a message a user can act on.

`str(exc)` is the whole story (what is wrong, and what to do about it), so the CLI prints it as one line
and the GUI shows it in a dialog without knowing which failure it was.
"""

from __future__ import annotations


class ModelError(Exception):
    """The speech model cannot be used; the message says why and how to fix it."""


class ModelNotFoundError(ModelError):
    """No model folder was found where the app looks."""


class ModelInvalidError(ModelError):
    """A folder was found, but it is not a usable Vosk model (missing, empty or corrupt files)."""


class DownloadError(ModelError):
    """Downloading or unpacking a model failed; nothing half-written is left except a resumable part file."""


class DownloadCancelled(DownloadError):
    """The user cancelled a download; the part file is kept so the next attempt resumes."""


FIX_HINT = (
    "Fix: run `voicecoach model download`, choose a model folder in Settings (or pass --model DIR), "
    "or set VOICECOACH_MODEL to an unpacked Vosk model folder."
)
