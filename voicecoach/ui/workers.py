"""Background work for the GUI: nothing slow ever runs on the GUI thread.

Two pools:

* the general pool runs independent jobs (model load, file recognition, export, import, analysis);
* the store pool has exactly one thread that never expires, so a single thread owns the SQLite
  connection and every read and write goes through it (sqlite3 connections are bound to the thread that
  made them, and one writer avoids lock contention).

Results travel back by Qt signals only: a job's ``_Relay`` lives in the GUI thread, so emitting it from a
pool thread queues the call onto the GUI event loop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:  # the first frame does not load storage
    from voicecoach.storage.db import Store

__all__ = ["Delivery", "Done", "Failed", "StoreWorker", "TaskHandle", "run_task", "wait_for_background"]

log = logging.getLogger(__name__)
R = TypeVar("R")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass(frozen=True)
class Delivery:
    """A value a job hands to the GUI thread: its result, or what it reports as progress. Jobs return what
    they like; the envelope gives the relay's signals one type."""

    value: Any


class _Relay(QObject):
    """Carries one job's outcome from a pool thread to the GUI thread."""

    finished = Signal(Delivery)
    failed = Signal(BaseException)
    progress_changed = Signal(Delivery)


class TaskHandle:
    """What the caller keeps: cancel flag (for jobs that poll it) and a progress hook for the job."""

    def __init__(self, relay: _Relay) -> None:
        self.cancel_event = threading.Event()
        self._relay = relay
        self.done = False

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def report_progress(self, value: Any) -> None:
        """Called from the worker thread; delivered to ``on_progress`` on the GUI thread."""
        _deliver(self._relay, "progress_changed", Delivery(value))


_pending: set[_Relay] = set()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # a worker must never take the process down
            log.debug("background job failed", exc_info=True)
            _deliver(self._relay, "failed", exc)
        else:
            _deliver(self._relay, "finished", Delivery(result))


def _deliver(relay: _Relay, signal: str, value: Delivery | BaseException) -> None:
    """Emit from a pool thread, unless the app has closed (and deleted the relay) while the job ran."""
    if not shiboken6.isValid(relay):
        return
    try:
        getattr(relay, signal).emit(value)
    except RuntimeError:  # deleted between the check and the emit: nobody is left to tell
        log.debug("job finished after the app closed; %s dropped", signal)


def _default_error(exc: BaseException) -> None:
    log.error("background job failed: %s", exc)


def _owner_of(callback: Callable[..., Any] | None) -> QObject | None:
    target = getattr(callback, "__self__", None)
    return target if isinstance(target, QObject) else None


def _submit(
    pool: QThreadPool,
    fn: Callable[..., Any],
    on_done: Done | None,
    on_error: Failed | None,
    on_progress: Callable[[Any], None] | None,
    pass_handle: bool,
    owner: QObject | None = None,
) -> TaskHandle:
    relay = _Relay()
    handle = TaskHandle(relay)
    _pending.add(relay)
    # A widget closed while its job ran must not be touched when the answer arrives.
    owners = [o for o in (owner, _owner_of(on_done), _owner_of(on_error)) if o is not None]

    def alive() -> bool:
        return all(shiboken6.isValid(o) for o in owners)

    def finish(result: Delivery) -> None:
        _pending.discard(relay)
        handle.done = True
        if on_done is not None and alive():
            on_done(result.value)

    def fail(exc: BaseException) -> None:
        _pending.discard(relay)
        handle.done = True
        if alive():
            (on_error or _default_error)(exc)

    relay.finished.connect(finish)
    relay.failed.connect(fail)
    if on_progress is not None:
        relay.progress_changed.connect(lambda progress: on_progress(progress.value))
    job_fn = (lambda: fn(handle)) if pass_handle else fn
    pool.start(_Job(job_fn, relay))
    return handle


def run_task(
    fn: Callable[..., Any],
    on_done: Done | None = None,
    on_error: Failed | None = None,
    *,
    on_progress: Callable[[Any], None] | None = None,
    with_handle: bool = False,
    owner: QObject | None = None,
) -> TaskHandle:
    """Run ``fn()`` on the general pool; ``on_done(result)`` / ``on_error(exc)`` run on the GUI thread.

    With ``with_handle=True`` the job is called as ``fn(handle)`` so it can poll ``handle.cancelled`` and
    call ``handle.report_progress(x)``. Callbacks are skipped when ``owner`` (or the object of a
    bound-method callback) has been deleted meanwhile.
    """
    return _submit(QThreadPool.globalInstance(), fn, on_done, on_error, on_progress, with_handle, owner)


class StoreWorker:
    """The single owner of the database: every store call runs on its one thread, in order."""

    def __init__(self) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the one thread forever: the connection is bound to it
        self.store: Store | None = None

    def open(self, opener: Callable[[], Store], on_done: Callable[[Store], Any] | None = None,
             on_error: Failed | None = None) -> None:
        def job() -> Store:
            self.store = opener()
            return self.store

        _submit(self._pool, job, on_done, on_error, None, False)

    def call(
        self, fn: Callable[[Store], R], on_done: Callable[[R], Any] | None = None, on_error: Failed | None = None,
        owner: QObject | None = None,
    ) -> TaskHandle:
        """Run ``fn(store)`` on the store thread."""

        def job() -> R:
            if self.store is None:
                raise RuntimeError("The database is not open.")
            return fn(self.store)

        return _submit(self._pool, job, on_done, on_error, None, False, owner)

    def close(self) -> None:
        def job() -> None:
            store, self.store = self.store, None
            closer = getattr(store, "close", None)
            if callable(closer):
                closer()

        _submit(self._pool, job, None, None, None, False)
        self._pool.waitForDone(5000)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)


def wait_for_background(msecs: int = 5000) -> bool:
    """Used at shutdown and in tests: let the general pool drain."""
    return QThreadPool.globalInstance().waitForDone(msecs)
