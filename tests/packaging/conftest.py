"""Helpers for the packaging tests: the build scripts live in packaging/, which is not an importable package.

(It cannot be one: a package named `packaging` would shadow the PyPI library pip and pytest use.)
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    qualified = "voicecoach_packaging_" + name.replace("/", "_")
    if qualified in sys.modules:
        return sys.modules[qualified]
    spec = importlib.util.spec_from_file_location(qualified, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def model_bundle() -> ModuleType:
    return _load("model_bundle")


@pytest.fixture(scope="session")
def contents() -> ModuleType:
    return _load("contents")


@pytest.fixture(scope="session")
def qt_prune() -> ModuleType:
    return _load("qt_prune")


@pytest.fixture(scope="session")
def build_info() -> ModuleType:
    return _load("build_info")


def _link_tree(src: Path, dest: Path) -> Path:
    def link_or_copy(s: str, d: str) -> None:
        try:
            Path(d).hardlink_to(s)
        except OSError:
            shutil.copy2(s, d)

    if src.is_dir():
        shutil.copytree(src, dest, copy_function=link_or_copy)
    else:
        link_or_copy(str(src), str(dest))
    return dest


@pytest.fixture(scope="session")
def link_tree() -> Callable[[Path, Path], Path]:
    """Copy a file or folder by hard links where possible: a 250 MB model in milliseconds.

    The copies share their bytes with the original, so a test may delete files in a copy but must never
    write into one.
    """
    return _link_tree


@pytest.fixture(scope="session")
def strip_debug() -> ModuleType:
    return _load("strip_debug")


@pytest.fixture(scope="session")
def environment_hook() -> ModuleType:
    return _load("rthooks/environment")


@pytest.fixture(scope="session")
def certificates_hook() -> ModuleType:
    return _load("rthooks/certificates")
