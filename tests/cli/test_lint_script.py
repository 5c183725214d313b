"""`voicecoach lint-script`: readable and JSON output, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from voicecoach.cli.main import main

ROOT = Path(__file__).parents[2]
PROFILE = str(ROOT / "assets" / "sample-profile.json")
COLD = str(ROOT / "assets" / "scripts" / "cold-voicemail.txt")


def test_clean_script_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint-script", COLD, "--profile", PROFILE]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cold voicemail: about 27 s at 150 words per minute")
    assert "No problems found." in out


def test_json_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint-script", COLD, "-p", PROFILE, "--wpm", "100", "--limit", "25", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Cold voicemail" and data["time_limit"] == 25.0
    assert [f["code"] for f in data["flags"]] == ["script_over_limit"]
    assert data["estimated_seconds"] > 25


def test_flags_do_not_change_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "s.txt"
    script.write_text("Hi {prospect}, quick question about your listing.", encoding="utf-8")
    assert main(["lint-script", str(script), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["flags"][0]["code"] == "script_missing_contact"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "cannot read script"),
        ([COLD, "--profile", "missing.json"], "cannot read profile"),
        ([COLD, "--wpm", "0"], "--wpm"),
        ([COLD, "--limit", "0"], "--limit"),
    ],
)
def test_bad_input_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint-script", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_bad_front_matter_in_a_subprocess(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("limit: soon\n---\nHi", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "voicecoach", "lint-script", str(script)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and "limit must be seconds" in done.stderr
