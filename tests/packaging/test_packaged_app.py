"""Smoke test of the built desktop app: it starts, opens its window, answers on the command line, offline.

The app is built once per session with the Korean test model bundled (so the model-bundling path is
exercised for real) into build/smoke-test/, and reused while its BUILD-INFO.json says it was built from
the current sources. Set VOICECOACH_PACKAGED_APP to the folder of an app built elsewhere to test that one.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "smoke-test"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the smoke test builds the Linux package"),
]


def _build(ko_model_path: Path, build_info: ModuleType) -> Path:
    """Build into the cache unless the build there already matches the sources; returns the app folder."""
    app = CACHE / "dist" / "VoiceCoach"
    CACHE.mkdir(parents=True, exist_ok=True)
    # Two test runs at once (CI shards, a second terminal) must not build into the same folder together.
    with open(CACHE / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        info = build_info.read_info(app)
        if info and info.get("source_digest") == build_info.source_digest(ROOT) and info.get("model"):
            return app
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "packaging" / "build.py"),
                "--model",
                str(ko_model_path),
                "--dist",
                str(CACHE / "dist"),
                "--work",
                str(CACHE / "work"),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=900,
        )
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
            pytest.fail(f"the package build failed (exit {result.returncode}):\n{tail}")
    return app


@pytest.fixture(scope="session")
def packaged_app(ko_model_path: Path, build_info: ModuleType) -> Path:
    given = os.environ.get("VOICECOACH_PACKAGED_APP")
    app = Path(given) if given else _build(ko_model_path, build_info)
    assert (app / "voicecoach").is_file(), f"no executable in {app}"
    return app


@dataclass(frozen=True)
class Runner:
    """Runs the packaged executable the way a user would: outside the checkout, no Python environment."""

    exe: Path
    env: dict[str, str]
    cwd: Path

    def __call__(
        self, *args: str, timeout: float = 90, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.exe), *args],
            capture_output=True,
            text=True,
            env={**self.env, **(extra_env or {})},
            cwd=self.cwd,
            timeout=timeout,
        )


@pytest.fixture
def run_app(packaged_app: Path, tmp_path: Path) -> Runner:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "VOICECOACH_", "QT_", "LD_"))
    }
    env.update(QT_QPA_PLATFORM="offscreen", VOICECOACH_HOME=str(tmp_path / "home"), LANG="C.UTF-8")
    return Runner(packaged_app / "voicecoach", env, tmp_path)


def test_version(run_app: Runner) -> None:
    from voicecoach import __version__

    result = run_app("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"voicecoach {__version__}"


def test_gui_opens_its_main_window_offscreen_and_exits_cleanly(run_app: Runner) -> None:
    result = run_app("--smoke-test")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke test: main window 'VoiceCoach" in result.stdout
    assert "Traceback" not in result.stderr


def test_headless_analyze_flags_a_take_missing_its_number(run_app: Runner, tmp_path: Path) -> None:
    text = (
        "hi jordan this is dana whitfield with northwind realty i noticed your listing on maple street came off "
        "the market and um i have a buyer who might be interested so uh please give me a call back when you can thanks"
    )
    words = text.split()
    step = 40.0 / len(words)  # a 40-second take, past the 30-second limit
    take = {
        "result": [
            {"word": w, "start": round(i * step, 2), "end": round(i * step + step * 0.8, 2), "conf": 0.95}
            for i, w in enumerate(words)
        ],
        "text": text,
    }
    (tmp_path / "take.json").write_text(json.dumps(take), encoding="utf-8")
    profile = {"name": "Dana Whitfield", "company": "Northwind Realty", "phone": "+1 415-555-0142"}
    (tmp_path / "profile.json").write_text(json.dumps(profile), encoding="utf-8")

    result = run_app("analyze", "--transcript", "take.json", "--profile", "profile.json", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    codes = {flag["code"] for flag in report["flags"]}
    assert {"missing_contact_info", "overrun"} <= codes
    assert report["speech_seconds"] == pytest.approx(40.0, abs=1.0)
    assert report["words"] == len(words)


def test_bad_input_is_one_line_not_a_traceback(run_app: Runner) -> None:
    result = run_app("analyze", "--transcript", "no-such-take.json", "--json")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no-such-take.json" in result.stderr


def test_the_bundled_model_is_found_inside_the_package(run_app: Runner, packaged_app: Path) -> None:
    result = run_app("model", "path")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == packaged_app / "_internal" / "vosk-model"


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (./dev test installs xvfb)")
def test_gui_opens_on_an_x11_display(run_app: Runner) -> None:
    """The offscreen platform proves little about the xcb plugin and the X libraries it pulls in."""
    result = subprocess.run(
        ["xvfb-run", "-a", str(run_app.exe), "--smoke-test"],
        capture_output=True,
        text=True,
        env={**run_app.env, "QT_QPA_PLATFORM": "xcb"},
        timeout=90,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "main window 'VoiceCoach" in result.stdout


@pytest.mark.model
def test_transcription_in_the_package_matches_the_checkout(
    run_app: Runner, ko_speech_wav: Any, ko_model: Any, tmp_path: Path
) -> None:
    """Bundled libsndfile, soxr, numpy and libvosk give exactly the words the checkout gives.

    Grammar mode, because free decoding of the same audio can differ from one run to the next.
    """
    import soundfile
    import soxr

    from voicecoach.asr.transcribe import transcribe_file

    audio, rate = soundfile.read(str(ko_speech_wav.path), dtype="float32")
    wav = tmp_path / "take-44k.flac"  # another rate and format, so resampling and decoding both run
    soundfile.write(str(wav), soxr.resample(audio, rate, 44100), 44100)

    result = run_app("transcribe", str(wav), "--json", "--grammar", *ko_speech_wav.grammar, timeout=180)
    assert result.returncode == 0, result.stderr
    packaged = [w["word"] for r in json.loads(result.stdout) for w in r.get("result", [])]
    checkout = transcribe_file(wav, ko_model, grammar=ko_speech_wav.grammar)
    expected = [w["word"] for r in checkout.to_vosk() for w in r.get("result", [])]
    assert packaged == expected
    assert packaged, "the synthesised sentence should give at least one word"


@pytest.mark.model
def test_analysing_a_recording_in_the_package_measures_its_sound(run_app: Runner, ko_speech_wav: Any) -> None:
    """The bundled pyworld and numpy measure the recording as the checkout does."""
    from voicecoach.asr.sound_file import measure_file

    result = run_app("analyze", str(ko_speech_wav.path), "--json", timeout=180)
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)["metrics"]
    assert metrics["audio_analysed"] is True
    assert metrics["pitch_range_semitones"] == measure_file(ko_speech_wav.path).pitch_range_semitones


@pytest.mark.audio
def test_the_bundled_portaudio_reaches_the_system_sound_server(run_app: Runner, virtual_mic: Any) -> None:
    """PortAudio from the package, ALSA and its PulseAudio plugin from the system: the virtual mic shows."""
    result = run_app("devices", "--json", extra_env=virtual_mic.env())
    assert result.returncode == 0, result.stderr
    devices = json.loads(result.stdout)
    assert any(d["is_default"] and d["max_input_channels"] >= 1 for d in devices), devices


def test_layout_of_the_package(packaged_app: Path, build_info: ModuleType) -> None:
    internal = packaged_app / "_internal"
    assert (internal / "assets").is_dir()
    assert (internal / "vosk-model" / "manifest.json").is_file()
    assert (internal / "vosk" / "libvosk.so").is_file()
    assert (internal / "libportaudio.so.2").is_file()
    for system_library in ("libasound.so", "libfontconfig.so", "libfreetype.so"):
        assert not list(internal.glob(f"{system_library}*")), f"{system_library} must come from the user's system"
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    assert not list(internal.rglob("libQt6WebEngine*"))
    assert (packaged_app / "voicecoach.png").is_file() and (packaged_app / "voicecoach.svg").is_file()
    assert os.access(packaged_app / "install-desktop-entry.sh", os.X_OK)
    desktop = (packaged_app / "voicecoach.desktop").read_text(encoding="utf-8")
    assert "Exec=voicecoach" in desktop and "Icon=voicecoach" in desktop
    info = build_info.read_info(packaged_app)
    assert info is not None
    assert info["size_bytes"] == pytest.approx(build_info.folder_size(packaged_app), rel=0.01)
