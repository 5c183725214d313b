"""Rehearsing a cadence on the practice page: which cadence and attempt, each attempt's stored script, and
its progress, kept together and shown in the ``CadenceBar``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from voicecoach.ui import operations as ops
from voicecoach.ui.context import AppContext
from voicecoach.ui.operations import run_op
from voicecoach.ui.views.practice.cadence_bar import CadenceBar


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
        bar.attempt_chosen.connect(self.go_to)
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
        self.bar.show_attempt(cadence, 1)
        self.changed.emit()
        self.refresh_progress()

    def stop(self) -> None:
        self.cadence, self.scripts, self.progress = None, {}, None
        self.bar.hide()
        self.changed.emit()

    def go_to(self, number: int) -> None:
        if self.cadence is None or not 1 <= number <= len(self.cadence.attempts):
            return
        self.attempt = number
        self.bar.show_attempt(self.cadence, number, self.progress)
        self.changed.emit()

    def script(self) -> Any:
        return self.scripts.get(self.attempt) if self.cadence is not None else None

    def refresh_progress(self, *_: object) -> None:
        cadence, pid = self.cadence, self.ctx.profile_id
        if cadence is None or pid is None:
            return
        self.ctx.store.call(lambda s: s.cadence_progress(pid, cadence.name, cadence.topics),
                            lambda p: self._on_progress(cadence, p), self.ctx.fail("Cadence progress"), owner=self)

    def _on_progress(self, cadence: Any, progress: Any) -> None:
        if cadence is self.cadence:
            self.progress = progress
            self.bar.show_attempt(cadence, self.attempt, progress)
