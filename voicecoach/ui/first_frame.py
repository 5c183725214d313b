"""Work that must wait until something is on screen: ``after_first_frame(widget, then)`` and
``after_next_paint(widget, then)``.

A window's first paint is what the rep waits for at start, and the report's paint is what they wait for
after Stop; anything slow that runs before it (or at the same time on another thread, holding the
interpreter) delays it. Start-up work, the parts of the window that are not in the first frame, and a
take's saving and waveform are therefore started from here, right after the paint.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = [
    "FIRST_FRAME_FALLBACK_MS",
    "NEXT_PAINT_FALLBACK_MS",
    "after_first_frame",
    "after_next_paint",
    "run_waiting",
]

#: Start anyway if no frame was painted by then (a window opened minimised is never painted).
FIRST_FRAME_FALLBACK_MS = 1000


class _FirstFrame(QObject):
    """Calls ``then`` once the watched window's first frame has been painted (or after the fallback)."""

    def __init__(self, window: QObject, then: Callable[[], object], fallback_ms: int = FIRST_FRAME_FALLBACK_MS) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], object] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self, self._fire)  # runs once this paint pass has been flushed
        return False

    def _fire(self) -> None:
        if self._then is None:
            return
        then, self._then = self._then, None
        _waiting.discard(self)
        with contextlib.suppress(RuntimeError):  # the widget is gone (closed meanwhile): the work still runs
            self._window.removeEventFilter(self)
            self.deleteLater()  # one per take's save and waveform: not kept for the widget's whole life
        then()


#: Work waiting for a paint, run at once by ``run_waiting`` (at exit nothing is painted any more).
_waiting: set[_FirstFrame] = set()


def after_first_frame(window: QObject, then: Callable[[], object]) -> None:
    """Run ``then`` right after ``window`` (a widget) has been painted for the first time."""
    _FirstFrame(window, then)


#: A widget that is shown but not painted by then (covered, on a screen that is off) gets its work anyway.
NEXT_PAINT_FALLBACK_MS = 250


def after_next_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Run ``then`` once ``widget`` has next been painted (it may be about to be shown, like a report
    page), at once if its window is not visible (nothing would paint it). ``run_waiting`` runs whatever is
    still waiting (at exit)."""
    if not widget.window().isVisible():
        then()
        return
    _waiting.add(_FirstFrame(widget, then, NEXT_PAINT_FALLBACK_MS))


def run_waiting() -> None:
    """Run now the work still waiting for a paint: the app is closing and nothing will be painted."""
    for waiter in list(_waiting):
        waiter._fire()
