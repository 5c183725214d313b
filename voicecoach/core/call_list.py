"""Before a call block: a call list (CSV) of prospects, each at some attempt of a cadence.

The file has a header row; columns (any order, case-insensitive): ``prospect`` (or ``name``, required),
``company``, ``trigger`` (or ``note``: the reason to call now, filling ``{trigger}``) and ``attempt``
(required, 1 … the cadence's last). Blank lines are skipped. Every mistake is a ``CallListError`` naming the
line. Nothing is dialled and nothing leaves the computer: the list only says which voicemail to rehearse
for whom, with ``{prospect}`` and ``{trigger}`` filled in.
"""

from __future__ import annotations

import csv
import difflib
import io
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from voicecoach.core.inputs import MAX_NAME_CHARS, MAX_SMALL_FILE_BYTES, control_character, read_text, strip_bom

__all__ = [
    "MAX_CALLS",
    "MAX_TRIGGER_CHARS",
    "Call",
    "CallListError",
    "call_summary",
    "load_call_list",
    "parse_call_list",
]

MAX_CALLS = 1000
MAX_TRIGGER_CHARS = 300
_COLUMNS = {"prospect": "prospect", "name": "prospect", "company": "company", "trigger": "trigger",
            "note": "trigger", "attempt": "attempt"}


class CallListError(ValueError):
    """A call list that cannot be read (one sentence naming the line)."""


@dataclass(frozen=True, slots=True)
class Call:
    line: int
    prospect: str
    attempt: int
    company: str | None = None
    trigger: str | None = None


def load_call_list(path: str | Path, attempts: int | None = None) -> tuple[Call, ...]:
    try:
        text = read_text(path, "call list", MAX_SMALL_FILE_BYTES)
    except ValueError as exc:
        raise CallListError(str(exc)) from None
    return parse_call_list(text, attempts)


def parse_call_list(text: str, attempts: int | None = None) -> tuple[Call, ...]:
    """The calls of a CSV text; ``attempts`` (the cadence's number of attempts) bounds the attempt column."""
    rows = csv.reader(io.StringIO(strip_bom(text), newline=""), strict=True)
    try:
        header = next(rows, None)
        if header is None:
            raise CallListError("the call list is empty: give a header row (prospect,company,trigger,attempt)")
        columns = _columns(header)
        calls = tuple(_call(rows.line_num, _cells(rows.line_num, columns, row), attempts) for row in _rows(rows))
    except csv.Error as exc:
        raise CallListError(f"the call list is not valid CSV (line {rows.line_num}): {exc}") from None
    if not calls:
        raise CallListError("the call list has a header but no prospects")
    _no_repeats(calls)
    return calls


def _cells(line: int, columns: list[str], row: list[str]) -> dict[str, str]:
    """The row by column; more cells than the header (an unquoted comma in a note) is a mistake, not data to
    drop. Fewer is fine: trailing empty cells are often left out."""
    if len(row) > len(columns) and any(cell.strip() for cell in row[len(columns):]):
        raise CallListError(f"line {line} of the call list has {len(row)} cells; the header has {len(columns)} "
                            "(put a note with a comma in quotes)")
    for cell in row:
        bad = control_character(cell)
        if bad:
            raise CallListError(f"line {line} of the call list has a control character ({bad}); save it as plain text")
    return dict(zip(columns, row, strict=False))


def _no_repeats(calls: tuple[Call, ...]) -> None:
    """One row per prospect: the same name at the same company twice would leave it unclear which attempt
    they are at."""
    seen: dict[tuple[str, str], Call] = {}
    for call in calls:
        key = (call.prospect.casefold(), (call.company or "").casefold())
        first = seen.setdefault(key, call)
        if first is not call:
            who = first.prospect + (f" ({first.company})" if first.company else "")
            raise CallListError(f"line {call.line} of the call list repeats {who} from line {first.line}: "
                                "keep one row per prospect, at the attempt they are at")


def _rows(rows: Iterable[list[str]]) -> Iterable[list[str]]:
    for n, row in enumerate(row for row in rows if any(cell.strip() for cell in row)):
        if n >= MAX_CALLS:
            raise CallListError(f"the call list has more than {MAX_CALLS} prospects; split it")
        yield row


def _columns(header: list[str]) -> list[str]:
    columns: list[str] = []
    for cell in header:
        key = cell.strip().lower()
        if key not in _COLUMNS:
            near = difflib.get_close_matches(key, list(_COLUMNS), n=1)
            hint = f" (did you mean {near[0]}?)" if near else " (columns: prospect, company, trigger, attempt)"
            raise CallListError(f"the call list's header has an unknown column {_SHORT.repr(cell.strip())}{hint}")
        if _COLUMNS[key] in columns:
            why = "prospect and name are one column" if _COLUMNS[key] == "prospect" else "keep one"
            raise CallListError(f"the call list's header has the column {_COLUMNS[key]} twice ({why})")
        columns.append(_COLUMNS[key])
    for needed in ("prospect", "attempt"):
        if needed not in columns:
            raise CallListError(f"the call list's header has no {needed} column")
    return columns


def _call(line: int, cells: dict[str, str], attempts: int | None) -> Call:
    prospect = " ".join(cells.get("prospect", "").split())
    if not prospect:
        raise CallListError(f"line {line} of the call list has no prospect name")
    raw = cells.get("attempt", "").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 3) or not 1 <= int(raw) <= (attempts or 99):
        span = f"1 to {attempts}" if attempts else "1 or more"
        raise CallListError(f"line {line} of the call list: attempt must be a whole number from {span}, "
                            f"got {_SHORT.repr(raw)}")
    company = " ".join(cells.get("company", "").split()) or None
    trigger = " ".join(cells.get("trigger", "").split()) or None
    for what, value, limit in (("prospect", prospect, MAX_NAME_CHARS), ("company", company, MAX_NAME_CHARS),
                               ("trigger", trigger, MAX_TRIGGER_CHARS)):
        if value and len(value) > limit:
            raise CallListError(f"line {line} of the call list: the {what} is {len(value)} characters; "
                                f"the most is {limit}")
    return Call(line, prospect, int(raw), company, trigger)


_SHORT = reprlib.Repr()
_SHORT.maxstring = 60


def call_summary(ready: Iterable[bool]) -> str:
    """"8 prospects: 6 ready, 2 to practise"."""
    flags = list(ready)
    done = sum(flags)
    noun = "prospect" if len(flags) == 1 else "prospects"
    if done == len(flags):
        return f"{len(flags)} {noun}: all ready"
    return f"{len(flags)} {noun}: {done} ready, {len(flags) - done} to practise"
