"""Takes dated at the calendar's edges (year 1, year 9999), pulled from a team folder or imported, are shown in
every time zone: `history`, `team status`, the coach's table and the session report never overflow."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.teamflow import rep_to_coach
from tests.storage.builders import ANN
from voicecoach.cli.main import main
from voicecoach.core.when import local_text, local_time, utc_time
from voicecoach.storage import Store

EDGES = ["9999-12-31T23:59:59.000+00:00", "0001-01-01T00:00:00.000+00:00"]
ZONES = ["Asia/Tokyo", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _team_with_an_edge_take(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stamp: str) -> None:
    def edge(store: Store) -> None:
        store.db.execute("UPDATE takes SET started_at = ? WHERE id = (SELECT min(id) FROM takes)", [stamp])

    rep_to_coach(tmp_path, monkeypatch, ANN, edge)


@pytest.mark.parametrize("stamp", EDGES)
def test_history_and_team_status_show_edge_dates_in_every_zone(stamp: str, zone: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    _team_with_an_edge_take(tmp_path, monkeypatch, stamp)
    capsys.readouterr()
    assert main(["team", "status"]) == 0
    assert main(["history"]) == 0
    assert main(["history", "--json"]) == 0
    out, err = capsys.readouterr()
    assert stamp[:4] in out and "Traceback" not in err and "Overflow" not in out + err


@pytest.mark.parametrize("stamp", EDGES)
def test_the_one_conversion_shows_edge_dates_in_their_own_zone(stamp: str, zone: str) -> None:
    value = datetime.fromisoformat(stamp)
    try:
        moved = value.astimezone()
        expected = f"{moved.year:04d}" + moved.strftime("-%m-%d %H:%M")
    except OverflowError:
        expected = f"{value.year:04d}" + value.strftime("-%m-%d %H:%M") + " UTC"
    assert local_text(value, "%Y-%m-%d %H:%M") == expected
    assert local_text(None, "%Y", "never") == "never"
    assert local_time(value) == value and utc_time(value) == value  # the same instant, whichever zone it is in


@pytest.mark.parametrize("stamp", EDGES)
def test_the_coach_table_and_the_session_report_show_edge_dates(stamp: str, zone: str) -> None:
    from voicecoach.storage.session_html import _when as report_when
    from voicecoach.ui.widgets.team_table import _when as table_when

    value = datetime.fromisoformat(stamp)
    assert stamp[:4] in table_when(value) + report_when(value)


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_an_imported_take_dated_past_the_edge_in_utc_is_stored_and_listed(stamp: str, zone: str,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """UTC itself would carry these times off the calendar; the take keeps its own offset instead."""
    from tests.storage.builders import report_dict, transcript_of
    from voicecoach.storage import open_store

    with open_store() as store:
        script = store.add_script("Intro", "Hi")
        store.save_take(profile_id=store.add_profile(ANN), script_version_id=script.version_id,
                        transcript=transcript_of("hi there"), report=report_dict(), started_at=stamp)
    assert main(["history"]) == 0
    assert stamp[:4] in capsys.readouterr().out
