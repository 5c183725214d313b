"""The team folder while the app is open: publish after each saved take, pull every few minutes, off the GUI thread.

A sync reads and writes files on a share that may be slow or gone, and a coach's first pull can take a
minute, so it never runs on the GUI thread nor on the store thread (which must stay free to save takes):
it runs on the general pool with a connection of its own, writing in short transactions like a second
app would. One sync runs at a time; a request made meanwhile runs once it is done. A sync that finds
another process syncing the same data folder (the sync lock is held) is skipped quietly. When the folder is
missing the app works exactly the same, and the next sync catches up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from voicecoach.core.when import local_text
from voicecoach.ui import operations as ops
from voicecoach.ui import words
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import Changes, run_op
from voicecoach.ui.workers import run_task

if TYPE_CHECKING:
    from voicecoach.storage.db import Store
    from voicecoach.storage.team import SyncOutcome

__all__ = ["PUBLISH_DELAY_MS", "PULL_EVERY_MS", "SyncFinished", "TeamService", "TeamState"]

PULL_EVERY_MS = 3 * 60 * 1000
PUBLISH_DELAY_MS = 1500  # after a saved take or a note: several changes in a row make one publish


@dataclass(frozen=True)
class TeamState:
    """What Settings and the Coach page show about the team folder."""

    membership: Any  # storage.team.Membership or None
    busy: bool = False
    available: bool = True
    summary: str = ""

    @property
    def joined(self) -> bool:
        return self.membership is not None

    @property
    def is_coach(self) -> bool:
        return self.membership is not None and self.membership.role.value == "coach"


@dataclass(frozen=True)
class SyncFinished:
    """What ``sync_finished`` carries: the sync's outcome, wrapped so the signal has a type the first frame
    can load (``SyncOutcome`` lives in storage, which loads after it)."""

    outcome: SyncOutcome


class TeamService(QObject):
    state_changed = Signal(TeamState)
    sync_finished = Signal(SyncFinished)

    def __init__(self, ctx: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = TeamState(None)
        self._running = False
        self._again: bool | None = None  # a request made while a sync ran: publish only (True) or full
        self._announcing = False  # what our own pulls announce is no reason to publish
        self._store: Store | None = None  # the syncs' own connection, used by one pool thread at a time
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(PULL_EVERY_MS)
        self.timer.timeout.connect(self.sync_now)
        self.publish_timer = QTimer(self)
        self.publish_timer.setSingleShot(True)
        self.publish_timer.setInterval(PUBLISH_DELAY_MS)
        self.publish_timer.timeout.connect(lambda: self.sync_now(publish_only=True))
        ctx.operation_did_execute.connect(self._on_operation)

    # -- membership (named operations on the store thread) ------------------------------------------------
    def load(self) -> None:
        """Read the membership once the store is open, then sync right away if in a team."""
        from voicecoach.storage.team import current

        self.ctx.store.call(current, self._on_loaded, self.ctx.fail(BannerKey.TEAM_FOLDER), owner=self)

    def join(self, folder: Path, *, as_coach: bool, publish_audio: bool) -> None:
        run_op(self.ctx, ops.join_team(folder, as_coach=as_coach, profile_id=self.ctx.profile_id,
                                       publish_audio=publish_audio), self._on_joined, owner=self)

    def leave(self) -> None:
        run_op(self.ctx, ops.leave_team(), lambda _was: self._on_loaded(None), owner=self)

    def set_publish_audio(self, on: bool) -> None:
        run_op(self.ctx, ops.set_publish_audio(on), self._on_loaded, owner=self)

    # -- syncing (on the general pool) ------------------------------------------------------------------
    def sync_now(self, publish_only: bool = False) -> None:
        m = self.state.membership
        if m is None or self._stopped:
            return
        if self._running:
            self._again = publish_only if self._again is None else (self._again and publish_only)
            return
        store = getattr(self.ctx.store, "store", None)
        path = getattr(store, "path", None)
        if path is None:
            return
        self._running = True
        self._set(m, busy=True)
        run_task(self._sync_job(Path(path), publish_only), self._on_synced, self._on_sync_failed, owner=self)

    def _sync_job(self, db_path: Path, publish_only: bool) -> Callable[[], Any]:
        """The sync, on a pool thread, with the service's own connection (opened once: opening checks the file)."""

        def job() -> Any:
            from voicecoach.storage.db import open_store
            from voicecoach.storage.team import sync

            if self._store is None or self._store.path != db_path:
                self._close_store()
                self._store = open_store(db_path)
            try:
                return sync(self._store, pull=not publish_only)
            finally:
                if self._stopped:  # the app closed meanwhile: nobody will answer this job
                    self._close_store()

        return job

    def stop(self) -> None:
        """At shutdown: no new syncs; the connection closes now, or when the running sync ends."""
        self.timer.stop()
        self.publish_timer.stop()
        self._stopped = True
        if not self._running:
            self._close_store()

    def _close_store(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            store.close()

    def _on_operation(self, changes: Changes) -> None:
        """A saved or trashed take, a note or a session's goals: publish them shortly (several make one publish)."""
        if self._announcing or self.state.membership is None:
            return
        if changes.takes or changes.notes or changes.sessions:
            self.publish_timer.start()

    def _on_loaded(self, m: Any) -> None:
        self._set(m, summary=_last_sync(m))
        if m is not None:
            self.timer.start()
            self.sync_now()
        else:
            self.timer.stop()

    def _on_joined(self, m: Any) -> None:
        self.ctx.post(words.team_joined(m.folder), Level.INFO, key=BannerKey.TEAM)
        self._on_loaded(m)

    def _on_synced(self, out: SyncOutcome) -> None:
        self._running = False
        m = self.state.membership
        if out.busy:  # a `voicecoach team sync` in this home is running: it does the work, the next pull follows
            self._set(m)
            self.sync_finished.emit(SyncFinished(out))
            self._run_again()
            return
        self._set(m, available=out.available, summary=f"{datetime.now():%H:%M} — {out.describe()}")
        if out.errors:
            self.ctx.post(words.team_sync_error(out.errors[0]), Level.WARNING, key=BannerKey.TEAM)
        if out.takes or out.notes or out.sessions or out.trashed:
            self._announcing = True
            try:
                self.ctx.announce(Changes(takes=bool(out.takes or out.trashed), notes=bool(out.notes),
                                          sessions=bool(out.sessions), profiles=bool(out.takes)))
            finally:
                self._announcing = False
        self.sync_finished.emit(SyncFinished(out))
        self._run_again()

    def _on_sync_failed(self, exc: BaseException) -> None:
        self._running = False
        self._set(self.state.membership, summary=words.last_sync_failed(exc))
        self.ctx.post(words.team_sync_failed(exc), Level.WARNING, key=BannerKey.TEAM)
        self._run_again()

    def _run_again(self) -> None:
        if self._stopped:
            self._close_store()
            return
        again, self._again = self._again, None
        if again is not None:
            self.sync_now(publish_only=again)

    def _set(self, m: Any, *, busy: bool = False, available: bool | None = None, summary: str | None = None) -> None:
        self.state = TeamState(
            m, busy=busy, available=self.state.available if available is None else available,
            summary=self.state.summary if summary is None else summary)
        self.state_changed.emit(self.state)


def _last_sync(m: Any) -> str:
    if m is None:
        return words.NOT_IN_A_TEAM_YET
    if not m.last_sync_at:
        return ""
    when = local_text(datetime.fromisoformat(m.last_sync_at), "%d %b %H:%M")
    return f"{when} — {m.last_sync_summary}"
