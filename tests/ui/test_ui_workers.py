"""Background jobs that outlive their window: closing the app mid-job must stay quiet."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import shiboken6

from voicecoach.ui.workers import run_task, wait_for_background


def test_a_job_that_finishes_after_the_app_closed_is_dropped_quietly(
    qtbot: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    gate = threading.Event()
    results: list[Any] = []
    handle = run_task(lambda: gate.wait(5) and 42, on_done=results.append)
    shiboken6.delete(handle._relay)  # what closing the app does to the job's messenger
    gate.set()
    assert wait_for_background(5000)
    qtbot.wait(50)
    assert results == []
    err = capfd.readouterr().err
    assert "RuntimeError" not in err and "Traceback" not in err, err


def test_a_job_that_finishes_normally_reports_back(qtbot: Any) -> None:
    results: list[Any] = []
    run_task(lambda: 6 * 7, on_done=results.append)
    qtbot.waitUntil(lambda: results == [42])
