"""The rule for shipping a speech model inside the package.

A model in `vosk-model/` is bundled only after `validate_model_dir` accepts it: a half-copied or wrong
folder would otherwise ship to every rep and fail on their laptop, far from anyone who can fix it. An
empty `vosk-model/` (just its README and manifest) is fine: the app then offers the download at first run.
The manifest always ships, because it tells the app which model to download.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "vosk-model"  # same name, relative to the app root, as in the checkout
# Files tracked in git next to the model; they are not model content and always ship.
TRACKED_FILES = ("README.md", "manifest.json")


class BundleError(Exception):
    """The model folder cannot be bundled; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ModelBundle:
    """What the build puts under `vosk-model/` in the package."""

    model_root: Path | None  # the validated model folder, or None when no model ships
    datas: tuple[tuple[str, str], ...]  # PyInstaller (source, destination folder) pairs of the model
    skipped: tuple[str, ...] = ()  # entries of the folder that are not part of the model

    @property
    def has_model(self) -> bool:
        return self.model_root is not None

    def describe(self) -> str:
        if self.model_root is None:
            return "no speech model bundled; the app offers the download at first run"
        text = f"bundling the speech model {self.model_root.name} ({self.model_root})"
        if self.skipped:
            text += f"; leaving out {', '.join(self.skipped)}"
        return text


def _model_content(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name not in TRACKED_FILES and not p.name.startswith("."))


def _validate(folder: Path) -> Path:
    # Imported here so the spec and the tests use the app's own rule, not a copy of it.
    from voicecoach.asr.model_locator import ModelError, validate_model_dir

    try:
        return validate_model_dir(folder)
    except ModelError as exc:
        reason = str(exc).split(" Fix:")[0]
        raise BundleError(
            f"refusing to bundle {folder}: {reason} "
            "Put a complete unpacked Vosk model there, or build without one (--no-model)."
        ) from None


def tracked_datas(folder: Path) -> list[tuple[str, str]]:
    """The checkout's README and manifest, which ship whether or not a model does."""
    return [(str(folder / name), BUNDLE_DIR) for name in TRACKED_FILES if (folder / name).is_file()]


def plan_model_bundle(folder: Path, *, required: bool = False) -> ModelBundle:
    """Decide what ships from `folder` (the checkout's `vosk-model/` or one passed with --model).

    `required` is for a folder the builder named explicitly: then an empty or missing folder is an error
    instead of a quiet build without a model.
    """
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        if required:
            raise BundleError(f"refusing to bundle {folder}: the folder does not exist.")
        return ModelBundle(None, ())
    content = _model_content(folder)
    if not content:
        if required:
            raise BundleError(f"refusing to bundle {folder}: it holds no model files.")
        return ModelBundle(None, ())
    root = _validate(folder)
    if root == folder:
        model_datas = tuple((str(p), f"{BUNDLE_DIR}/{p.name}" if p.is_dir() else BUNDLE_DIR) for p in content)
        skipped: tuple[str, ...] = ()
    else:
        # A folder holding one model sub-folder (as a zip unpacks): ship that sub-folder only.
        model_datas = ((str(root), f"{BUNDLE_DIR}/{root.name}"),)
        skipped = tuple(p.name for p in content if p != root)
    return ModelBundle(root, model_datas, skipped)
