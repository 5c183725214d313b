"""Facts about a finished build, written next to it as BUILD-INFO.json.

The source digest lets the smoke test (and a person) tell whether a build in dist/ still matches the
checkout, so a fresh build is reused instead of spending minutes of CI on an identical one.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path
from typing import Any

INFO_NAME = "BUILD-INFO.json"
# What the package is made from. The model files are not hashed (hundreds of MB); the model's folder
# name is recorded instead.
_SOURCES = ("voicecoach", "assets", "packaging", "pyproject.toml", "vosk-model/README.md", "vosk-model/manifest.json")
_IGNORED_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache"}


def _source_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for name in _SOURCES:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in path.rglob("*")
                if p.is_file() and not (_IGNORED_PARTS & set(p.relative_to(root).parts)) and p.suffix != ".pyc"
            )
    return sorted(files)


def environment_fingerprint() -> str:
    """Python's version and every installed distribution with its version: a new PySide6 means a new build."""
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return "\n".join([sys.version, *dists])


def source_digest(root: Path) -> str:
    """sha256 over everything the package is built from: the files, and the Python environment."""
    digest = hashlib.sha256(environment_fingerprint().encode())
    for path in _source_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def folder_size(folder: Path) -> int:
    """Bytes on disk of every regular file under `folder` (symlinks counted once, as links)."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def write_info(app_dir: Path, info: dict[str, Any]) -> Path:
    target = app_dir / INFO_NAME
    target.write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_info(app_dir: Path) -> dict[str, Any] | None:
    """The recorded facts of a build, or None when there is no readable record."""
    try:
        data = json.loads((app_dir / INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
