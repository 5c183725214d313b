"""Hostile input files on the command line: one clear line and exit 2, never a traceback, never a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from voicecoach.cli.main import main

DATA = Path(__file__).parents[1] / "data"
TAKES = DATA / "takes"
SCRIPT = DATA / "scripts" / "expired-listing.txt"
PROFILE = DATA / "profile.json"
VOCAB_TEXT = "hi it's dana with northwind realty four one five five five five um the house"
DEEP = "[" * 100_000 + "]" * 100_000


def _fails_cleanly(argv: list[str], capsys: pytest.CaptureFixture[str], *says: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("voicecoach: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "recursion" not in err.lower() and "int_max_str_digits" not in err
    for text in says:
        assert text in err, err
    return err


# -- point 10: deep nesting ------------------------------------------------------------------------------
@pytest.mark.parametrize("option", ["--transcript", "--settings", "--profile"])
def test_deeply_nested_json_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  option: str) -> None:
    bad = tmp_path / "deep.json"
    bad.write_text(DEEP, encoding="utf-8")
    argv = ["analyze", "-t", str(TAKES / "clean.json"), option, str(bad)]
    if option == "--transcript":
        argv = ["analyze", "-t", str(bad)]
    _fails_cleanly(argv, capsys, "nested more than")


def test_deeply_nested_toml_profile_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "deep.toml"
    bad.write_text("name = " + DEEP + "\n", encoding="utf-8")
    _fails_cleanly(["analyze", "-t", str(TAKES / "clean.json"), "--profile", str(bad)], capsys, "nested more than")


def test_moderately_nested_json_that_survives_parsing_is_refused_too(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "t.json"
    bad.write_text('[{"result": [], "text": "", "x": ' + "[" * 500 + "]" * 500 + "}]", encoding="utf-8")
    _fails_cleanly(["analyze", "-t", str(bad)], capsys, "nested more than")


# -- point 11: huge integers as word times -----------------------------------------------------------------
@pytest.mark.parametrize("digits", [401, 5000])
def test_huge_integer_word_time_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   digits: int) -> None:
    bad = tmp_path / "t.json"
    bad.write_text('{"result": [{"word": "hi", "start": 0, "end": ' + "9" * digits + '}], "text": "hi"}',
                   encoding="utf-8")
    _fails_cleanly(["analyze", "-t", str(bad)], capsys, "times must")


# -- point 16: FIFOs --------------------------------------------------------------------------------------
def _run_with_fifo(tmp_path: Path, make_argv: Callable[[str], list[str]]) -> subprocess.CompletedProcess[str]:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    # A hang is the bug: the timeout turns it into a failure instead of a stuck suite.
    return subprocess.run([sys.executable, "-m", "voicecoach", *make_argv(str(fifo))], capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.mark.parametrize("make_argv", [
    lambda f: ["analyze", "-t", f],
    lambda f: ["analyze", "-t", str(TAKES / "clean.json"), "--script", f],
    lambda f: ["analyze", "-t", str(TAKES / "clean.json"), "--profile", f],
    lambda f: ["analyze", "-t", str(TAKES / "clean.json"), "--settings", f],
    lambda f: ["lint-script", f],
    lambda f: ["analyze", f],
], ids=["transcript", "script", "profile", "settings", "lint-script", "audio"])
def test_a_fifo_is_refused_at_once_as_not_a_regular_file(tmp_path: Path, make_argv: Callable[[str], list[str]],
                                                          ) -> None:
    try:
        done = _run_with_fifo(tmp_path, make_argv)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO blocked")
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


# -- point 17: byte-order marks ---------------------------------------------------------------------------
def test_script_with_a_bom_keeps_its_front_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "s.txt"
    script.write_text("\ufefftitle: Short\nlimit: 12\n---\nHi, it's Dana with Northwind Realty.\n", encoding="utf-8")
    assert main(["lint-script", str(script), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["time_limit"] == 12 and data["title"] == "Short"


@pytest.mark.parametrize("option", ["--transcript", "--settings", "--profile"])
def test_json_with_a_bom_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    source = {"--transcript": TAKES / "clean.json", "--profile": PROFILE}.get(option)
    text = source.read_text(encoding="utf-8") if source else '{"min_words": 5}'
    bommed = tmp_path / "bom.json"
    bommed.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    argv = ["analyze", "-t", str(TAKES / "clean.json"), option, str(bommed), "--json"]
    if option == "--transcript":
        argv = ["analyze", "-t", str(bommed), "--json"]
    assert main(argv) == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["words"] > 0


def test_toml_profile_with_a_bom_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prof = tmp_path / "p.toml"
    prof.write_bytes(b"\xef\xbb\xbf" + b'name = "Dana Whitfield"\ncompany = "Northwind"\nphone = "415-555-0142"\n')
    assert main(["lint-script", str(SCRIPT), "--profile", str(prof), "--json"]) == 0


# -- point 22: unknown settings ---------------------------------------------------------------------------
def test_unknown_settings_key_is_refused_naming_the_nearest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "s.json"
    bad.write_text('{"time_limit_secs": 20}', encoding="utf-8")
    _fails_cleanly(["analyze", "-t", str(TAKES / "clean.json"), "--settings", str(bad)], capsys,
                   "'time_limit_secs'", "'time_limit_seconds'")


# -- point 20: raw internals -------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["analyze", "-t", str(TAKES / "overrun.json"), "--script", str(SCRIPT), "--profile", str(PROFILE)],
    ["history"],
], ids=["analyze", "history"])
def test_a_closed_pipe_is_a_normal_end(argv: list[str]) -> None:
    """`voicecoach history | head -0`: the reader is gone before the first write."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "voicecoach", *argv], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    finally:
        os.close(write_end)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.parametrize("value", ["inf", "nan", "1e9"])
def test_record_seconds_must_be_a_real_duration(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["record", "x.wav", "--seconds", value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--seconds" in err and "float" not in err


# -- points 13 and 14: input bounds (the time each takes is measured by bench/inputs.py) ----------------
def _take(words: int) -> list[dict[str, object]]:
    vocab = VOCAB_TEXT.split()
    return [{"result": [{"word": vocab[i % len(vocab)], "start": i * 0.3, "end": i * 0.3 + 0.2, "conf": 1.0}
                        for i in range(words)], "text": ""}]


def test_a_transcript_longer_than_any_take_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.json"
    big.write_text(json.dumps(_take(6000)), encoding="utf-8")
    _fails_cleanly(["analyze", "-t", str(big), "--profile", str(PROFILE)], capsys, "more than 5,000 words")


def test_a_script_longer_than_any_voicemail_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Hi {prospect}, it's {name} with {company}. " * 400, encoding="utf-8")
    _fails_cleanly(["lint-script", str(big)], capsys, "script", "characters long", "10,000")
    _fails_cleanly(["analyze", "-t", str(TAKES / "clean.json"), "--script", str(big)], capsys, "characters long")


def test_a_huge_script_file_is_refused_before_it_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (5 * 1024 * 1024))
    _fails_cleanly(["lint-script", str(big)], capsys, "larger than")


def test_a_prospect_name_is_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    _fails_cleanly(["analyze", "-t", str(TAKES / "clean.json"), "--prospect", "Sam Lee " * 100], capsys,
                   "--prospect name", "characters long")


# -- long audio, long words: the work is bounded before it starts ----------------------------------------
def _silence(path: Path, seconds: float, rate: int = 8000) -> Path:
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        w.writeframes(b"\x80" * int(rate * seconds))
    return path


def test_audio_longer_than_the_limit_is_refused_before_decoding(tmp_path: Path, ko_model_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from voicecoach.core.inputs import MAX_AUDIO_SECONDS

    long = _silence(tmp_path / "meeting.wav", MAX_AUDIO_SECONDS + 60)
    for command in (["analyze", str(long), "--model", str(ko_model_path)],
                    ["transcribe", str(long), "--model", str(ko_model_path)]):
        _fails_cleanly(command, capsys, "meeting.wav", "11 minutes", "10 minutes")


def test_a_400000_letter_word_with_a_profile_is_judged_quickly(tmp_path: Path) -> None:
    """One absurd word must not make the pronunciation guesser run for minutes or crash the process."""
    word = "a" * 400_000
    take = tmp_path / "long-word.json"
    take.write_text(json.dumps([{"result": [{"word": w, "start": i * 0.4, "end": i * 0.4 + 0.3, "conf": 1.0}
                                            for i, w in enumerate(["hi", "it's", word, "dana"])],
                                 "text": f"hi it's {word} dana"}]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "voicecoach", "analyze", "-t", str(take), "--profile", str(PROFILE),
                           "--json"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert done.returncode == 0, done.stderr[-500:]
    assert json.loads(done.stdout)["words"] == 4
