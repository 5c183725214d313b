"""Where the speech model lives, and whether a folder really holds one.

Folders are checked file by file (`model_files`) before Vosk sees them; `load_speech_model` then proves
the rest by building a recogniser.

Search order: an explicit folder (CLI `--model`, the app's setting), `VOICECOACH_MODEL`, the `vosk-model/`
folder of the checkout or packaged app, then the user data folder's `models/`. An explicit folder or the
environment variable is never silently skipped: if it is broken, that is the error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from voicecoach import paths
from voicecoach.asr.download import download_model
from voicecoach.asr.errors import (
    DownloadCancelled,
    DownloadError,
    ModelError,
    ModelInvalidError,
    ModelNotFoundError,
)
from voicecoach.asr.manifest import DEFAULT_MODEL, ModelManifest, load_manifest
from voicecoach.asr.model_files import looks_like_model, model_problems, resolve_model_root, validate_model_dir


@dataclass(frozen=True, slots=True)
class ModelCandidate:
    """One place the app looked: which rule found it, the folder, and what is wrong with it (None = usable)."""

    source: str
    path: Path
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _check(source: str, path: Path) -> ModelCandidate:
    try:
        return ModelCandidate(source, validate_model_dir(path), None)
    except ModelError as exc:
        return ModelCandidate(source, path, str(exc))


def list_candidates(explicit: Path | str | None = None) -> list[ModelCandidate]:
    """Every place the app looks, in order, with its verdict (for `voicecoach model list`)."""
    found: list[ModelCandidate] = []
    if explicit is not None:
        found.append(_check("explicit", Path(explicit)))
    override = paths.model_override()
    if override is not None:
        found.append(_check("VOICECOACH_MODEL", override))
    bundled = paths.bundled_model_dir()
    if bundled.is_dir() and looks_like_model(resolve_model_root(bundled)):
        found.append(_check("vosk-model/", bundled))
    user = paths.user_models_dir()
    if user.is_dir():
        subs = sorted(p for p in user.iterdir() if p.is_dir() and not p.name.startswith("."))
        subs.sort(key=lambda p: p.name != DEFAULT_MODEL.folder)  # the default model first
        found.extend(_check("user models", p) for p in subs)
    return found


def find_model(explicit: Path | str | None = None) -> Path:
    """The model folder to load, following the search order; raises ModelError with what to do."""
    if explicit is not None and str(explicit) != "":
        return validate_model_dir(explicit)
    override = paths.model_override()
    if override is not None:
        try:
            return validate_model_dir(override)
        except ModelError as exc:
            raise type(exc)(str(exc), path=exc.path, setting="VOICECOACH_MODEL") from None
    candidates = list_candidates()
    for candidate in candidates:
        if candidate.ok:
            return candidate.path
    broken = "; ".join(f"{c.path}: {c.problem}" for c in candidates)
    where = f"{paths.bundled_model_dir()} and {paths.user_models_dir()}"
    if broken:
        raise ModelInvalidError(f"No usable speech model: {broken}.")
    raise ModelNotFoundError(f"No speech model found (looked in {where}).")


__all__ = [
    "DEFAULT_MODEL",
    "DownloadCancelled",
    "DownloadError",
    "ModelCandidate",
    "ModelError",
    "ModelInvalidError",
    "ModelManifest",
    "ModelNotFoundError",
    "download_model",
    "find_model",
    "list_candidates",
    "load_manifest",
    "model_problems",
    "resolve_model_root",
    "validate_model_dir",
]
