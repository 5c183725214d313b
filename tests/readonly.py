"""A really read-only folder for tests: a read-only bind mount as root (root ignores permission bits),
permission bits otherwise. Skips the test when neither can be had."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """Make ``folder`` (and everything in it) read-only for the duration of the block."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for p in modes:
            p.chmod(stat.S_IMODE(modes[p]) & ~0o222)
        try:
            yield folder
        finally:
            for p, mode in modes.items():
                p.chmod(stat.S_IMODE(mode))
        return
    try:
        _run("mount", "--bind", str(folder), str(folder))
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot make a read-only bind mount here")
    try:
        _run("mount", "-o", "remount,bind,ro", str(folder))
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True, timeout=10)


def _run(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True, timeout=10)
