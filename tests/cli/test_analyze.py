"""`voicecoach analyze --transcript`: readable report, one JSON object with --json, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from voicecoach.cli.main import main

DATA = Path(__file__).parents[1] / "data"
TAKES = DATA / "takes"
COMMON = ["--script", str(DATA / "scripts" / "expired-listing.txt"), "--profile", str(DATA / "profile.json")]


def test_json_report_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--transcript", str(TAKES / "partial_number.json"), *COMMON, "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert {"speech_seconds", "words", "wpm", "score", "flags", "metrics", "score_breakdown"} <= set(data)
    (flag,) = data["flags"]
    assert flag["code"] == "missing_contact_info" and flag["severity"] == "error"
    assert {"code", "severity", "message", "evidence"} <= set(flag)
    assert flag["evidence"][0]["start"] is not None


def test_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "-t", str(TAKES / "overrun.json"), *COMMON]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Not yet — Too long: 35 s, 5 s over the 30 s limit\nScored 80, but not yet")
    assert "[overrun]" in out and "over the 30 s limit" in out
    assert "(past 30 s)" in out  # where it happened, with the words said


def test_readable_report_quotes_the_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "-t", str(TAKES / "partial_number.json"), *COMMON]) == 0
    out = capsys.readouterr().out
    assert "“four one five five five five”  (heard 6 of 10 digits)" in out
    assert "Heard: name yes, company yes, number no (6 of 10 digits), website no, email no" in out
    assert out.rstrip().endswith("Score: 100 - missing_contact_info -20 = 80")


def test_limit_option_overrides_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "-t", str(TAKES / "overrun.json"), *COMMON, "--limit", "40", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["flags"] == []


def test_without_script_or_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "-t", str(TAKES / "clean.json"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["flags"] == [] and data["metrics"]["script_coverage"] is None


def test_silence_is_valid_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "-t", str(TAKES / "silence.json"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["words"] == 0 and [f["code"] for f in data["flags"]] == ["missing_contact_info", "too_short"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("not json", "is not JSON"),
        ('{"result": [{"word": "hi"}]}', "needs 'word'"),
        ("[1, 2]", "is not an object"),
        ("42", "expected a Vosk result"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "t.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["analyze", "-t", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err


def test_bad_profile_script_and_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "p.json"
    bad.write_text('{"name": "Dana"}', encoding="utf-8")
    take = str(TAKES / "clean.json")
    assert main(["analyze", "-t", take, "--profile", str(bad)]) == 2
    assert "missing: company, phone" in capsys.readouterr().err
    assert main(["analyze", "-t", take, "--script", str(tmp_path / "none.txt")]) == 2
    assert "cannot read script" in capsys.readouterr().err
    assert main(["analyze"]) == 2
    assert "nothing to analyse" in capsys.readouterr().err
    assert main(["analyze", "-t", take, "--limit", "-3"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_settings_file_overrides_thresholds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "s.json"
    settings.write_text(json.dumps({"pace_max_wpm": 140}), encoding="utf-8")
    assert main(["analyze", "-t", str(TAKES / "clean.json"), "--settings", str(settings), "--json"]) == 0
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["flags"]] == ["pace_too_fast"]
    settings.write_text(json.dumps({"pace_max_wpm": "fast"}), encoding="utf-8")
    assert main(["analyze", "-t", str(TAKES / "clean.json"), "--settings", str(settings)]) == 2


def test_subprocess_prints_exactly_one_json_object() -> None:
    cmd = [sys.executable, "-m", "voicecoach", "analyze", "-t", str(TAKES / "filler_heavy.json"), *COMMON, "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    data, end = json.JSONDecoder().raw_decode(done.stdout)
    assert done.stdout[end:].strip() == ""
    assert [f["code"] for f in data["flags"]] == ["rambling"]


def test_subprocess_bad_input_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("{", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "voicecoach", "analyze", "-t", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.startswith("voicecoach: transcript")


def test_toml_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(
        '[profile]\nname = "Dana Whitfield"\ncompany = "Northwind Realty"\nphone = "415-555-0142"\n', encoding="utf-8"
    )
    assert main(["analyze", "-t", str(TAKES / "clean.json"), "--profile", str(profile)]) == 0
    assert "Heard: name yes, company yes, number yes (2×)" in capsys.readouterr().out


def test_referral_from_the_script_front_matter(capsys: pytest.CaptureFixture[str]) -> None:
    script = str(Path(__file__).parents[2] / "assets" / "scripts" / "referral-voicemail.txt")
    take = str(TAKES / "clean.json")
    assert main(["analyze", "-t", take, "--script", script, "--profile", str(DATA / "profile.json"), "--json"]) == 0
    flags = {f["code"]: f for f in json.loads(capsys.readouterr().out)["flags"]}
    assert flags["referral_not_said"]["details"] == {"referral": "Priya Shah"}
    assert main(["analyze", "-t", take, "--referral", "Dana", "--json"]) == 0
    assert "referral_not_said" not in {f["code"] for f in json.loads(capsys.readouterr().out)["flags"]}


def test_a_transcript_carrying_poor_recognition_gets_a_provisional_score(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.core.takes import take
    from voicecoach.core.transcript import RecognitionEvidence

    korean = take("한 취한 게츠 레인 우드 를 할 수 앤제이 어티 숙원사업 사이사이 삶 의 재활원 수원 재우 가 있어")
    path = tmp_path / "take.json"
    path.write_text(korean.with_recognition(RecognitionEvidence(voiced_seconds=9.0)).to_json(), encoding="utf-8")
    assert main(["analyze", "-t", str(path), *COMMON]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Couldn't hear you — I couldn't make out your words reliably")
    assert lines[1].startswith("No score: this take is not a result") and "Scored" not in out
    assert lines[2].endswith("(not verified: worked out from words I couldn't hear reliably)")
    assert "[recognition_unreliable] I couldn't hear this take reliably" in out
    assert "You didn't say" not in out
