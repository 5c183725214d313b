"""`voicecoach reanalyze`: today's rules on stored takes, with their stored context; old reports kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicecoach.cli.main import main
from voicecoach.storage import open_store

DATA = Path(__file__).resolve().parents[1] / "data"
SCRIPT = DATA / "scripts" / "expired-listing.txt"
PROFILE = DATA / "profile.json"


def _save(capsys: pytest.CaptureFixture[str], take: str, *extra: str) -> dict:
    assert main(["analyze", "--transcript", str(DATA / "takes" / f"{take}.json"), "--script", str(SCRIPT),
                 "--profile", str(PROFILE), *extra, "--save", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_reanalyze_uses_the_stored_context_and_keeps_the_old_report(capsys: pytest.CaptureFixture[str]) -> None:
    saved = _save(capsys, "clean", "--prospect", "John", "--limit", "20")
    take_id = saved["saved_take_id"]
    with open_store() as store:  # a report from older rules: judged again, it is replaced and kept
        store.db.execute("UPDATE takes SET report = json_set(report, '$.score', 7), score = 7 WHERE id = ?",
                         [take_id])
        store.db.conn.commit()
    assert main(["reanalyze", str(take_id), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    [row] = out["takes"]
    assert (row["id"], row["previous_score"]) == (take_id, 7)
    assert row["report"] == {k: v for k, v in saved.items() if k != "saved_take_id"}, \
        "the stored prospect and 20 s limit were used, not the defaults"
    with open_store() as store:
        versions = store.report_versions(take_id)
        assert [v.score for v in versions] == [7, saved["score"]]
        assert store.get_take(take_id).judged_at is not None


def test_reanalyze_all_and_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    first = _save(capsys, "clean")["saved_take_id"]
    second = _save(capsys, "overrun")["saved_take_id"]
    assert main(["reanalyze", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"take {first}", f"take {second}"]
    assert all("judged again on" in line and "unchanged" in line for line in lines)
    assert main(["reanalyze"]) == 2
    assert "give take ids or --all" in capsys.readouterr().err
    assert main(["reanalyze", "--all", str(first)]) == 2
    assert main(["reanalyze", str(first), "999"]) == 2
    assert "999" in capsys.readouterr().err
    with open_store() as store:
        assert len(store.report_versions(first)) == 2, "a bad id stops before anything changes"


def test_reanalyze_all_carries_on_past_unreadable_takes(capsys: pytest.CaptureFixture[str]) -> None:
    ids = [_save(capsys, "clean")["saved_take_id"] for _ in range(4)]
    deep = '{"script": ' * 200_000 + "null" + "}" * 200_000
    with open_store() as store:
        store.db.execute("UPDATE takes SET judgement = ? WHERE id = ?", [deep, ids[1]])
        store.db.execute("UPDATE takes SET judgement = 'not json', transcript = '[[[[' WHERE id = ?", [ids[2]])
        store.db.conn.commit()
    assert main(["reanalyze", "--all"]) == 2
    out, err = capsys.readouterr()
    assert [line.split(":")[0] for line in out.splitlines()] == [f"take {ids[0]}", f"take {ids[3]}"]
    failures = err.splitlines()
    assert len(failures) == 3 and "Recursion" not in err and "Traceback" not in err
    assert failures[0].startswith(f"take {ids[1]}: could not be judged again") and "nested" in failures[0]
    assert failures[1].startswith(f"take {ids[2]}: could not be judged again")
    assert "2 of 4 takes were judged again; 2 could not be" in failures[2]
    with open_store() as store:
        assert [len(store.report_versions(i)) for i in ids] == [2, 1, 1, 2]
    assert main(["reanalyze", "--all", "--json"]) == 2
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert [row["id"] for row in summary["takes"]] == [ids[0], ids[3]]
    assert [row["id"] for row in summary["failed"]] == [ids[1], ids[2]]
