"""`voicecoach model list | path | verify | download`."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.asr.model_server import model_zip, refused_url, serve, sha256
from tests.asr.test_model_locator import make_model
from voicecoach import paths
from voicecoach.cli.main import main
from voicecoach.cli.model import ProgressBar


@pytest.fixture(autouse=True)
def _no_bundled_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "bundled_model_dir", lambda: tmp_path / "no-bundle")


def test_list_shows_each_place_and_verdict(tmp_path: Path, capsys) -> None:
    make_model(paths.user_models_dir() / "good")
    make_model(paths.user_models_dir() / "broken", {"am/final.mdl": b""})
    assert main(["model", "list"]) == 0
    out = capsys.readouterr().out
    assert "good  [ok]" in out
    assert "broken  [unusable:" in out and "am/final.mdl is empty" in out
    assert "default model: vosk-model-small-en-us-0.15" in out


def test_path_prints_the_found_folder_or_fails(capsys) -> None:
    assert main(["model", "path"]) == 2
    assert "No speech model found" in capsys.readouterr().err
    good = make_model(paths.user_models_dir() / "good")
    assert main(["model", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(good)


@pytest.mark.model
def test_verify_loads_the_real_model(ko_model, ko_model_path: Path, capsys) -> None:
    assert main(["model", "verify", str(ko_model_path)]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {ko_model_path} loads and decodes (16000 Hz")


@pytest.mark.model
def test_verify_truncated_model_in_a_child_process_exits_2(ko_model_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    for f in ko_model_path.rglob("*"):
        if f.is_file() and f.name != "final.mdl":
            (broken / f.relative_to(ko_model_path)).parent.mkdir(parents=True, exist_ok=True)
            (broken / f.relative_to(ko_model_path)).symlink_to(f)
    (broken / "am").mkdir(exist_ok=True)
    (broken / "am/final.mdl").write_bytes((ko_model_path / "am/final.mdl").read_bytes()[:50_000])
    out = subprocess.run(
        [sys.executable, "-m", "voicecoach", "model", "verify", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1, out.stderr  # Vosk's own C++ log is not shown
    assert "could not read the model" in out.stderr and "Read failure" in out.stderr


def test_download_with_progress_bar(tmp_path: Path, capsys) -> None:
    body = model_zip()
    with serve(body) as server:
        code = main(["model", "download", "--url", server.url, "--sha256", sha256(body), "--dest", str(tmp_path / "m")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == str(tmp_path / "m" / "tiny-model")
    assert "downloading [" in err and "100%" in err


def test_download_into_the_user_models_folder_is_found_afterwards(capsys) -> None:
    body = model_zip()
    with serve(body) as server:
        assert main(["model", "download", "--url", server.url]) == 0
    capsys.readouterr()
    assert main(["model", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(paths.user_models_dir() / "tiny-model")


def test_download_offline_is_one_line_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["model", "download", "--url", refused_url(), "--dest", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "offline" in err and err.strip().count("\n") == 0
    assert list(tmp_path.iterdir()) == []


def test_download_unknown_name(capsys) -> None:
    assert main(["model", "download", "vosk-model-xx"]) == 2
    assert "unknown model 'vosk-model-xx'" in capsys.readouterr().err


def test_progress_bar_draws_in_place() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar.update(0, 2_000_000)
    bar.update(2_000_000, 2_000_000)
    bar.update(10, None)
    bar.close()
    text = stream.getvalue()
    assert "[" + "." * 30 + "] 0.0/2.0 MB   0%" in text
    assert "[" + "#" * 30 + "] 2.0/2.0 MB 100%" in text
    assert text.endswith("\n") and text.count("\n") == 1
