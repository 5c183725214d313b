"""The live view's work on a thread of its own: what the recogniser heard so far, checked as the rep speaks.

The Recorder's consumer thread calls ``hear(closed_words, open_words, seconds)`` each time the recogniser's
words change; that only stores them. The feed's thread runs ``checklist.update(words, seconds)`` (the
report's contact finder on the words so far, ``core.live``) on the newest words it has, skipping any it was
too busy to look at (only the latest state matters), and hands the state to ``on_state(state, heard_at)``,
``heard_at`` being when (``time.monotonic()``) the oldest words it had not yet checked came from the
recogniser. Neither the recogniser's thread nor the GUI's does this work. ``close()`` checks the last words
heard, then ends.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from voicecoach.core.transcript import Word

__all__ = ["Checklist", "LiveFeed"]


class Checklist(Protocol):
    def update(self, words: Sequence[Word], seconds: float, *, steady: Sequence[Any] = ()) -> Any: ...


class LiveFeed:
    def __init__(self, checklist: Checklist, on_state: Callable[[Any, float], None],
                 steady: Callable[[], Sequence[Any]] | None = None) -> None:
        self.checklist = checklist
        self.on_state = on_state
        self.steady = steady  # the sound meter's held stretches so far (for held "uhh"s), asked at each update
        self.last_state: Any = None
        self._pending: tuple[tuple[Word, ...], float, float] | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="voicecoach-live", daemon=True)
        self._thread.start()

    def hear(self, closed: Sequence[Word], open_words: Sequence[Word], seconds: float) -> None:
        """The recogniser's words changed: closed utterances' words (with times) and the open one's."""
        with self._lock:
            # Words skipped while the thread was busy are in the newer ones: the state's ``heard_at`` is when
            # the oldest of them was heard, so a tick's delay is never under-reported.
            first = self._pending[2] if self._pending is not None else time.monotonic()
            self._pending = ((*closed, *open_words), seconds, first)
        self._wake.set()

    def close(self) -> None:
        """No more words: check the last ones heard, then end (``join()`` waits for that)."""
        self._closed = True
        self._wake.set()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def _take(self) -> tuple[tuple[Word, ...], float, float] | None:
        with self._lock:
            item, self._pending = self._pending, None
            self._wake.clear()
        return item

    def _run(self) -> None:
        while True:
            self._wake.wait()
            item = self._take()
            if item is not None:
                self._check(*item)
            if self._closed and self._pending is None:
                return

    def _check(self, words: tuple[Word, ...], seconds: float, heard_at: float) -> None:
        with contextlib.suppress(Exception):  # the live view failing must cost neither the take nor the report
            steady = self.steady() if self.steady is not None else ()
            self.last_state = self.checklist.update(words, seconds, steady=steady)
            self.on_state(self.last_state, heard_at)
