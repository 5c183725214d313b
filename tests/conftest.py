"""Shared test setup: no screen needed, and every test gets its own data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's data and models."""
    home = tmp_path_factory.mktemp("vc-home")
    monkeypatch.setenv("VOICECOACH_HOME", str(home))
    monkeypatch.delenv("VOICECOACH_MODEL", raising=False)
