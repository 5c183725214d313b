"""Keep what C libraries print on stderr (libmpg123, PortAudio, ALSA, JACK) away from the user.

Those libraries write straight to file descriptor 2 ("[src/libmpg123/id3.c:…] error: Bad tag length",
"ALSA lib pcm.c:… Unknown PCM cards.pcm.rear"), bypassing Python, so a rep reading a clean one-line
message also got lines about internals they can do nothing with. Around the native calls that do this,
descriptor 2 is pointed at a temporary file; what was caught goes to the log at DEBUG level instead, and
``VOICECOACH_NATIVE_STDERR=1`` lets it through unchanged for debugging.

The redirection is process-wide and reference-counted (threads may nest it); it is held only for the
length of a native call, so the app's own messages are not caught in it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from typing import IO

__all__ = ["quiet_native_stderr"]

log = logging.getLogger(__name__)

_lock = threading.Lock()
_depth = 0
_saved: int | None = None
_sink: IO[bytes] | None = None


def _enabled() -> bool:
    return os.environ.get("VOICECOACH_NATIVE_STDERR", "") not in ("1", "yes", "true")


def _begin() -> None:
    global _saved, _sink
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    sink = tempfile.TemporaryFile()  # noqa: SIM115 - closed in _end(), after the native call returns
    saved = os.dup(2)
    os.dup2(sink.fileno(), 2)
    _saved, _sink = saved, sink


def _end() -> None:
    global _saved, _sink
    saved, sink = _saved, _sink
    _saved = _sink = None
    if saved is None or sink is None:
        return
    os.dup2(saved, 2)
    os.close(saved)
    try:
        sink.seek(0)
        caught = sink.read(64 * 1024).decode("utf-8", "replace").strip()
    finally:
        sink.close()
    if caught:
        log.debug("native library output: %s", caught)


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Within the block, what native code writes to stderr is logged (DEBUG) instead of shown."""
    global _depth
    if not _enabled():
        yield
        return
    with _lock:
        if _depth == 0:
            with contextlib.suppress(OSError):  # no descriptor 2 (e.g. a windowed app): nothing to hide
                _begin()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _end()
