"""The planned script: its file format, its placeholders, and how a take lines up with it.

A script file is plain text. It may start with a small front-matter block of ``key: value`` lines closed
by a ``---`` line (keys: ``title``, ``limit`` in seconds, ``referral``, ``follow-up``: yes when the
script is for a prospect already called, so mentioning the last message is honest)::

    title: Cold call, listing follow-up
    limit: 25
    referral: Priya Shah
    follow-up: yes
    ---
    Hi {prospect}, this is {name} with {company} ...

Placeholders ({first_name} {name} {company} {phone} {website} {email} {prospect} {referral} {trigger}) are
filled from the rep's profile (and per call: prospect, referral, trigger) so one script serves every rep.
Alignment uses difflib's SequenceMatcher on spoken-form words: what is matched is "covered", spoken words
matched to nothing are "unplanned".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from voicecoach.core.inputs import MAX_SCRIPT_BYTES, MAX_SCRIPT_CHARS, check_length, read_text, strip_bom
from voicecoach.core.profile import Profile
from voicecoach.core.spoken_form import spoken_tokens

__all__ = [
    "PLACEHOLDERS",
    "Alignment",
    "ScriptError",
    "ScriptFile",
    "align",
    "fill_placeholders",
    "load_script",
    "parse_script",
    "placeholders_in",
    "plan_tokens",
]

PLACEHOLDERS: tuple[str, ...] = (
    "first_name", "name", "company", "phone", "website", "email", "prospect", "referral", "trigger",
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_FRONT_KEYS = {"title", "limit", "referral", "time_limit", "follow-up", "follow_up"}
_YES = {"yes", "true", "1", "y", "on"}
_NO = {"no", "false", "0", "n", "off", ""}
# Vosk may print either form; alignment treats them as the same word.
_EQUIVALENT = {"oh": "zero", "o": "zero", "okay": "ok", "alright": "all right"}


class ScriptError(ValueError):
    """A script file that cannot be read or has an invalid front matter."""


@dataclass(frozen=True, slots=True)
class ScriptFile:
    text: str
    title: str | None = None
    time_limit: float | None = None
    referral: str | None = None
    follow_up: bool = False


def parse_script(raw: str) -> ScriptFile:
    """Split optional front matter from the script body (a leading byte-order mark is not text)."""
    raw = strip_bom(raw)
    lines = raw.replace("\r\n", "\n").split("\n")
    try:
        end = next(i for i, line in enumerate(lines) if line.strip() == "---")
    except StopIteration:
        return ScriptFile(raw.strip())
    head = [line for line in lines[:end] if line.strip()]
    fields: dict[str, str] = {}
    for line in head:
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() not in _FRONT_KEYS:
            return ScriptFile(raw.strip())  # not front matter: a "---" inside the text
        fields[key.strip().lower()] = value.strip()
    limit: float | None = None
    raw_limit = fields.get("limit") or fields.get("time_limit")
    if raw_limit:
        try:
            limit = float(raw_limit.lower().removesuffix("s").strip())
        except ValueError:
            raise ScriptError(f"script front matter: limit must be seconds, got {raw_limit!r}") from None
        if not 0 < limit <= 600:
            raise ScriptError(f"script front matter: limit must be between 0 and 600 seconds, got {raw_limit}")
    body = "\n".join(lines[end + 1 :]).strip()
    follow = fields.get("follow-up", fields.get("follow_up", "")).lower()
    if follow not in _YES | _NO:
        raise ScriptError(f"script front matter: follow-up must be yes or no, got {follow!r}")
    return ScriptFile(body, fields.get("title") or None, limit, fields.get("referral") or None, follow in _YES)


def load_script(path: str | Path) -> ScriptFile:
    """A script file (regular files only, UTF-8 with or without a BOM, at most MAX_SCRIPT_CHARS)."""
    p = Path(path)
    try:
        raw = read_text(p, "script", MAX_SCRIPT_BYTES)
        check_length(raw, "script", MAX_SCRIPT_CHARS)
    except ValueError as exc:
        raise ScriptError(str(exc)) from None
    script = parse_script(raw)
    if script.title is None:
        return replace(script, title=p.stem.replace("-", " ").replace("_", " "))
    return script


def placeholders_in(text: str) -> list[str]:
    """Placeholders still present in text, in order of first appearance."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def fill_placeholders(
    text: str, profile: Profile | None, prospect: str | None = None, referral: str | None = None,
    trigger: str | None = None,
) -> str:
    """Replace known placeholders that have a value; leave the others for the lint to report (``trigger``: the
    reason to call now, from a call list)."""
    values: dict[str, str | None] = {"prospect": prospect, "referral": referral, "trigger": trigger}
    if profile is not None:
        values.update(
            first_name=profile.first_name,
            name=profile.name,
            company=profile.company,
            phone=profile.phone,
            website=profile.website,
            email=profile.email,
        )

    def sub(m: re.Match[str]) -> str:
        value = values.get(m.group(1))
        return value if value else m.group(0)

    return _PLACEHOLDER.sub(sub, text)


def _norm(word: str) -> str:
    return _EQUIVALENT.get(word, word)


def plan_tokens(text: str) -> list[str]:
    """The plan's spoken words; unfilled placeholders are dropped (nothing to align them with)."""
    return list(_plan_tokens(text))


@lru_cache(maxsize=64)
def _plan_tokens(text: str) -> tuple[str, ...]:
    # The same script is analysed take after take: convert it once.
    return tuple(spoken_tokens(_PLACEHOLDER.sub(" ", text)))


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a take lines up with the plan."""

    plan: tuple[str, ...]
    matched_plan: tuple[int, ...]
    unplanned: tuple[int, ...]
    spoken_count: int
    matched_spoken: tuple[int, ...] = ()

    @property
    def coverage(self) -> float:
        """Share of the plan's words that were said, in order."""
        return len(self.matched_plan) / len(self.plan) if self.plan else 0.0

    @property
    def unplanned_share(self) -> float:
        return len(self.unplanned) / self.spoken_count if self.spoken_count else 0.0

    @property
    def missed_plan(self) -> tuple[int, ...]:
        matched = set(self.matched_plan)
        return tuple(i for i in range(len(self.plan)) if i not in matched)


def align(plan: Sequence[str], spoken: Sequence[str]) -> Alignment:
    """Match spoken words to plan words in order (difflib, no junk heuristic: short texts)."""
    a = [_norm(w) for w in plan]
    b = [_norm(w) for w in spoken]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched_plan: list[int] = []
    matched_spoken: set[int] = set()
    for block in matcher.get_matching_blocks():
        matched_plan.extend(range(block.a, block.a + block.size))
        matched_spoken.update(range(block.b, block.b + block.size))
    unplanned = tuple(i for i in range(len(b)) if i not in matched_spoken)
    return Alignment(tuple(plan), tuple(matched_plan), unplanned, len(b), tuple(sorted(matched_spoken)))
