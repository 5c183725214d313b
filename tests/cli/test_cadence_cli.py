"""`voicecoach cadence list | show | lint` and `voicecoach analyze --cadence FILE --attempt N`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.takes import take
from voicecoach import paths
from voicecoach.cli.main import main
from voicecoach.core.profile import load_profile
from voicecoach.core.script import fill_placeholders, plan_tokens
from voicecoach.storage.cadence_files import read_cadence as load_cadence

ROOT = Path(__file__).parents[2]
PROFILE = str(ROOT / "assets" / "sample-profile.json")
COLD = str(ROOT / "assets" / "cadences" / "cold-series.toml")


def test_list_shows_the_samples_and_a_broken_file_without_hiding_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    paths.cadences_dir().mkdir(parents=True)
    (paths.cadences_dir() / "broken.toml").write_text("name = [", encoding="utf-8")
    assert main(["cadence", "list"]) == 0
    out = capsys.readouterr().out
    assert "Cold series (sample): 5 voicemails, days 1, 4, 8, 14, 21" in out
    assert "Referral series (sample)" in out and "Re-engagement series (sample)" in out
    assert "broken.toml: cannot be read: cadence " in out and "is not valid TOML" in out


def test_show_by_name_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cadence", "show", "cold SERIES"]) == 0
    out = capsys.readouterr().out
    assert "Attempt 4, day 14: a cash offer from a buyer I work with" in out
    assert main(["cadence", "show", COLD, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cadence"] == "Cold series" and [a["day"] for a in data["attempts"]] == [1, 4, 8, 14, 21]
    assert data["attempts"][0]["script"] == "../scripts/cold-voicemail.txt"


@pytest.mark.parametrize("name", ["cold-series", "referral-series", "re-engagement-series"])
def test_the_samples_pass_lint_with_a_profile(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "assets" / "cadences" / f"{name}.toml")
    assert main(["cadence", "lint", path, "--profile", PROFILE]) == 0
    assert capsys.readouterr().out.rstrip().endswith("The cadence passes.")
    assert main(["cadence", "lint", path, "-p", PROFILE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is True and data["flags"] == [] and all(a["flags"] == [] for a in data["attempts"])


def test_two_attempts_with_one_topic_fail_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = Path(COLD).read_text(encoding="utf-8").replace("a free staging consultation", "the best month to list")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("../scripts/", str(ROOT / "assets" / "scripts").replace("\\", "/") + "/"),
                   encoding="utf-8")
    assert main(["cadence", "lint", str(bad), "--json"]) == 2  # an absolute script path is refused
    assert "relative to the cadence file" in capsys.readouterr().err
    (tmp_path / "cold-voicemail.txt").write_text((ROOT / "assets/scripts/cold-voicemail.txt").read_text("utf-8"),
                                                 encoding="utf-8")
    bad.write_text(text.replace("../scripts/", ""), encoding="utf-8")
    assert main(["cadence", "lint", str(bad), "-p", PROFILE, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False
    assert [(f["code"], f["details"]["attempts"]) for f in data["flags"]] == [("cadence_same_topic", [2, 3])]
    assert main(["cadence", "lint", str(bad), "-p", PROFILE]) == 1
    assert "[cadence_same_topic] Attempts 2 and 3 have the same topic" in capsys.readouterr().out


def test_bad_input_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text("name = 'x'\n[[attempt]]\nday = 1\ntopik = 'y'\ntext = 'Hi'\n", encoding="utf-8")
    before = bad.read_bytes()
    for argv in (["cadence", "lint", str(bad)], ["cadence", "show", "Nope"],
                 ["cadence", "lint", str(tmp_path / "missing.toml")]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("voicecoach: ") and err.count("\n") == 1, err
    assert bad.read_bytes() == before


def transcript_file(tmp_path: Path, attempt: int, extra: str) -> str:
    script = load_cadence(COLD).attempt(attempt).script.text
    words = " ".join(plan_tokens(fill_placeholders(script, load_profile(PROFILE), prospect="Jordan"))) + extra
    path = tmp_path / f"t{attempt}.json"
    path.write_text(take(words).to_json(), encoding="utf-8")
    return str(path)


def analyze_codes(capsys: pytest.CaptureFixture[str], transcript: str, attempt: int) -> tuple[list[str], dict]:
    argv = ["analyze", "--transcript", transcript, "--cadence", COLD, "--attempt", str(attempt), "-p", PROFILE,
            "--prospect", "Jordan", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    return [f["code"] for f in data["flags"]], data


def test_analyze_takes_the_attempt_from_the_cadence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said = transcript_file(tmp_path, 1, " following up on my voicemail last week")
    found, data = analyze_codes(capsys, said, 1)
    assert "false_follow_up" in found and (data["cadence"], data["attempt"]) == ("Cold series", 1)
    found, data = analyze_codes(capsys, transcript_file(tmp_path, 3, " following up on my voicemail last week"), 3)
    assert "false_follow_up" not in found and data["attempt"] == 3
    pitch = transcript_file(tmp_path, 2, " a buyer i work with has cash ready and could make you an offer")
    assert "off_topic" in analyze_codes(capsys, pitch, 2)[0]
    assert "off_topic" not in analyze_codes(capsys, pitch, 4)[0]
    assert main(["analyze", "--transcript", pitch, "--cadence", COLD]) == 2
    assert "--cadence and --attempt go together" in capsys.readouterr().err
    assert main(["analyze", "--transcript", pitch, "--cadence", COLD, "--attempt", "9"]) == 2
    assert "attempts 1 to 5, not 9" in capsys.readouterr().err


def test_team_status_shows_each_reps_cadence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from tests.storage.teamkit import coach_home, rep_home
    from tests.storage.test_store_cadence import rehearse
    from voicecoach.storage.team import sync

    team = tmp_path / "team"
    team.mkdir()
    rep, membership = rep_home(tmp_path / "rep", team, takes=0)
    for attempt in (1, 1, 1, 2):
        rehearse(rep, membership.profile_id or 0, attempt)
    coach, _ = coach_home(tmp_path / "coach", team)
    sync(rep)
    sync(coach)
    rep.close()
    coach.close()
    monkeypatch.setenv("VOICECOACH_HOME", str(tmp_path / "coach"))
    assert main(["team", "status"]) == 0
    out = capsys.readouterr().out
    assert "cadence" in out.splitlines()[2] and out.rstrip().endswith("Cold series: 1 of 5 voicemails ready")
    assert main(["team", "status", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)["reps"]
    assert row["cadence_attempts"][0] == "Attempt 1 (what homes on your street sell for): ready, best 90"


def test_calls_shows_each_prospects_next_voicemail_and_who_is_ready(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from tests.storage.builders import ANN
    from tests.storage.test_store_cadence import rehearse
    from voicecoach.storage import open_store

    cadence = tmp_path / "c.toml"  # the cold series with a {trigger} in attempt 2, beside its first script
    text = Path(COLD).read_text(encoding="utf-8").replace("../scripts/", "")
    cadence.write_text(text.replace("I left you a message on Monday.", "I left you a message about {trigger}."),
                       encoding="utf-8")
    (tmp_path / "cold-voicemail.txt").write_text((ROOT / "assets/scripts/cold-voicemail.txt").read_text("utf-8"),
                                                 encoding="utf-8")
    calls = tmp_path / "calls.csv"
    calls.write_text("prospect,company,trigger,attempt\nJordan Lee,Acme,the Elm Street listing,2\nSam Ortiz,,,1\n"
                     "Priya Shah,,,2\n", encoding="utf-8")
    with open_store() as store:
        pid = store.add_profile(ANN)
        for _ in range(3):
            rehearse(store, pid, 1)
    assert main(["cadence", "calls", str(calls), "--cadence", str(cadence)]) == 0
    out = capsys.readouterr().out
    assert "Jordan Lee (Acme) · attempt 2, day 4: the best month to list · to practise" in out
    assert "Hi Jordan Lee, Ann with Acme Roofing again" in out and "a message about the Elm Street listing." in out
    assert "Sam Ortiz · attempt 1, day 1: what homes on your street sell for · ready" in out
    assert out.rstrip().endswith("3 prospects: 1 ready, 2 to practise")
    assert main(["cadence", "calls", str(calls), "--cadence", str(cadence), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == "3 prospects: 1 ready, 2 to practise" and data["rep"] == "Ann Lee"
    assert [c["ready"] for c in data["calls"]] == [False, True, False]
    calls.write_text("prospect,attempt\nJo,9\n", encoding="utf-8")
    assert main(["cadence", "calls", str(calls), "--cadence", str(cadence)]) == 2
    assert "attempt must be a whole number from 1 to 5, got '9'" in capsys.readouterr().err


def test_a_cadence_reaching_outside_its_folder_is_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "private.txt").write_text("Hi {prospect}, it's {name}, {phone}. Secret words.\n", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "s.txt").symlink_to(tmp_path / "private.txt")
    for script in ("../private.txt", "s.txt"):
        cadence = tmp_path / "shared" / "c.toml"
        cadence.write_text(f"name = 'x'\n[[attempt]]\nday = 1\ntopic = 'prices'\nscript = '{script}'\n",
                           encoding="utf-8")
        before = cadence.read_bytes()
        assert main(["cadence", "show", str(cadence)]) == 2
        out, err = capsys.readouterr()
        assert "Secret" not in out + err and len(err.strip().splitlines()) == 1 and "outside" in err
        assert cadence.read_bytes() == before


def test_an_empty_cadence_name_asks_for_one(capsys: pytest.CaptureFixture[str]) -> None:
    for ref in ("", "   "):
        assert main(["cadence", "show", ref]) == 2
        err = capsys.readouterr().err
        assert "give a cadence's name or its .toml file" in err and "folder" not in err
