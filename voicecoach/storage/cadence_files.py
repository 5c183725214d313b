"""The cadences a rep can pick: the samples shipped in ``assets/cadences`` and the rep's own, saved as TOML
files in the data folder (``paths.cadences_dir()``), so a cadence stays a plain file to share.

A file that cannot be read is listed with its one-line problem instead of hiding the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach import paths
from voicecoach.core.cadence import Cadence, CadenceError, cadence_to_toml, load_cadence, parse_cadence
from voicecoach.storage.files import atomic_output

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = [
    "CadenceFile",
    "cadence_folders",
    "file_name_for",
    "find_cadence",
    "list_cadences",
    "read_cadence",
    "save_cadence",
    "stored_scripts",
]


@dataclass(frozen=True, slots=True)
class CadenceFile:
    path: Path
    cadence: Cadence | None
    problem: str | None = None
    sample: bool = False

    @property
    def name(self) -> str:
        return self.cadence.name if self.cadence else self.path.stem


def cadence_folders() -> list[tuple[Path, bool]]:
    """(folder, is the samples folder), the rep's own first so a saved copy wins over a sample's name."""
    return [(paths.cadences_dir(), False), (paths.assets_dir() / "cadences", True)]


def list_cadences() -> list[CadenceFile]:
    out: list[CadenceFile] = []
    for folder, sample in cadence_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                out.append(CadenceFile(path, read_cadence(path), None, sample))
            except CadenceError as exc:
                out.append(CadenceFile(path, None, str(exc), sample))
    return out


def read_cadence(path: Path) -> Cadence:
    """A cadence file whose scripts lie beside it, or are the app's sample scripts (which the samples name)."""
    return load_cadence(path, script_roots=(paths.assets_dir() / "scripts",))


def find_cadence(ref: str) -> CadenceFile:
    """A cadence by file path, or by name (case-insensitive) among the listed ones."""
    if not ref.strip():
        raise CadenceError("no cadence given: give a cadence's name or its .toml file")
    path = Path(ref).expanduser()
    if path.suffix.lower() == ".toml" or path.exists():
        return CadenceFile(path, read_cadence(path))
    wanted = " ".join(ref.split()).casefold()
    for item in list_cadences():
        if item.cadence is not None and item.cadence.name.casefold() == wanted:
            return item
    known = ", ".join(f"“{c.name}”" for c in list_cadences() if c.cadence) or "none"
    raise CadenceError(f"no cadence called “{ref}” (known: {known}); give its name or a .toml file")


def file_name_for(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60]
    return (slug or "cadence") + ".toml"


def save_cadence(cadence: Cadence, path: Path | None = None) -> Path:
    """Write the cadence self-contained (scripts as text), whole or not at all; returns where. Without a
    ``path`` (a new cadence, or a sample's copy) it never replaces another file of the rep's."""
    text = cadence_to_toml(cadence)
    parse_cadence(text)  # what is written must read back
    target = path or paths.cadences_dir() / file_name_for(cadence.name)
    if path is None and (target.exists() or target.is_symlink()):
        raise CadenceError(f"you already have a cadence saved as {target.name}: give this one another name, "
                           "or open that one to change it")
    with atomic_output(target) as handle:
        handle.write(text)
    return target


def stored_scripts(store: Store, cadence: Cadence) -> dict[int, Any]:
    """Each attempt's script as a stored script version (takes point at one), found by its text, time limit
    and referral, or added to the library under the attempt's title; {attempt number: ScriptRecord}."""
    out: dict[int, Any] = {}
    for a in cadence.attempts:
        s = a.script
        found = store.find_script_version(s.text)
        if found is None or found.time_limit != s.time_limit or found.referral != s.referral:
            found = store.add_script(a.title, s.text, time_limit=s.time_limit, referral=s.referral,
                                     follow_up=a.follow_up)
        out[a.number] = found
    return out
