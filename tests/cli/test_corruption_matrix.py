"""Every kind of damage against every command that opens the database: a one-line message that names the
file, says what is wrong and how to restore, exit code 2, and not one byte of the database changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.storage import damage
from voicecoach import paths
from voicecoach.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data"

# What the message says about each kind of damage (after "the database <path> is damaged (").
SAYS = {
    "garbage_header": "not an SQLite file",
    "takes_page": "btreeInitPage",
    "middle_page": "invalid page number",
    "truncated": "malformed",
    "empty": "the file is empty although backups are kept in",
    "missing": "the file is missing although backups are kept in",
    "foreign_wal": "voicecoach.db-wal has no matching -shm index",
    "index_disagrees": "missing from index idx_takes_uuid",
}

COMMANDS = {
    "history": ["history"],
    "progress": ["progress"],
    "export": ["export", "--format", "csv", "{out}"],
    "analyze --save": ["analyze", "--transcript", str(DATA / "takes" / "clean.json"), "--script",
                       str(DATA / "scripts" / "expired-listing.txt"), "--profile", str(DATA / "profile.json"),
                       "--save"],
}


def damaged_home(kind: str) -> dict[str, bytes]:
    damage.build_database(paths.database_path())
    damage.DAMAGE[kind](paths.database_path())
    return damage.snapshot(paths.data_dir())


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", list(SAYS))
def test_every_command_refuses_every_damage_without_writing(kind: str, command: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    before = damaged_home(kind)
    out = tmp_path / "out.csv"
    argv = [a.replace("{out}", str(out)) for a in COMMANDS[command]]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"the database {paths.database_path()} is damaged (" in err and SAYS[kind] in err
    assert "left untouched" in err and "voicecoach restore-backup --yes" in err
    assert damage.snapshot(paths.data_dir()) == before
    assert not out.exists()
