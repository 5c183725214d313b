"""The command line words each remedy as the command to run, on the one line a failed command prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.asr.errors import DownloadError, ModelErrorKind, ModelNotFoundError
from voicecoach.audio.devices import AudioErrorKind, AudioUnavailableError
from voicecoach.cli.main import CliError, main
from voicecoach.cli.remedies import command_for, error_line
from voicecoach.core.remedy import Problem, Remedy
from voicecoach.storage.errors import CorruptDatabaseError, NewerDatabaseError, ReadOnlyDataError, disk_full_error


def _errors(tmp_path: Path) -> dict[str, tuple[BaseException, str]]:
    return {
        "damaged": (CorruptDatabaseError(tmp_path / "v.db", "malformed", tmp_path / "b.db"),
                    "`voicecoach restore-backup --yes`"),
        "full": (disk_full_error(tmp_path, "nothing was saved"), f"`du -sh {tmp_path}/*`"),
        "read-only": (ReadOnlyDataError(tmp_path, tmp_path), "VOICECOACH_HOME"),
        "newer": (NewerDatabaseError(tmp_path / "v.db", ["0099_x"]), "install a newer VoiceCoach"),
        "no model": (ModelNotFoundError("No speech model found."), "`voicecoach model download`, or pass --model DIR"),
        "interrupted": (DownloadError("The download stopped.", kind=ModelErrorKind.INTERRUPTED),
                        "`voicecoach model download` again to resume"),
        "no microphone": (AudioUnavailableError("no microphone found", AudioErrorKind.NO_INPUT),
                          "`voicecoach devices`"),
        "no PortAudio": (AudioUnavailableError("PortAudio is missing", AudioErrorKind.NO_PORTAUDIO,
                                               remedies=(Remedy.INSTALL_PORTAUDIO,)), "apt-get install libportaudio2"),
    }


@pytest.mark.parametrize("kind", ["damaged", "full", "read-only", "newer", "no model", "interrupted", "no microphone",
                                  "no PortAudio"])
def test_each_kind_of_failure_ends_with_what_to_run(kind: str, tmp_path: Path) -> None:
    exc, command = _errors(tmp_path)[kind]
    line = error_line(exc)
    assert line.startswith(str(exc).rstrip(".")) and command in line and "\n" not in line
    try:  # the subcommands wrap adapter errors in CliError: the remedy comes through
        raise CliError(str(exc)) from exc
    except CliError as wrapped:
        assert error_line(wrapped) == line


def test_every_remedy_has_command_line_words() -> None:
    assert all(command_for(remedy, Problem()) for remedy in Remedy)


def test_a_failed_command_prints_the_fix_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "path", "--model", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err and "Fix: run `voicecoach model download`" in err


def test_a_new_failure_while_handling_one_does_not_take_its_remedy(tmp_path: Path) -> None:
    try:
        try:
            raise ReadOnlyDataError(tmp_path, tmp_path)
        except ReadOnlyDataError:
            raise ValueError("the script has no title") from None  # a wrapper: the remedy comes through
    except ValueError as wrapped:
        assert "VOICECOACH_HOME" in error_line(wrapped)
    try:
        try:
            raise ReadOnlyDataError(tmp_path, tmp_path)
        except ReadOnlyDataError:
            raise ValueError("the script has no title")  # noqa: B904 - another failure, met on the way
    except ValueError as other:
        assert error_line(other) == "the script has no title"
