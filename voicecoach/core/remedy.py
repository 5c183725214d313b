"""What a person can do about a failure, apart from how each face of the app words it.

Adapters (storage, audio, the speech model) raise a :class:`Problem`: a ``kind`` (an enum of that
adapter), the facts that matter (a path, a device, the bytes missing) as attributes, and the
:class:`Remedy` that fixes it. ``str(problem)`` says what is wrong and nothing about how to fix it: the
command line words the remedy as a command to run (cli/remedies.py), the window as a button that does it
(ui/remedies.py). No face reads the message to find out which failure it was.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from pathlib import Path

__all__ = ["Problem", "Remedy", "problem_of"]


class Remedy(StrEnum):
    """One thing to do about a failure."""

    DOWNLOAD_MODEL = "download the model"
    CHOOSE_MODEL_FOLDER = "choose a model folder"
    CHECK_MICROPHONE = "check the microphone"
    INSTALL_PORTAUDIO = "install PortAudio"
    FREE_DISK_SPACE = "free disk space"
    RESTORE_BACKUP = "restore the backup"
    MAKE_FOLDER_WRITABLE = "make the folder writable"
    UPDATE_APP = "update VoiceCoach"


class Problem(Exception):
    """A failure an adapter understood: what kind it is, its facts, and what fixes it.

    Existing error classes derive from it next to their old base (``OSError``, ``RuntimeError``), so the
    callers that catch those keep working. ``path`` and ``device`` are the facts most remedies need; an
    error class adds its own (``backup``, ``free_bytes``…).
    """

    kind: Enum | None = None
    remedies: tuple[Remedy, ...] = ()
    path: Path | None = None
    device: str | None = None

    @property
    def remedy(self) -> Remedy | None:
        """The first thing to try, or None when nothing the person can do helps."""
        return self.remedies[0] if self.remedies else None


def problem_of(exc: BaseException) -> Problem | None:
    """``exc`` itself, or the failure it wraps, if that is a Problem: a wrapper (the command line's
    ``raise CliError(str(exc)) from None``, or ``raise ... from exc``) keeps its cause's kind and remedies. A
    failure merely raised while another was handled does not take on that one's remedies."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, Problem):
            return seen
        seen = seen.__cause__ or (seen.__context__ if seen.__suppress_context__ else None)
    return None
