"""The default model's description, read from `vosk-model/manifest.json`.

The manifest pins the archive's size and sha256 so a download can be verified; the same values are kept
here as a fallback so a packaged app whose manifest went missing still knows what to fetch (a test keeps
the two in step).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicecoach import paths

__all__ = ["DEFAULT_MODEL", "FALLBACK_MODEL", "ModelManifest", "load_manifest", "manifest_path"]


@dataclass(frozen=True, slots=True)
class ModelManifest:
    name: str
    url: str
    size: int | None
    sha256: str | None
    folder: str
    language: str
    licence: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelManifest:
        size = data.get("size")
        sha = data.get("sha256")
        return cls(
            name=str(data["name"]),
            url=str(data["url"]),
            size=int(size) if size else None,
            sha256=str(sha).lower() if sha else None,
            folder=str(data.get("folder") or data["name"]),
            language=str(data.get("language", "")),
            licence=str(data.get("licence", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "size": self.size,
            "sha256": self.sha256,
            "folder": self.folder,
            "language": self.language,
            "licence": self.licence,
        }


FALLBACK_MODEL = ModelManifest(
    name="vosk-model-small-en-us-0.15",
    url="https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
    size=41205931,
    sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
    folder="vosk-model-small-en-us-0.15",
    language="en-us",
    licence="Apache-2.0",
)


def manifest_path() -> Path:
    return paths.bundled_model_dir() / "manifest.json"


def load_manifest(path: Path | None = None) -> ModelManifest:
    """Read a manifest; an unreadable one falls back to the built-in description rather than failing."""
    try:
        data = json.loads((path or manifest_path()).read_text(encoding="utf-8"))
        return ModelManifest.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        return FALLBACK_MODEL


DEFAULT_MODEL = load_manifest()
