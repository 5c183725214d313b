"""The build bundles a speech model only when the app's own validation accepts it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LinkTree = Callable[[Path, Path], Path]


def _checkout_model_dir(tmp_path: Path) -> Path:
    """A `vosk-model/` as in a fresh clone: the tracked README and manifest only."""
    folder = tmp_path / "vosk-model"
    folder.mkdir()
    (folder / "README.md").write_text("Put a model here.\n", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"name": "m", "url": "https://example.invalid/m.zip"}))
    return folder


def _model_in_checkout_dir(tmp_path: Path, model: Path, link_tree: LinkTree) -> Path:
    """`vosk-model/` with a model unpacked straight into it, next to the tracked files."""
    folder = _checkout_model_dir(tmp_path)
    for child in model.iterdir():
        link_tree(child, folder / child.name)
    return folder


def _destinations(datas: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {Path(src).name: dest for src, dest in datas}


def test_empty_model_folder_bundles_no_model_but_keeps_the_manifest(model_bundle: ModuleType, tmp_path: Path) -> None:
    folder = _checkout_model_dir(tmp_path)
    bundle = model_bundle.plan_model_bundle(folder)
    assert not bundle.has_model
    assert bundle.datas == ()
    assert "download" in bundle.describe()
    assert sorted(Path(src).name for src, _ in model_bundle.tracked_datas(folder)) == ["README.md", "manifest.json"]
    assert {dest for _, dest in model_bundle.tracked_datas(folder)} == {"vosk-model"}


def test_missing_folder_is_fine_unless_named_explicitly(model_bundle: ModuleType, tmp_path: Path) -> None:
    assert not model_bundle.plan_model_bundle(tmp_path / "absent").has_model
    with pytest.raises(model_bundle.BundleError, match="does not exist"):
        model_bundle.plan_model_bundle(tmp_path / "absent", required=True)
    with pytest.raises(model_bundle.BundleError, match="no model files"):
        model_bundle.plan_model_bundle(_checkout_model_dir(tmp_path), required=True)


def test_folder_with_something_that_is_not_a_model_is_refused(model_bundle: ModuleType, tmp_path: Path) -> None:
    folder = _checkout_model_dir(tmp_path)
    (folder / "vosk-model-small-en-us-0.15.zip").write_bytes(b"PK\x03\x04 not unpacked")
    with pytest.raises(model_bundle.BundleError, match=r"refusing to bundle .*holds no Vosk model"):
        model_bundle.plan_model_bundle(folder)


def test_incomplete_model_is_refused_naming_the_missing_file(
    model_bundle: ModuleType, ko_model_path: Path, link_tree: LinkTree, tmp_path: Path
) -> None:
    folder = _model_in_checkout_dir(tmp_path, ko_model_path, link_tree)
    (folder / "graph" / "Gr.fst").unlink()  # as if the copy stopped half-way
    with pytest.raises(model_bundle.BundleError) as info:
        model_bundle.plan_model_bundle(folder)
    message = str(info.value)
    assert "graph/Gr.fst is missing" in message
    assert "--no-model" in message
    assert "\n" not in message


def test_valid_model_in_the_folder_itself_is_bundled(
    model_bundle: ModuleType, ko_model_path: Path, link_tree: LinkTree, tmp_path: Path
) -> None:
    folder = _model_in_checkout_dir(tmp_path, ko_model_path, link_tree)
    bundle = model_bundle.plan_model_bundle(folder)
    assert bundle.model_root == folder
    dests = _destinations(bundle.datas)
    assert dests == {
        "README": "vosk-model",
        "am": "vosk-model/am",
        "conf": "vosk-model/conf",
        "graph": "vosk-model/graph",
        "ivector": "vosk-model/ivector",
    }
    # The tracked files ship through tracked_datas, never twice.
    assert "manifest.json" not in dests and "README.md" not in dests


def test_model_in_a_sub_folder_is_bundled_alone(
    model_bundle: ModuleType, ko_model_path: Path, link_tree: LinkTree, tmp_path: Path
) -> None:
    folder = _checkout_model_dir(tmp_path)
    link_tree(ko_model_path, folder / "vosk-model-small-ko-0.22")
    (folder / "notes.txt").write_text("left over\n", encoding="utf-8")
    bundle = model_bundle.plan_model_bundle(folder)
    assert bundle.model_root == folder / "vosk-model-small-ko-0.22"
    assert _destinations(bundle.datas) == {"vosk-model-small-ko-0.22": "vosk-model/vosk-model-small-ko-0.22"}
    assert bundle.skipped == ("notes.txt",)
    assert "leaving out notes.txt" in bundle.describe()


def test_build_refuses_an_invalid_model_before_running_pyinstaller(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    (broken / "am").mkdir(parents=True)
    (broken / "am" / "final.mdl").write_bytes(b"")
    dist = tmp_path / "dist"
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--model", str(broken), "--dist", str(dist)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("build: refusing to bundle")
    assert "am/final.mdl is empty" in lines[0]
    assert not dist.exists()
