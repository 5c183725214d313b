"""Fuzzers for the cadence files (TOML) and call lists (CSV) the command line reads: whatever the bytes,
`voicecoach cadence show`, `analyze --cadence` and `cadence calls` work or say what is wrong in one line (exit 2),
never a traceback, and the file is left as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.cli.test_fuzz_input_files import CLEAN, FUZZ, PROFILE, _file, _mangle, _run, scalars

ROOT = Path(__file__).parents[2]
COLD = ROOT / "assets" / "cadences" / "cold-series.toml"
attempt_keys = st.sampled_from(["day", "topic", "text", "script", "title", "limit", "referral", "topik", ""])
attempt_values = scalars | st.sampled_from(["Hi {prospect}, it's {name}, {phone}.", "../scripts/cold-voicemail.txt",
                                            "/etc/passwd", "~/x.txt", "c:x.txt", "", "a" * 300])
attempts = st.lists(st.dictionaries(attempt_keys, attempt_values, max_size=6), max_size=4)
tops = st.dictionaries(st.sampled_from(["name", "description", "follow_up", "nme"]), scalars, max_size=3)


def _toml(top: dict[str, Any], items: list[dict[str, Any]]) -> str:
    lines = [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in top.items()]
    for item in items:
        lines += ["[[attempt]]", *(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in item.items())]
    return "\n".join(lines)


@FUZZ
@given(tops, attempts, st.sampled_from(["same", "bom", "cut", "latin", "nest"]))
def test_any_cadence_file(top: dict[str, Any], items: list[dict[str, Any]], how: str) -> None:
    folder, path = _file(_mangle(_toml(top, items).encode("utf-8", "surrogatepass"), how), ".toml")
    with folder:
        _run(["cadence", "show", str(path)], path)
        _run(["analyze", "-t", str(CLEAN), "--cadence", str(path), "--attempt", "1", "-p", str(PROFILE)], path)


cells = st.text(max_size=20) | st.sampled_from(["1", "2", "5", "6", "0", "-1", "two", "Jordan Lee", '"', ""])
headers = st.lists(st.sampled_from(["prospect", "name", "company", "trigger", "note", "attempt", "Attempt", "x"]),
                   min_size=0, max_size=5)


@FUZZ
@given(headers, st.lists(st.lists(cells, max_size=5), max_size=6), st.sampled_from(["same", "bom", "cut", "latin"]))
def test_any_call_list(header: list[str], rows: list[list[str]], how: str) -> None:
    text = "\n".join(",".join(row) for row in [header, *rows])
    folder, path = _file(_mangle(text.encode("utf-8", "surrogatepass"), how), ".csv")
    with folder:
        _run(["cadence", "calls", str(path), "--cadence", str(COLD)], path)
