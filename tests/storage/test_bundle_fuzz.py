"""Fuzzing the bundle format: whatever a manifest field holds, and whatever bytes a bundle is cut to, an import
either succeeds and every view reads the result back, or it is refused with a StoreError and nothing changes."""

from __future__ import annotations

import contextlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.storage.test_bundle_safety import _assert_empty, _read_everything, make_bundle
from voicecoach.storage import StoreError, open_store

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
_PATHS = st.sampled_from([
    (), ("version",), ("format",), ("exported_at",), ("profile",), ("profile", "name"), ("profile", "phone"),
    ("profile", "uuid"), ("scripts",), ("scripts", 0, "uuid"), ("scripts", 0, "current_version"),
    ("script_versions", 0, "version"), ("script_versions", 0, "time_limit"), ("script_versions", 0, "text"),
    ("takes",), ("takes", 0), ("takes", 0, "started_at"), ("takes", 0, "attempt"), ("takes", 0, "transcript"),
    ("takes", 0, "transcript", 0, "result", 0, "start"), ("takes", 0, "transcript", 0, "result", 0, "word"),
    ("takes", 0, "report"), ("takes", 0, "report", "score"), ("takes", 0, "report", "flags"),
    ("takes", 0, "report", "flags", 0, "severity"), ("takes", 0, "audio"), ("takes", 0, "audio_sha256"),
    ("takes", 0, "script_version"), ("sessions", 0, "started_at"), ("sessions", 0, "goals"),
    ("notes", 0, "at_seconds"), ("notes", 0, "take"), ("notes", 0, "session"), ("notes", 0, "text"),
])


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("bundle"))


def _set(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    with contextlib.suppress(KeyError, IndexError, TypeError):  # a path the value has replaced already
        node[head] = _set(node[head], rest, value)
    return node


def _rezip(original: Path, out: Path, manifest: bytes) -> None:
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, manifest if item.filename == "manifest.json" else src.read(item))


def _import_or_refuse(bundle: Path, home: Path) -> None:
    with open_store(home / "voicecoach.db") as coach:
        try:
            coach.import_bundle(bundle)
        except StoreError as exc:
            assert "\n" not in str(exc) and "Traceback" not in str(exc)
            _assert_empty(coach)
            return
        _read_everything(coach, home)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=_PATHS, value=_JSON)
def test_any_value_in_any_manifest_field_is_imported_whole_or_refused(
        tmp_path_factory: pytest.TempPathFactory, bundle: Path, path: tuple[Any, ...], value: Any) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    original = _write(root / "in.zip", bundle.read_bytes())
    with zipfile.ZipFile(original) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest = _set(manifest, path, value)
    _rezip(original, root / "bundle.zip", json.dumps(manifest).encode())
    _import_or_refuse(root / "bundle.zip", root / "coach")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 20_000), at=st.integers(0, 20_000), junk=st.binary(min_size=1, max_size=64))
def test_any_damaged_bytes_are_imported_whole_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                                         bundle: Path, cut: int, at: int, junk: bytes) -> None:
    root = tmp_path_factory.mktemp("bytes")
    bundle_bytes = bundle.read_bytes()
    data = bytearray(bundle_bytes[: max(cut, 22)] if cut < len(bundle_bytes) // 2 else bundle_bytes)
    position = at % len(data)
    data[position:position + len(junk)] = junk
    _import_or_refuse(_write(root / "bundle.zip", bytes(data)), root / "coach")


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
