"""The mouse wheel sets a picker or a number only once it has been clicked or tabbed into.

Scrolling a page with the pointer passing over Input device or Theme used to switch the microphone and
the theme at once. The usual Qt fix, in one place: combo boxes and spin boxes take focus by click or Tab
only (``Qt.StrongFocus``), and a wheel event over one without focus is ignored, so it goes on to the page
that scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

__all__ = ["guard_wheel"]

_KINDS = (QComboBox, QAbstractSpinBox)


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # not taken here: the wheel passes on to the parent, the page scrolls
            return True
        return False


_guard: _WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """Apply the rule to every combo box and spin box inside ``root`` (and ``root`` itself)."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard()
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, _KINDS) and not widget.property("wheel_guarded"):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(_guard)
            widget.setProperty("wheel_guarded", True)
