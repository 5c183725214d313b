"""The command line's words for a remedy: the command to run (the window offers a button instead).

``error_line`` is the one line a failed command prints: what the adapter says is wrong, then what to run.
It reads the failure's structure (``core.remedy.Problem``), also through a CliError that wraps it.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from voicecoach.core.remedy import Problem, Remedy, problem_of

__all__ = ["command_for", "error_line"]


def _download(problem: Problem) -> str:
    from voicecoach.asr.errors import ModelErrorKind

    again = " again to resume" if problem.kind is ModelErrorKind.INTERRUPTED else ""
    return f"run `voicecoach model download`{again}"


def _restore(problem: Problem) -> str:
    backup = getattr(problem, "backup", None)
    name = f"the last backup, {backup.name}," if backup is not None else "the last backup"
    return f"restore {name} with `voicecoach restore-backup --yes` (the damaged file is kept aside, not deleted)"


def _free_space(problem: Problem) -> str:
    if problem.path is None:
        return "free space on the disk"
    return f"`du -sh {shlex.quote(str(problem.path))}/*` shows what uses the space"


def _device(problem: Problem) -> str:
    return "run `voicecoach devices` to see the microphones, and pass one with --device"


_WORDS: dict[Remedy, Callable[[Problem], str]] = {
    Remedy.DOWNLOAD_MODEL: _download,
    Remedy.CHOOSE_MODEL_FOLDER: lambda _p: ("pass --model DIR (or set VOICECOACH_MODEL) for an unpacked Vosk model "
                                            "folder"),
    Remedy.CHECK_MICROPHONE: _device,
    Remedy.INSTALL_PORTAUDIO: lambda _p: ("install it with `sudo apt-get install libportaudio2` (or your system's "
                                          "PortAudio package)"),
    Remedy.FREE_DISK_SPACE: _free_space,
    Remedy.RESTORE_BACKUP: _restore,
    Remedy.MAKE_FOLDER_WRITABLE: lambda _p: ("make it writable (or set VOICECOACH_HOME to a writable folder) and "
                                             "run the command again"),
    Remedy.UPDATE_APP: lambda _p: "install a newer VoiceCoach to open it",
}


def command_for(remedy: Remedy, problem: Problem) -> str:
    """What to run for ``remedy``, with the facts of ``problem`` filled in."""
    return _WORDS[remedy](problem)


def error_line(exc: BaseException) -> str:
    """``exc`` as the command line prints it: the message, then "Fix:" and the commands of its remedies."""
    text = str(exc).strip()
    problem = problem_of(exc)
    if problem is None:
        return text
    setting = getattr(problem, "setting", None)
    if setting and not text.startswith(setting):
        text = f"{setting}: {text}"
    if not problem.remedies:
        return text
    fixes = ", or ".join(command_for(remedy, problem) for remedy in problem.remedies)
    return f"{text} Fix: {fixes}." if text[-1:] == "." else f"{text}; fix: {fixes}."
