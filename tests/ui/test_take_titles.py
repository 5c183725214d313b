"""A stored take's title on the Coach page: "take N" is the script's take; "attempt" is only a cadence's."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from voicecoach.core.judgement import JudgementContext
from voicecoach.ui.take_pipeline import StoredTake


def _stored(judgement: JudgementContext | None, judged_at: datetime | None = None) -> StoredTake:
    take: Any = SimpleNamespace(attempt=10, started_at=datetime(2026, 3, 4, 9, 30), judged_at=judged_at,
                                judgement=judgement)
    return StoredTake(take=take, script=SimpleNamespace(title="Expired listing"), notes=[], report=None)


def test_outside_a_cadence_the_title_says_take_not_attempt() -> None:
    title = _stored(JudgementContext()).title
    assert title == "Expired listing — take 10, 04 Mar 2026 09:30"
    assert _stored(None).title == title  # a take stored before judgements were kept


def test_inside_a_cadence_the_title_names_the_take_and_the_cadence_attempt() -> None:
    title = _stored(JudgementContext(cadence="Cold series", attempt=1)).title
    assert title == "Expired listing — take 10 of Cold series · attempt 1, 04 Mar 2026 09:30"


def test_a_take_judged_again_still_says_so() -> None:
    title = _stored(JudgementContext(), judged_at=datetime(2026, 3, 9, 12, 0)).title
    assert title.startswith("Expired listing — take 10, 04 Mar 2026 09:30 · judged again on ")


def test_the_progress_table_counts_takes_not_attempts() -> None:
    """The column holds the script's take number; "attempt" is a cadence's voicemail number."""
    from voicecoach.ui.views.progress import COLUMNS

    assert "Take" in COLUMNS and "Attempt" not in COLUMNS
