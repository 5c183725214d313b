"""Fuzzers for every input file the command line reads: transcript, script, profile (JSON and TOML), settings.

Whatever the bytes, `voicecoach analyze` / `lint-script` either works (exit 0) or says what is wrong in one
line (exit 2): never a traceback, never another exit code, and the input file is left as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voicecoach.cli.main import main
from voicecoach.core.settings import Settings

DATA = Path(__file__).parents[1] / "data"
CLEAN = DATA / "takes" / "clean.json"
SCRIPT = DATA / "scripts" / "expired-listing.txt"
PROFILE = DATA / "profile.json"
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BOM = b"\xef\xbb\xbf"
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**30, max_value=10**400)
           | st.floats(allow_nan=False) | st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=25)
words = st.fixed_dictionaries({"word": st.text(max_size=12) | st.sampled_from(["dana", "four", "one", "five"]),
                               "start": scalars, "end": scalars}, optional={"conf": scalars})
vosk_like = st.lists(st.fixed_dictionaries({"result": st.lists(words, max_size=6)}, optional={"text": scalars}),
                     max_size=4)


def _mangle(raw: bytes, how: str) -> bytes:
    return {"bom": BOM + raw, "cut": raw[: len(raw) // 2], "latin": raw.decode("utf-8", "replace").encode("latin-1",
            "replace"), "nest": b"[" * 5000 + raw + b"]" * 5000, "same": raw}[how]


def _run(argv: list[str], path: Path) -> None:
    before = path.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code in (0, 2), (code, err.getvalue())
    if code == 2:
        message = err.getvalue()
        assert message.startswith("voicecoach: ") and message.count("\n") == 1, message
        assert "Traceback" not in message and "Error:" not in message
    assert path.read_bytes() == before


def _file(data: bytes, suffix: str) -> tuple[tempfile.TemporaryDirectory[str], Path]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / f"input{suffix}"
    path.write_bytes(data)
    return folder, path


@FUZZ
@given(st.one_of(json_values, vosk_like), st.sampled_from(["same", "bom", "cut", "latin", "nest"]))
def test_any_transcript_file(value: Any, how: str) -> None:
    folder, path = _file(_mangle(json.dumps(value).encode(), how), ".json")
    with folder:
        _run(["analyze", "-t", str(path), "--script", str(SCRIPT), "--profile", str(PROFILE), "--json"], path)


@FUZZ
@given(st.text(max_size=400), st.sampled_from(["same", "bom", "cut"]),
       st.lists(st.sampled_from(["title: T", "limit: 12", "limit: soon", "limit: -4", "referral: Priya",
                                 "time_limit: 1e999", "---", "odd line"]), max_size=4))
def test_any_script_file(body: str, how: str, front: list[str]) -> None:
    text = "\n".join([*front, body]) if front else body
    folder, path = _file(_mangle(text.encode("utf-8", "surrogatepass"), how), ".txt")
    with folder:
        _run(["lint-script", str(path), "--profile", str(PROFILE)], path)
        _run(["analyze", "-t", str(CLEAN), "--script", str(path)], path)


profile_values = st.fixed_dictionaries(
    {}, optional={"name": scalars, "company": scalars, "phone": scalars | st.sampled_from(
        ["ext 12", "call me", "+1 415-555-0142 x7", "020 7946 0958", "+999 1", "12"]),
        "website": scalars, "email": scalars})


@FUZZ
@given(profile_values | json_values, st.booleans(), st.sampled_from(["same", "bom", "cut"]))
def test_any_profile_file(value: Any, wrapped: bool, how: str) -> None:
    data = {"profile": value} if wrapped else value
    folder, path = _file(_mangle(json.dumps(data).encode(), how), ".json")
    with folder:
        _run(["lint-script", str(SCRIPT), "--profile", str(path)], path)


@FUZZ
@given(st.dictionaries(st.text(max_size=12), st.text(max_size=20) | st.integers() | st.floats(), max_size=5),
       st.sampled_from(["same", "bom", "cut"]))
def test_any_toml_profile_file(value: dict[str, Any], how: str) -> None:
    lines = [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()]
    folder, path = _file(_mangle("\n".join(lines).encode(), how), ".toml")
    with folder:
        _run(["lint-script", str(SCRIPT), "--profile", str(path)], path)


setting_names = st.sampled_from([*Settings().to_dict(), "time_limit_secs", "", "__class__"])


@FUZZ
@given(st.dictionaries(setting_names, scalars | st.lists(scalars, max_size=3), max_size=6) | json_values,
       st.sampled_from(["same", "bom", "cut", "nest"]))
def test_any_settings_file(value: Any, how: str) -> None:
    folder, path = _file(_mangle(json.dumps(value).encode(), how), ".json")
    with folder:
        _run(["analyze", "-t", str(CLEAN), "--settings", str(path), "--json"], path)
