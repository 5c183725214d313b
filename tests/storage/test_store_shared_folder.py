"""A process that holds the database open keeps its -wal and -shm while other processes come and go.

SQLite's WAL locks are POSIX locks, and a plain ``open()``/``close()`` of the database (or its -shm) by a
process that holds a connection drops every lock that process has on it. Another process closing its own
connection then believes it is the last one, checkpoints and deletes the -wal and -shm under the first:
the next write goes to a file nobody else sees and the database ends up "malformed".
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from voicecoach.storage import open_store
from voicecoach.storage.health import check_before_open, database_problem, quick_check

ROOT = Path(__file__).resolve().parents[2]
_OPEN_AND_CLOSE = "import sys; from voicecoach.storage import open_store; open_store(sys.argv[1]).close()"


def _other_process_opens_and_closes(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", _OPEN_AND_CLOSE, str(db_path)], check=True, env=env, timeout=60)


def _deleted_fds() -> list[str]:
    fd_dir = Path("/proc/self/fd")
    found = []
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.endswith(" (deleted)") and "voicecoach.db" in target:
            found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see deleted files")
@pytest.mark.parametrize("check", [check_before_open, quick_check, database_problem],
                         ids=["open-check", "quick-check", "full-check"])
def test_checks_inside_a_process_holding_the_database_keep_its_wal(tmp_path: Path, check) -> None:
    db_path = tmp_path / "voicecoach.db"
    with open_store(db_path) as store:
        store.add_script("Roof intro", "Hi, this is Ann.", time_limit=30)  # the -wal holds a commit
        check(db_path)  # what a second store in the same process (the team sync) runs on opening
        _other_process_opens_and_closes(db_path)
        assert _deleted_fds() == []
        assert (tmp_path / "voicecoach.db-wal").exists() and (tmp_path / "voicecoach.db-shm").exists()
        store.add_script("Cold call", "Hello again.", time_limit=30)
    with open_store(db_path) as again:
        assert [r["title"] for r in again.query("SELECT title FROM scripts ORDER BY id")] == ["Roof intro",
                                                                                            "Cold call"]
        assert again.integrity_ok()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see deleted files")
def test_a_second_store_in_the_same_process_keeps_the_first_ones_wal(tmp_path: Path) -> None:
    db_path = tmp_path / "voicecoach.db"
    with open_store(db_path) as window:
        window.add_script("Roof intro", "Hi, this is Ann.", time_limit=30)
        with open_store(db_path) as sync:
            sync.query("SELECT count(*) FROM takes")
        _other_process_opens_and_closes(db_path)
        assert _deleted_fds() == []
        window.add_script("Cold call", "Hello again.", time_limit=30)
    with open_store(db_path) as again:
        assert again.query("SELECT count(*) FROM scripts")[0][0] == 2
        assert again.integrity_ok()


_DATABASE_NAMES = ("db_path", "-wal", "-shm", "database_path", "voicecoach.db", "self.path", "store.path")
_RAW_READS = {"open", "read_bytes", "read_text", "copyfile", "copy", "copy2", "copyfileobj", "fdopen", "mmap"}


def _raw_reads_of_database_files(path: Path) -> list[str]:
    """Calls in ``path`` that read a file with plain I/O in a function that also names the database."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        source = ast.get_source_segment(path.read_text(encoding="utf-8"), func) or ""
        if not any(mark in source for mark in _DATABASE_NAMES):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in _RAW_READS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {func.name}() calls {name}()")
    return found


def test_no_storage_code_reads_the_database_files_with_plain_io() -> None:
    """Header checks, hashing, copying and size checks of the database go through SQLite, never open();
    ``storage/sharing.py`` alone reads the -wal/-shm headers, and only while no connection is open here."""
    offenders = []
    for folder in ("storage", "cli", "ui"):
        for path in sorted((ROOT / "voicecoach" / folder).rglob("*.py")):
            if path != ROOT / "voicecoach" / "storage" / "sharing.py":
                offenders += _raw_reads_of_database_files(path)
    assert offenders == []
