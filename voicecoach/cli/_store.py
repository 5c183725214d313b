"""Opening the store for commands that only read (history, progress, export).

A data folder that cannot be written (a read-only share, a write-protected USB stick) is still browsed:
the database is checked like any other and opened read-only, with one line on stderr saying so; commands
that save say it is read-only and exit 2 instead.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["open_for_reading"]


def open_for_reading() -> Any:
    from voicecoach.storage import open_store
    from voicecoach.storage.errors import ReadOnlyDataError

    try:
        return open_store()
    except ReadOnlyDataError as exc:
        store = open_store(read_only=True)
        print(f"voicecoach: {exc.folder} is read-only, so nothing can be saved there; showing what is saved.",
              file=sys.stderr)
        return store
