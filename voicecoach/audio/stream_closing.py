"""Closing a finished take's PortAudio stream off the take's path, and waiting for it when it matters.

Through PulseAudio, stopping a stream takes from a few to hundreds of milliseconds (it drains and tears
down), and nothing in the take needs it: ``close_aside`` aborts and closes it on a thread of its own.
``wait_streams_closed`` is called before a new stream opens (PortAudio does not like a stream opened
while another is still closing) and by an app before it exits.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

__all__ = ["close_aside", "shut", "wait_streams_closed"]

# Streams handed to a closing thread and not closed yet (see wait_streams_closed).
_closing: set[threading.Thread] = set()
_closing_lock = threading.Lock()


def wait_streams_closed(timeout: float = 5.0) -> bool:
    """Block until every stream a finished take left closing is closed; False if one is still closing."""
    deadline = time.monotonic() + timeout
    with _closing_lock:
        threads = list(_closing)
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(thread.is_alive() for thread in threads)


def close_aside(stream: Any, closed: Callable[[], None]) -> None:
    """Abort and close ``stream`` on a thread of its own; ``closed()`` runs there once it is."""
    thread = threading.Thread(target=shut, args=(stream, closed), name="voicecoach-stream-close", daemon=True)
    with _closing_lock:
        _closing.add(thread)
    thread.start()


def shut(stream: Any, closed: Callable[[], None]) -> None:
    """Abort and close ``stream`` here and now, then ``closed()``.

    Abort rather than stop: the take has already ended, so whatever PortAudio still holds is not part of
    it and need not be drained.
    """
    try:
        with contextlib.suppress(Exception):
            getattr(stream, "abort", stream.stop)()
        with contextlib.suppress(Exception):
            stream.close()
    finally:
        closed()
        with _closing_lock:
            _closing.discard(threading.current_thread())
