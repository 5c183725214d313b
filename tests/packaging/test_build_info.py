"""The build record that lets a fresh build be reused, and the size it reports."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


def _tree(root: Path) -> Path:
    (root / "voicecoach" / "__pycache__").mkdir(parents=True)
    (root / "voicecoach" / "app.py").write_text("x = 1\n", encoding="utf-8")
    (root / "voicecoach" / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"compiled")
    (root / "packaging").mkdir()
    (root / "packaging" / "voicecoach.spec").write_text("# spec\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    return root


def test_digest_follows_sources_but_not_caches(build_info: ModuleType, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    first = build_info.source_digest(root)
    (root / "voicecoach" / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"recompiled")
    (root / "notes.txt").write_text("not a source\n", encoding="utf-8")
    assert build_info.source_digest(root) == first
    (root / "voicecoach" / "app.py").write_text("x = 2\n", encoding="utf-8")
    assert build_info.source_digest(root) != first


def test_renaming_a_source_changes_the_digest(build_info: ModuleType, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    first = build_info.source_digest(root)
    (root / "packaging" / "voicecoach.spec").rename(root / "packaging" / "other.spec")
    assert build_info.source_digest(root) != first


def test_a_different_python_environment_changes_the_digest(
    build_info: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    first = build_info.source_digest(root)
    assert "PySide6" in build_info.environment_fingerprint()  # the installed Qt is part of it
    fingerprint = build_info.environment_fingerprint()
    monkeypatch.setattr(build_info, "environment_fingerprint", lambda: fingerprint.replace("PySide6", "PySide6-x"))
    assert build_info.source_digest(root) != first


def test_info_round_trip_and_unreadable_record(build_info: ModuleType, tmp_path: Path) -> None:
    assert build_info.read_info(tmp_path) is None
    build_info.write_info(tmp_path, {"version": "0.1.0", "size_bytes": 3})
    assert build_info.read_info(tmp_path) == {"version": "0.1.0", "size_bytes": 3}
    (tmp_path / build_info.INFO_NAME).write_text("{not json", encoding="utf-8")
    assert build_info.read_info(tmp_path) is None


def test_folder_size_counts_files_once_and_not_symlinks(build_info: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 1000)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_bytes(b"y" * 24)
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert build_info.folder_size(tmp_path) == 1024
