"""Work that must wait until the window is on screen: ``after_first_frame(widget, then)``.

A window's first paint is what the rep waits for at start; anything slow that runs before it (or at the
same time on another thread, holding the interpreter) delays it. Start-up work and the parts of the
window that are not in the first frame are therefore started from here, right after it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

#: Start anyway if no frame was painted by then (a window opened minimised is never painted).
FIRST_FRAME_FALLBACK_MS = 1000


class _FirstFrame(QObject):
    """Calls ``then`` once the watched window's first frame has been painted (or after the fallback)."""

    def __init__(self, window: QObject, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_FRAME_FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self, self._fire)  # runs once this paint pass has been flushed
        return False

    def _fire(self) -> None:
        if self._then is None:
            return
        then, self._then = self._then, None
        self._window.removeEventFilter(self)
        then()


def after_first_frame(window: QObject, then: Callable[[], None]) -> None:
    """Run ``then`` right after ``window`` (a widget) has been painted for the first time."""
    _FirstFrame(window, then)
