"""Reading the files a rep hands the app (transcripts, scripts, profiles, settings) without being hurt by them.

Every input file goes through here, so the same promises hold for all of them: only regular files are
opened (a FIFO would block forever), a size bound is checked before reading, a UTF-8 byte-order mark is
accepted (Windows editors write one), JSON nested deeper than any real file or with a 5000-digit number is
refused with a sentence instead of a RecursionError or an interpreter message. The bounds themselves are
here too: a voicemail take is not 100,000 words, and saying so early keeps every later step fast.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_AUDIO_SECONDS",
    "MAX_NAME_CHARS",
    "MAX_NESTING",
    "MAX_SCRIPT_BYTES",
    "MAX_SCRIPT_CHARS",
    "MAX_SMALL_FILE_BYTES",
    "MAX_TRANSCRIPT_BYTES",
    "MAX_TRANSCRIPT_WORDS",
    "MAX_WORD_CHARS",
    "InputFileError",
    "check_analysis_inputs",
    "check_length",
    "check_nesting",
    "check_regular_file",
    "control_character",
    "loads_json",
    "loads_toml",
    "read_json",
    "read_text",
    "read_toml",
    "strip_bom",
]

#: A voicemail script is read in under a minute (about 500 characters); 10,000 is over ten minutes aloud.
MAX_SCRIPT_CHARS = 10_000
#: A prospect's or a referral's name.
MAX_NAME_CHARS = 200
#: Words in one take: ten minutes (the longest take `record` makes) of very fast speech is about 2,500.
#: With MAX_SCRIPT_CHARS this also bounds the script alignment, whose cost grows with both lengths.
MAX_TRANSCRIPT_WORDS = 5_000
#: Letters in one word that are pronounced or sound-matched: the longest English words have about 45; a
#: longer "word" (a URL run together, junk in a file) is matched by its letters only, so the work per word
#: stays bounded (a pronunciation guess grows with the word and crashed on 400,000 letters).
MAX_WORD_CHARS = 64
#: Audio analysed or transcribed, checked from the file's header before anything is decoded: a voicemail
#: is under a minute and `record` stops at ten.
MAX_AUDIO_SECONDS = 600.0
#: File sizes read before anything is parsed.
MAX_TRANSCRIPT_BYTES = 16 * 1024 * 1024
MAX_SCRIPT_BYTES = 4 * MAX_SCRIPT_CHARS  # UTF-8 is at most 4 bytes a character
MAX_SMALL_FILE_BYTES = 1024 * 1024  # profiles and settings
#: Deeper JSON/TOML than this is not a file this app wrote or documents.
MAX_NESTING = 64
#: Digits in one JSON integer (a time or a threshold); longer ones are read as floats (and so as infinity).
_MAX_INT_DIGITS = 30


class InputFileError(ValueError):
    """A file that cannot be used as input; ``str(exc)`` names the file and what is wrong."""


def check_regular_file(path: str | Path, what: str) -> Path:
    """The path, when it is an existing regular file; otherwise a clear InputFileError.

    Checked with stat() before opening, because opening a FIFO for reading blocks until a writer comes.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputFileError(f"cannot read {what} {p}: file not found") from None
    except OSError as exc:
        raise InputFileError(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputFileError(f"{what} {p} is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError(f"{what} {p} is not a regular file (a pipe or a device): save it to a file first")
    return p


def read_text(path: str | Path, what: str, max_bytes: int) -> str:
    """A regular file's UTF-8 text (a leading byte-order mark dropped), refused above ``max_bytes``."""
    p = check_regular_file(path, what)
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the check, open() still returns at once.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise InputFileError(f"{what} {p} is not a regular file")
            raw = f.read(max_bytes + 1)
    except OSError as exc:
        raise InputFileError(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise InputFileError(f"{what} {p} is larger than {_size(max_bytes)}: that is not a {what} file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(f"{what} {p} is not UTF-8 text") from None


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _int_or_float(digits: str) -> int | float:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else float(digits)


def loads_json(text: str) -> Any:
    """json.loads that never raises anything but ValueError (JSONDecodeError is one) with a clear text."""
    try:
        data = json.loads(strip_bom(text), parse_int=_int_or_float)
    except RecursionError:
        raise ValueError(f"it is nested more than {MAX_NESTING} levels deep") from None
    check_nesting(data)
    return data


def loads_toml(text: str) -> dict[str, Any]:
    """tomllib.loads with the same promises as loads_json (TOMLDecodeError is a ValueError)."""
    try:
        data = tomllib.loads(strip_bom(text))
    except RecursionError:
        raise ValueError(f"it is nested more than {MAX_NESTING} levels deep") from None
    check_nesting(data)
    return data


def check_nesting(data: Any, limit: int = MAX_NESTING) -> None:
    """Raise ValueError when lists/objects nest deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children: Any = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    raise ValueError(f"it is nested more than {limit} levels deep")
                stack.append((child, depth + 1))


def read_json(path: str | Path, what: str, max_bytes: int = MAX_SMALL_FILE_BYTES) -> Any:
    """A JSON file's value; InputFileError naming the file for anything wrong with it."""
    return _parse(path, what, max_bytes, loads_json, "JSON")


def read_toml(path: str | Path, what: str, max_bytes: int = MAX_SMALL_FILE_BYTES) -> dict[str, Any]:
    return _parse(path, what, max_bytes, loads_toml, "TOML")  # type: ignore[no-any-return]


def _parse(path: str | Path, what: str, max_bytes: int, loads: Callable[[str], Any], kind: str) -> Any:
    text = read_text(path, what, max_bytes)
    try:
        return loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{what} {path} is not JSON ({exc.msg} at line {exc.lineno})") from None
    except ValueError as exc:
        raise InputFileError(f"{what} {path} is not valid {kind}: {exc}") from None


def check_analysis_inputs(words: int, script: str | None, names: tuple[str | None, ...]) -> None:
    """Refuse, in a sentence, a take or a script beyond the bounds, before any work that grows with them."""
    if words > MAX_TRANSCRIPT_WORDS:
        raise ValueError(f"the take has {words:,} words; the most this app analyses is {MAX_TRANSCRIPT_WORDS:,} "
                         "(a voicemail is a few hundred)")
    check_length(script or "", "script", MAX_SCRIPT_CHARS)
    for name in names:
        check_length(name or "", "prospect or referral name", MAX_NAME_CHARS)


def check_length(text: str, what: str, limit: int) -> str:
    """The text, or ValueError when it is longer than ``limit`` characters."""
    if len(text) > limit:
        raise ValueError(f"the {what} is {len(text):,} characters long; the most this app reads is {limit:,}")
    return text


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"


def control_character(text: str) -> str | None:
    """The first control character in a one-line value (a name, a topic, a cell), as ``U+001B``; None when
    there is none. Such a character is never typed on purpose, and printed raw it can rewrite a terminal."""
    for ch in text:
        if (ord(ch) < 0x20 and ch not in "\t\n\r") or 0x7F <= ord(ch) < 0xA0:
            return f"U+{ord(ch):04X}"
    return None
