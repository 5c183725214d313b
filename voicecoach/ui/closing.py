"""What must end before the process does, in one place: ``Closing``, the app's one way out.

Each owner adds its closing step once, under a ``Stage``; ``close`` runs the steps stage by stage (a take
first, as its save still needs the store; the store last but one) and then waits for the worker pool, so
nothing is left running in a thread when the interpreter goes. It runs once; again it does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from voicecoach.ui.workers import wait_for_background

__all__ = ["Closing", "Stage"]


class Stage(IntEnum):
    """The order of the exit: lower first."""

    TAKES = 0  # the take being recorded or finished, and its save
    SERVICES = 1  # team folder syncs, a model download
    STORE = 2  # the database: its queue (a take's save among it) runs out, then it closes


class Closing:
    def __init__(self, wait_ms: int = 3000) -> None:
        self._steps: list[tuple[Stage, Callable[[], object]]] = []
        self._wait_ms = wait_ms
        self.closed = False

    def add(self, stage: Stage, step: Callable[[], object]) -> None:
        self._steps.append((stage, step))

    def close(self) -> bool:
        """Run every step, stage by stage; True once the worker pool is idle too (False: it was not within
        the wait, and the process ends anyway)."""
        if self.closed:
            return True
        self.closed = True
        for _stage, step in sorted(self._steps, key=lambda s: s[0]):
            step()
        return wait_for_background(self._wait_ms)
