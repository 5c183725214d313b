"""Finding and validating model folders, file by file, before Vosk is involved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.asr.model_server import MODEL_FILES
from voicecoach import paths
from voicecoach.asr.manifest import FALLBACK_MODEL, load_manifest
from voicecoach.asr.model_locator import (
    DEFAULT_MODEL,
    ModelError,
    ModelInvalidError,
    ModelNotFoundError,
    find_model,
    list_candidates,
    validate_model_dir,
)
from voicecoach.cli.remedies import error_line
from voicecoach.core.remedy import Remedy


def make_model(root: Path, files: dict[str, bytes] | None = None) -> Path:
    for name, data in (files or MODEL_FILES).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


@pytest.fixture
def no_bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the bundled `vosk-model/` folder somewhere empty so the checkout's folder cannot interfere."""
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    monkeypatch.setattr(paths, "bundled_model_dir", lambda: bundled)
    return bundled


def test_valid_folder_and_one_subfolder_are_accepted(tmp_path: Path) -> None:
    model = make_model(tmp_path / "unzipped" / "vosk-model-x")
    assert validate_model_dir(model) == model
    assert validate_model_dir(tmp_path / "unzipped") == model


def test_missing_folder_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        validate_model_dir(tmp_path / "nope")


def test_empty_folder_says_no_model_and_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelInvalidError) as info:
        validate_model_dir(tmp_path)
    message = str(info.value)
    assert "holds no Vosk model" in message
    assert info.value.remedies == (Remedy.DOWNLOAD_MODEL, Remedy.CHOOSE_MODEL_FOLDER)
    line = error_line(info.value)  # the command line words the remedies as what to run
    assert "voicecoach model download" in line and "VOICECOACH_MODEL" in line


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: (m / "am/final.mdl").unlink(), "am/final.mdl is missing"),
        (lambda m: (m / "am/final.mdl").write_bytes(b""), "am/final.mdl is empty"),
        (lambda m: (m / "conf/model.conf").unlink(), "conf/model.conf is missing"),
        (lambda m: (m / "graph/HCLG.fst").unlink(), "graph/HCLG.fst (or graph/HCLr.fst with graph/Gr.fst) is missing"),
        (lambda m: ((m / "graph/HCLG.fst").rename(m / "graph/HCLr.fst")), "graph/Gr.fst is missing"),
        (lambda m: (m / "ivector").mkdir(), "ivector/final.ie is missing"),
        (lambda m: (m / "conf/ivector.conf").write_text("--x"), "ivector/final.ie is missing"),
    ],
)
def test_each_defect_is_named(tmp_path: Path, change, expected: str) -> None:
    model = make_model(tmp_path / "m")
    change(model)
    with pytest.raises(ModelInvalidError) as info:
        validate_model_dir(model)
    assert expected in str(info.value)


def test_file_instead_of_folder(tmp_path: Path) -> None:
    f = tmp_path / "model.zip"
    f.write_bytes(b"PK")
    with pytest.raises(ModelInvalidError, match="is a file"):
        validate_model_dir(f)


def test_search_order_explicit_env_bundled_user(tmp_path: Path, monkeypatch, no_bundled: Path) -> None:
    user = make_model(paths.user_models_dir() / "some-model")
    assert find_model() == user
    bundled = make_model(no_bundled / "vosk-model-small-en-us-0.15")
    assert find_model() == bundled
    env = make_model(tmp_path / "env-model")
    monkeypatch.setenv("VOICECOACH_MODEL", str(env))
    assert find_model() == env
    explicit = make_model(tmp_path / "explicit")
    assert find_model(explicit) == explicit
    sources = [c.source for c in list_candidates(explicit)]
    assert sources == ["explicit", "VOICECOACH_MODEL", "vosk-model/", "user models"]


def test_broken_env_model_is_reported_not_skipped(tmp_path: Path, monkeypatch, no_bundled: Path) -> None:
    make_model(paths.user_models_dir() / "good")
    monkeypatch.setenv("VOICECOACH_MODEL", str(tmp_path / "missing"))
    with pytest.raises(ModelNotFoundError) as info:
        find_model()
    assert info.value.setting == "VOICECOACH_MODEL" and error_line(info.value).startswith("VOICECOACH_MODEL: ")


def test_default_model_is_preferred_among_user_models(no_bundled: Path) -> None:
    make_model(paths.user_models_dir() / "aaa-other")
    default = make_model(paths.user_models_dir() / DEFAULT_MODEL.folder)
    assert find_model() == default


def test_broken_user_model_is_skipped_for_a_good_one(no_bundled: Path) -> None:
    make_model(paths.user_models_dir() / "aaa-broken", {"am/final.mdl": b""})
    good = make_model(paths.user_models_dir() / "bbb-good")
    assert find_model() == good


def test_nothing_found_explains_where_and_what_to_do(no_bundled: Path) -> None:
    with pytest.raises(ModelNotFoundError) as info:
        find_model()
    message = error_line(info.value)
    assert str(paths.user_models_dir()) in message and "voicecoach model download" in message
    assert isinstance(info.value, ModelError)


def test_only_broken_models_found_names_the_defect(no_bundled: Path) -> None:
    make_model(paths.user_models_dir() / "half", {"am/final.mdl": b"x", "conf/model.conf": b"x"})
    with pytest.raises(ModelInvalidError, match="graph"):
        find_model()


def test_checkout_manifest_matches_builtin_fallback() -> None:
    manifest = load_manifest()
    assert manifest == FALLBACK_MODEL == DEFAULT_MODEL
    data = json.loads((paths.bundled_model_dir() / "manifest.json").read_text())
    assert set(data) == {"name", "url", "size", "sha256", "folder", "language", "licence"}
    assert len(data["sha256"]) == 64 and data["url"].endswith(f"{data['name']}.zip")


def test_unreadable_manifest_falls_back(tmp_path: Path) -> None:
    bad = tmp_path / "manifest.json"
    bad.write_text("{not json")
    assert load_manifest(bad) == FALLBACK_MODEL
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"name": "m", "url": "http://x/m.zip"}))
    loaded = load_manifest(partial)
    assert (loaded.name, loaded.folder, loaded.size, loaded.sha256) == ("m", "m", None, None)
