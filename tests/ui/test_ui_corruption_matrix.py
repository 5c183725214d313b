"""The window's column of the corruption matrix (tests/cli/test_corruption_matrix.py): every kind of damage is
named in the start-up message with the backup offered, and the database is not written to."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli.test_corruption_matrix import SAYS, damaged_home
from tests.storage import damage
from voicecoach import paths


@pytest.mark.parametrize("kind", list(SAYS))
def test_the_window_offers_the_backup_for_every_damage_without_writing(kind: str, qtbot: Any,
                                                                       make_app: Any) -> None:
    before = damaged_home(kind)
    app = make_app(seed=False)
    qtbot.waitUntil(lambda: app.startup.db_box is not None, timeout=5000)
    box = app.startup.db_box
    assert f"{paths.database_path()} is damaged (" in box.text() and SAYS[kind] in box.text()
    assert [b.text() for b in box.buttons()] == ["Restore last backup", "Quit"]
    assert damage.snapshot(paths.data_dir()) == before


def test_a_full_disk_at_start_is_called_full_and_offers_no_restore(qtbot: Any, make_app: Any, tiny_disk: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Offering "Restore last backup" for a sound database on a full disk would replace it with an older one."""
    from tests.storage.test_store_full_disk import _fill, _practice

    monkeypatch.setenv("VOICECOACH_HOME", str(tiny_disk))
    _practice(paths.database_path(), 2)
    _fill(tiny_disk)
    before = damage.snapshot(paths.data_dir())
    app = make_app(seed=False)
    qtbot.waitUntil(lambda: app.startup.db_box is not None, timeout=5000)
    box = app.startup.db_box
    assert "is full" in box.text() and "damaged" not in box.text()
    assert [b.text() for b in box.buttons()] == ["Quit"]
    assert damage.snapshot(paths.data_dir()) == before
