"""Storage fixtures: a fresh store in the per-test data folder, a rep with one script, an empty team folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.storage.builders import ANN
from voicecoach.storage import Store, open_store


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store()
    yield s
    s.close()


@pytest.fixture
def rep_and_script(store: Store) -> tuple[int, Any]:
    profile_id = store.add_profile(ANN)
    script = store.add_script("Roof intro", "Hi {prospect}, this is {name} from {company}.", time_limit=30)
    return profile_id, script


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """An empty shared team folder (what the team's sync tool or network share provides)."""
    folder = tmp_path / "team"
    folder.mkdir()
    return folder
