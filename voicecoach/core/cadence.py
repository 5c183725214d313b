"""A cadence: the planned series of voicemails for one kind of prospect, one topic each, as a TOML file.

Reps rarely get a callback from the first message, so what they rehearse is the series: attempt 1 … N,
each with its own script, its topic (the one business issue it raises, in a few words) and the day it is
left. The file (docs/cadences.md)::

    name = "Cold series"
    description = "Five voicemails over three weeks"   # optional
    follow_up = false      # optional: true when every prospect was called before (a re-engagement)

    [[attempt]]
    day = 1
    topic = "what homes on your street sell for"
    script = "../scripts/cold-voicemail.txt"           # a script file, relative to this file …

    [[attempt]]
    day = 3
    topic = "the three-bedroom on Maple"
    title = "Maple listing"                              # optional
    limit = 25                                           # optional, seconds
    text = '''                                           # … or the script's text itself
    Hi {prospect}, …'''

Attempts are numbered by their order in the file. Every mistake is a ``CadenceError`` whose text is one
sentence naming the attempt and the key.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path, PurePath
from typing import Any

from voicecoach.core.inputs import (
    MAX_NAME_CHARS,
    MAX_SCRIPT_CHARS,
    check_length,
    control_character,
    loads_toml,
    read_toml,
)
from voicecoach.core.script import ScriptError, ScriptFile, load_script, parse_script

__all__ = [
    "MAX_ATTEMPTS",
    "MAX_CADENCE_BYTES",
    "MAX_DAY",
    "MAX_TOPIC_CHARS",
    "Attempt",
    "Cadence",
    "CadenceError",
    "cadence_from_dict",
    "cadence_to_toml",
    "load_cadence",
    "parse_cadence",
]

MAX_ATTEMPTS = 20
MAX_TOPIC_CHARS = 120
MAX_DAY = 365
MAX_CADENCE_BYTES = 4 * MAX_SCRIPT_CHARS * MAX_ATTEMPTS
_TOP_KEYS = ("name", "description", "follow_up", "attempt")
_ATTEMPT_KEYS = ("day", "topic", "script", "text", "title", "limit", "referral")


class CadenceError(ValueError):
    """A cadence file that cannot be read or that breaks the format (one sentence)."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One voicemail of the series: its number (1-based), the day it is left, its topic and script."""

    number: int
    day: int
    topic: str
    script: ScriptFile
    source: str | None = None  # the script file as written in the cadence, when it named one
    called_before: bool = False  # the cadence's prospects were called before it starts (re-engagement)

    @property
    def follow_up(self) -> bool:
        """From the second attempt on (from the first, for a re-engagement), referring back is honest."""
        return self.number > 1 or self.called_before

    @property
    def title(self) -> str:
        return self.script.title or f"Attempt {self.number}"


@dataclass(frozen=True, slots=True)
class Cadence:
    name: str
    attempts: tuple[Attempt, ...]
    description: str | None = None
    follow_up: bool = False  # every prospect was called before the series starts


    def attempt(self, number: int) -> Attempt:
        """Attempt ``number`` (1-based); a ``CadenceError`` naming the range otherwise."""
        if not 1 <= number <= len(self.attempts):
            raise CadenceError(f"the cadence “{self.name}” has attempts 1 to {len(self.attempts)}, not {number}")
        return self.attempts[number - 1]

    @property
    def topics(self) -> tuple[tuple[int, str], ...]:
        """(attempt number, topic) for every attempt, in order: what a take's judgement carries."""
        return tuple((a.number, a.topic) for a in self.attempts)


def parse_cadence(text: str, *, base: Path | None = None, fallback_name: str | None = None) -> Cadence:
    """A cadence from TOML text. ``base`` is the folder script paths are relative to (None: scripts must be
    given as ``text``). Raises ``CadenceError`` with one sentence."""
    try:
        data = loads_toml(text)
    except ValueError as exc:
        raise CadenceError(f"the cadence is not valid TOML: {exc}") from None
    return cadence_from_dict(data, base=base, fallback_name=fallback_name)


def load_cadence(path: str | Path, *, script_roots: Sequence[Path] = ()) -> Cadence:
    """A cadence file (regular files only, size-bounded); script paths are relative to its folder and must
    stay inside it (``..`` or a symlink leading elsewhere is refused, so a shared cadence cannot pull the rep's
    other files into the app), or inside one of ``script_roots`` (the app's own sample scripts)."""
    p = Path(path)
    try:
        data = read_toml(p, "cadence", MAX_CADENCE_BYTES)
    except ValueError as exc:
        raise CadenceError(str(exc)) from None
    return cadence_from_dict(data, base=p.parent, fallback_name=p.stem.replace("-", " ").replace("_", " "),
                             script_roots=script_roots)


def cadence_from_dict(data: Mapping[str, Any], *, base: Path | None = None,
                      fallback_name: str | None = None, script_roots: Sequence[Path] = ()) -> Cadence:
    _no_unknown(data, _TOP_KEYS, "the cadence")
    name = _optional_text(data, "name", "the cadence", MAX_NAME_CHARS) or fallback_name
    if not name:
        raise CadenceError("the cadence has no name: add name = \"…\" at the top")
    description = _optional_text(data, "description", "the cadence", 1000)
    follow_up = data.get("follow_up", False)
    if not isinstance(follow_up, bool):
        raise CadenceError(f"the cadence: follow_up must be true or false, got {_shown(follow_up)}")
    raw = data.get("attempt")
    if not isinstance(raw, list) or not raw:
        raise CadenceError("the cadence has no attempts: add at least one [[attempt]] table")
    if len(raw) > MAX_ATTEMPTS:
        raise CadenceError(f"the cadence has {len(raw)} attempts; the most is {MAX_ATTEMPTS}")
    roots = (base, *script_roots) if base is not None else ()
    attempts = tuple(replace(_attempt(item, i + 1, base, roots), called_before=follow_up)
                     for i, item in enumerate(raw))
    for before, after in pairwise(attempts):
        if after.day <= before.day:
            raise CadenceError(f"attempt {after.number} is planned for day {after.day}, not after attempt "
                               f"{before.number} (day {before.day}): days must increase")
    return Cadence(name, attempts, description, follow_up)


def _attempt(item: Any, number: int, base: Path | None, roots: Sequence[Path]) -> Attempt:
    where = f"attempt {number}"
    if not isinstance(item, Mapping):
        raise CadenceError(f"{where} is not a table: write it as [[attempt]] with day, topic and a script")
    _no_unknown(item, _ATTEMPT_KEYS, where)
    day = item.get("day")
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= MAX_DAY:
        raise CadenceError(f"{where}: day must be a whole number from 1 to {MAX_DAY}, got {_shown(day)}")
    topic = _optional_text(item, "topic", where, MAX_TOPIC_CHARS)
    if not topic:
        raise CadenceError(f"{where} has no topic: say in a few words the one issue this voicemail raises")
    script, source = _script_of(item, where, base, roots)
    return Attempt(number, day, topic, script, source)


def _script_of(item: Mapping[str, Any], where: str, base: Path | None,
               roots: Sequence[Path]) -> tuple[ScriptFile, str | None]:
    has_file, has_text = "script" in item, "text" in item
    if has_file == has_text:
        raise CadenceError(f"{where}: give either script = \"file.txt\" or text = '''…''', not "
                           f"{'both' if has_file else 'neither'}")
    source = None
    try:
        if has_text:
            text = item["text"]
            if not isinstance(text, str) or not text.strip():
                raise CadenceError(f"{where}: text must be the script's words")
            check_length(text, f"{where}'s script", MAX_SCRIPT_CHARS)
            script = parse_script(text)
        else:
            source = _relative_path(item["script"], where)
            if base is None:
                raise CadenceError(f"{where}: a script file needs the cadence saved as a file; use text = '''…'''")
            script = load_script(_inside(base / source, roots, where, source))
    except (ScriptError, ValueError) as exc:
        if isinstance(exc, CadenceError):
            raise
        raise CadenceError(f"{where}: {exc}") from None
    if not script.text.strip():
        raise CadenceError(f"{where}: the script is empty")
    return _with_overrides(script, item, where), source


def _relative_path(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CadenceError(f"{where}: script must be a file name, got {_shown(value)}")
    if PurePath(value).is_absolute() or value.startswith(("/", "\\", "~")) or ":" in value:
        raise CadenceError(f"{where}: script must be a path relative to the cadence file, got {_shown(value)}")
    return value


def _inside(path: Path, roots: Sequence[Path], where: str, source: str) -> Path:
    """The script's real path (symlinks followed), when it lies inside one of ``roots``."""
    try:
        real = path.resolve()
        allowed = [root.resolve() for root in roots]
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise CadenceError(f"{where}: cannot follow the script path {_shown(source)}: {exc}") from None
    if not any(real.is_relative_to(root) for root in allowed):
        raise CadenceError(f"{where}: the script {_shown(source)} is outside the cadence's folder: keep it beside "
                           "the cadence file, or write the script out as text = '''…'''")
    return real


def _shown(value: Any) -> str:
    """A value as written, cut short: a message names it in one short line, whatever the file holds."""
    return _SHORT.repr(value)


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlong = 40


def _with_overrides(script: ScriptFile, item: Mapping[str, Any], where: str) -> ScriptFile:
    title = _optional_text(item, "title", where, MAX_NAME_CHARS) or script.title
    referral = _optional_text(item, "referral", where, MAX_NAME_CHARS) or script.referral
    limit = item.get("limit", script.time_limit)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit <= 600):
        raise CadenceError(f"{where}: limit must be seconds between 0 and 600, got {_shown(limit)}")
    return replace(script, title=title, referral=referral, time_limit=float(limit) if limit is not None else None)


def _optional_text(data: Mapping[str, Any], key: str, where: str, limit: int) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise CadenceError(f"{where}: {key} must be text in quotes, got {_shown(value)}")
    value = " ".join(value.split())
    if len(value) > limit:
        raise CadenceError(f"{where}: {key} is {len(value)} characters; the most is {limit}")
    if control_character(value):
        raise CadenceError(f"{where}: {key} has a control character ({control_character(value)}); write plain text")
    return value or None


def _no_unknown(data: Mapping[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {near[0]}?)" if near else f" (known: {', '.join(known)})"
            raise CadenceError(f"{where}: unknown key {_shown(key)}{hint}")


def cadence_to_toml(cadence: Cadence) -> str:
    """The cadence as a TOML file with every script written out as ``text`` (self-contained, shareable)."""
    lines = [f"name = {_quote(cadence.name)}"]
    if cadence.description:
        lines.append(f"description = {_quote(cadence.description)}")
    if cadence.follow_up:
        lines.append("follow_up = true")
    for a in cadence.attempts:
        lines += ["", "[[attempt]]", f"day = {a.day}", f"topic = {_quote(a.topic)}"]
        for key, value in (("title", a.script.title), ("referral", a.script.referral)):
            if value:
                lines.append(f"{key} = {_quote(value)}")
        if a.script.time_limit is not None:
            lines.append(f"limit = {a.script.time_limit:g}")
        lines.append(f"text = {_quote(a.script.text)}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """A TOML basic string (newlines and control characters escaped)."""
    escape: dict[str, str] = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = (escape.get(ch) or (f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch) for ch in text)
    return '"' + "".join(out) + '"'

