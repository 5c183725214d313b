"""Debug information leaves the package's libraries; the libraries still load."""

from __future__ import annotations

import _json
import ctypes
import shutil
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.skipif(shutil.which("objdump") is None, reason="needs binutils")


def test_debug_sections_are_removed_and_the_library_still_loads(strip_debug: ModuleType, tmp_path: Path) -> None:
    source = Path(_json.__file__)
    if not strip_debug.has_debug_info(source, shutil.which("objdump")):
        pytest.skip("this Python's extension modules carry no debug information")
    lib = tmp_path / "lib-dynload" / source.name
    lib.parent.mkdir()
    shutil.copy2(source, lib)
    (tmp_path / "notes.txt").write_text("not a library\n", encoding="utf-8")
    (tmp_path / "link.so").symlink_to(lib)
    size = lib.stat().st_size

    saved = strip_debug.strip_debug_info(tmp_path)

    assert saved == size - lib.stat().st_size > 0
    assert not strip_debug.has_debug_info(lib, shutil.which("objdump"))
    assert source.stat().st_size == size  # the original is untouched
    ctypes.CDLL(str(lib))  # still a loadable shared library
    assert strip_debug.strip_debug_info(tmp_path) == 0  # nothing left to remove
