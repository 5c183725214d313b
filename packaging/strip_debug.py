"""Remove debug information from the shared libraries of a built app (Linux).

The Python runtime the build runs on may carry its debug information (this project's does: libpython is
23 MB, 6 MB without it), and PyInstaller copies it as is. Only the debug sections are removed, and only
from files that have them: wheels' libraries come stripped already, and rewriting those that
auditwheel/patchelf edited is how fully stripping them can break them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

_ELF_MAGIC = b"\x7fELF"


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == _ELF_MAGIC
    except OSError:
        return False


def has_debug_info(path: Path, objdump: str) -> bool:
    out = subprocess.run([objdump, "-h", str(path)], capture_output=True, text=True, check=False).stdout
    return ".debug_info" in out


def strip_debug_info(folder: Path) -> int:
    """Strip debug sections from every ELF file under `folder` that has them; returns the bytes saved.

    Does nothing (returns 0) where binutils is missing.
    """
    strip, objdump = shutil.which("strip"), shutil.which("objdump")
    if strip is None or objdump is None:
        return 0
    saved = 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink() or not _is_elf(path) or not has_debug_info(path, objdump):
                continue
            before = path.stat().st_size
            subprocess.run([strip, "--strip-debug", str(path)], check=True, capture_output=True)
            saved += before - path.stat().st_size
    return saved
