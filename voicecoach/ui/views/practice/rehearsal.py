"""Rehearsing a cadence on the practice page: which cadence and attempt, each attempt's stored script, and
its progress, kept together and shown in the ``CadenceBar``; before a call block, a call list of prospects
each at some attempt, stepped through one prospect at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from voicecoach.ui import operations as ops
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op
from voicecoach.ui.views.practice.cadence_bar import CadenceBar

__all__ = ["CadenceRehearsal"]


class CadenceRehearsal(QObject):
    changed = Signal()  # started, stopped or moved to another attempt: the script on screen changes

    def __init__(self, ctx: AppContext, bar: CadenceBar) -> None:
        super().__init__(bar)
        self.ctx = ctx
        self.bar = bar
        self.cadence: Any = None
        self.scripts: dict[int, Any] = {}
        self.attempt = 1
        self.progress: Any = None
        self.calls: tuple[Any, ...] = ()  # core ``Call`` values of an imported call list
        self.call_index = 0
        bar.attempt_chosen.connect(self._on_attempt_chosen)
        bar.call_step.connect(self.step_call)
        bar.stop_clicked.connect(self.stop)
        ctx.takes_changed.connect(self.refresh_progress)  # a take saved, trashed, restored, judged again
        ctx.profile_changed.connect(self.refresh_progress)

    @property
    def active(self) -> bool:
        return self.cadence is not None

    def start(self, cadence: Any) -> None:
        """Each attempt's script is found in (or added to) the library first: takes point at a stored script."""
        run_op(self.ctx, ops.prepare_cadence(cadence), lambda scripts: self._started(cadence, scripts), owner=self)

    def _started(self, cadence: Any, scripts: dict[int, Any]) -> None:
        self.cadence, self.scripts, self.attempt, self.progress = cadence, scripts, 1, None
        self.calls, self.call_index = (), 0  # a call list's attempts are another cadence's
        self._show()
        self.changed.emit()
        self.refresh_progress()

    def stop(self) -> None:
        self.cadence, self.scripts, self.progress, self.calls = None, {}, None, ()
        self.bar.hide()
        self.changed.emit()

    # -- a call list -----------------------------------------------------------------------------------
    @property
    def call(self) -> Any:
        return self.calls[self.call_index] if self.calls else None

    def load_calls(self, path: Any) -> None:
        from voicecoach.core.call_list import load_call_list
        from voicecoach.ui.workers import run_task

        cadence = self.cadence
        if cadence is not None:
            run_task(lambda: load_call_list(path, len(cadence.attempts)), lambda calls: self.set_calls(calls, cadence),
                     self.ctx.fail(BannerKey.CALL_LIST_LOAD), owner=self)

    def set_calls(self, calls: tuple[Any, ...], cadence: Any = None) -> None:
        """Step through ``calls``; a list read for another cadence than the one rehearsed now is dropped."""
        if self.cadence is None or (cadence is not None and cadence is not self.cadence):
            return
        self.calls, self.call_index = tuple(calls), 0
        self.go_to(self.calls[0].attempt)

    def step_call(self, step: int) -> None:
        if not self.calls:
            return
        if self.call_index + step >= len(self.calls):
            self.ctx.post(words.call_list_done(self.call_summary()), Level.INFO, key=BannerKey.CALL_LIST)
            return
        self.call_index = max(0, self.call_index + step)
        self.go_to(self.calls[self.call_index].attempt)

    def call_summary(self) -> str:
        from voicecoach.core.call_list import call_summary

        ready = {a.attempt: a.ready for a in self.progress.attempts} if self.progress is not None else {}
        return call_summary(ready.get(c.attempt, False) for c in self.calls)

    def _on_attempt_chosen(self, number: int) -> None:
        """An attempt picked by hand puts the call list aside."""
        self.calls = ()
        self.go_to(number)

    def go_to(self, number: int) -> None:
        if self.cadence is None or not 1 <= number <= len(self.cadence.attempts):
            return
        self.attempt = number
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.bar.show_attempt(self.cadence, self.attempt, self.progress)
        self.bar.show_call(self.call, self.call_index, len(self.calls), self.call_summary() if self.calls else "")

    def script(self) -> Any:
        return self.scripts.get(self.attempt) if self.cadence is not None else None

    def refresh_progress(self, *_: object) -> None:
        cadence, pid = self.cadence, self.ctx.profile_id
        if cadence is None or pid is None:
            return
        self.ctx.store.call(lambda s: s.cadence_progress(pid, cadence.name, cadence.topics),
                            lambda p: self._on_progress(cadence, p), self.ctx.fail(BannerKey.CADENCE_PROGRESS),
                            owner=self)

    def _on_progress(self, cadence: Any, progress: Any) -> None:
        if cadence is self.cadence:
            self.progress = progress
            self._show()
