"""Other consumers of a take's audio, each fed on a thread of its own beside the recogniser.

A companion (a second, constrained decode; the sound meter) has the recogniser's ``feed()``/``finish()``
shape. ``CompanionFeed`` gives it a queue and a thread: the Recorder's consumer thread only enqueues each
block, the companion's work runs on the other core, and at the end of the take it finishes while the
recogniser does.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from typing import Any, Protocol

__all__ = ["Companion", "CompanionFeed"]

_STOP = object()


class Companion(Protocol):
    """Anything fed the take's audio as it arrives and asked for its result once when the take ends."""

    def feed(self, pcm: bytes) -> Any: ...

    def finish(self) -> Any: ...


class CompanionFeed:
    """One companion fed on a thread of its own: its work (a second decode, pitch tracking) runs beside
    the recogniser's on the other core instead of after it on the consumer thread, and at the end of the
    take it finishes while the recogniser does. A companion that raises is fed no more; its result is None.
    """

    def __init__(self, companion: Companion, index: int) -> None:
        self.companion = companion
        self.result: Any = None
        self._failed = False
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=f"voicecoach-companion-{index}", daemon=True)
        self._thread.start()

    def feed(self, data: bytes) -> None:
        if not self._failed:
            self._queue.put(data)

    def close(self) -> None:
        """No more audio: finish once what is queued has been fed."""
        self._queue.put(_STOP)

    def join(self) -> None:
        self._thread.join()

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            if self._failed:
                continue
            try:
                self.companion.feed(item)
            except Exception:  # a failing extra must cost neither the take nor the transcript
                self._failed = True
        if not self._failed:
            with contextlib.suppress(Exception):
                self.result = self.companion.finish()
