"""One sync: publish what is new here, then pull what others wrote. Safe to run at any time, any number of times.

A missing team folder (an unmounted share, a laptop offline) is not an error: the sync says so and
changes nothing; the next one catches up. Only this install's own subfolder is ever written. One sync
per data folder runs at a time, across processes (``lock.SyncLock``): publishing and pulling both run
under it, so the app and `voicecoach team sync` in one home never write one manifest or pull one take twice
at once; a sync that finds the lock held is skipped and says so (``SyncOutcome.busy``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from voicecoach.storage.errors import StoreError
from voicecoach.storage.team.lock import SyncLock
from voicecoach.storage.team.membership import Membership, Role, current, record_sync
from voicecoach.storage.team.outcome import SyncOutcome
from voicecoach.storage.team.publish import publish
from voicecoach.storage.team.pull_notes import pull_coaches
from voicecoach.storage.team.pull_takes import pull_reps

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["sync"]


def sync(store: Store, membership: Membership | None = None, *, pull: bool = True,
         publish_own: bool = True) -> SyncOutcome:
    """Publish, then pull (a coach pulls every rep, a rep pulls the coaches' notes and goals)."""
    m = membership or current(store)
    out = SyncOutcome()
    if m is None:
        raise ValueError("this VoiceCoach is not in a team; join one with `voicecoach team join DIR`")
    if not m.available():
        out.available = False
        return out
    with SyncLock(store.data_dir) as lock:
        if not lock.acquired:
            out.busy = True
            return out
        if publish_own:
            _guarded("Publishing", publish, store, m, out)
        if pull:
            _guarded("Pulling", pull_reps if m.role is Role.COACH else pull_coaches, store, m, out)
        record_sync(store, out.describe())
    return out


def _guarded(what: str, step: Callable[[Any, Membership, SyncOutcome], None], store: Store, m: Membership,
             out: SyncOutcome) -> None:
    """A share that refuses a write (permissions, a full disk, a dropped connection) fails this step, not the sync.

    The local database's own errors still propagate: they are not the team folder's doing.
    """
    try:
        step(store, m, out)
    except StoreError:
        raise
    except OSError as exc:
        out.fail(f"{what} failed: {getattr(exc, 'strerror', None) or exc} ({getattr(exc, 'filename', '') or m.folder})")
