"""Bundle files as input: a BOM is accepted, deep nesting and FIFOs are refused in one sentence."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.storage.test_bundle_safety import make_bundle
from voicecoach.storage import StoreError, open_store


def _with_manifest(bundle: Path, out: Path, manifest: bytes) -> Path:
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, manifest if item.filename == "manifest.json" else src.read(item))
    return out


def test_a_manifest_with_a_bom_imports(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path)
    with zipfile.ZipFile(bundle) as zf:
        manifest = zf.read("manifest.json")
    bommed = _with_manifest(bundle, tmp_path / "bom.zip", b"\xef\xbb\xbf" + manifest)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach:
        assert coach.import_bundle(bommed).added["takes"] == 2


def test_a_deeply_nested_manifest_is_refused_in_a_sentence(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path)
    deep = b'{"format": "voicecoach-bundle", "version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    bad = _with_manifest(bundle, tmp_path / "deep.zip", deep)
    with open_store(tmp_path / "coach" / "voicecoach.db") as coach, \
            pytest.raises(StoreError, match="nested more than 64 levels deep") as info:
        coach.import_bundle(bad)
    assert "recursion" not in str(info.value)


def test_a_fifo_given_as_a_bundle_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "team.zip"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    try:
        done = subprocess.run([sys.executable, "-m", "voicecoach", "import", str(fifo)], capture_output=True,
                              text=True, timeout=60, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("importing a FIFO blocked")
    assert done.returncode == 2 and "not a regular file" in done.stderr, done.stderr
