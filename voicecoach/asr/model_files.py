"""Is this folder a Vosk model? File-level checks made before Vosk sees it.

Vosk says only "Failed to create a model" for any broken folder (its reasons go to the native stderr), and
some defects show only when the first recogniser is built. Checking file by file first gives the user a
message that names the missing piece.
"""

from __future__ import annotations

from pathlib import Path

from voicecoach.asr.errors import ModelInvalidError, ModelNotFoundError

__all__ = ["looks_like_model", "model_problems", "resolve_model_root", "validate_model_dir"]

_IVECTOR_FILES = ("final.ie", "final.dubm", "final.mat", "global_cmvn.stats", "splice.conf")


def model_problems(path: Path) -> list[str]:
    """Every file-level defect of a would-be model folder; an empty list means Vosk may load it."""
    problems: list[str] = []

    def need(rel: str) -> bool:
        f = path / rel
        if not f.is_file():
            problems.append(f"{rel} is missing")
            return False
        if f.stat().st_size == 0:
            problems.append(f"{rel} is empty")
            return False
        return True

    need("am/final.mdl")
    has_conf = need("conf/model.conf")
    graph = path / "graph"
    if (graph / "HCLG.fst").exists():
        need("graph/HCLG.fst")
    elif (graph / "HCLr.fst").exists() or (graph / "Gr.fst").exists():
        need("graph/HCLr.fst")
        need("graph/Gr.fst")
    else:
        problems.append("graph/HCLG.fst (or graph/HCLr.fst with graph/Gr.fst) is missing")
    conf_text = ""
    if has_conf:
        try:
            conf_text = (path / "conf/model.conf").read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            problems.append(f"conf/model.conf cannot be read ({exc.strerror})")
    uses_ivector = (
        (path / "ivector").exists() or (path / "conf/ivector.conf").exists() or "ivector" in conf_text.lower()
    )
    if uses_ivector:
        for name in _IVECTOR_FILES:
            need(f"ivector/{name}")
    return problems


def looks_like_model(path: Path) -> bool:
    return (path / "am").is_dir() or (path / "conf/model.conf").is_file() or (path / "graph").is_dir()


def resolve_model_root(path: Path) -> Path:
    """Accept the model folder itself or a folder holding exactly one model (as a zip unpacks)."""
    if looks_like_model(path):
        return path
    try:
        subs = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return path
    models = [p for p in subs if looks_like_model(p)]
    return models[0] if len(models) == 1 else path


def validate_model_dir(path: Path | str) -> Path:
    """Check a folder before Vosk sees it; returns the model root (the folder or its one model sub-folder).

    Raises ModelNotFoundError when the folder does not exist and ModelInvalidError naming every defect.
    """
    folder = Path(path).expanduser()
    if not folder.exists():
        raise ModelNotFoundError(f"Speech model folder {folder} does not exist.", path=folder)
    if not folder.is_dir():
        raise ModelInvalidError(f"{folder} is a file, not a speech model folder.", path=folder)
    root = resolve_model_root(folder)
    if not looks_like_model(root):
        raise ModelInvalidError(f"{folder} holds no Vosk model (expected am/, conf/ and graph/ inside).", path=folder)
    problems = model_problems(root)
    if problems:
        raise ModelInvalidError(f"The speech model in {root} is incomplete or damaged: {'; '.join(problems)}.",
                                path=root)
    return root
