"""Non-blocking messages: a banner for lasting states (no model, no microphone) and toasts for moments.

Nothing the adapters report ever opens a modal box in the middle of practice; the rep reads it and
carries on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from voicecoach.ui import words

__all__ = ["Action", "Banner", "BannerArea", "Toast"]

Action = tuple[str, Callable[[], None]]


class Banner(QWidget):
    closed = Signal(str)

    def __init__(self, key: str, text: str, level: str = "info", actions: Sequence[Action] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("Banner")
        self.setProperty("level", str(level))  # a plain string for the style sheet, also from a Level
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        for title, callback in actions:
            btn = QPushButton(title)
            btn.clicked.connect(callback)
            lay.addWidget(btn)
            self.buttons.append(btn)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(words.DISMISS)
        close.clicked.connect(lambda: self.closed.emit(self.key))
        lay.addWidget(close)

    @property
    def text(self) -> str:
        return self.label.text()


class BannerArea(QWidget):
    """A stack of banners keyed by topic: a new message on a topic replaces the old one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(16, 8, 16, 0)
        self._lay.setSpacing(6)
        self._banners: dict[str, Banner] = {}
        self.setVisible(False)

    def show_banner(self, key: str, text: str, level: str = "info", actions: Sequence[Action] = ()) -> Banner:
        self.clear_banner(key)
        banner = Banner(key, text, level, actions, self)
        banner.closed.connect(self.clear_banner)
        self._banners[key] = banner
        self._lay.addWidget(banner)
        self.setVisible(True)
        return banner

    def clear_banner(self, key: str) -> None:
        old = self._banners.pop(key, None)
        if old is not None:
            old.hide()
            old.deleteLater()
        self.setVisible(bool(self._banners))

    def banner(self, key: str) -> Banner | None:
        return self._banners.get(key)

    def texts(self) -> list[str]:
        return [b.text for b in self._banners.values()]


class Toast(QLabel):
    """A short message floating at the bottom of the window, gone after a few seconds."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Toast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWordWrap(True)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_message(self, text: str, msecs: int = 4000) -> None:
        self.setText(text)
        parent = self.parentWidget()
        assert parent is not None, "a toast lives on a page"
        width = min(420, max(200, parent.width() - 80))
        self.setFixedWidth(width)
        self.adjustSize()
        # Bottom right, just above the record controls: the page's quiet corner, clear of the script's
        # first lines (which the rep is reading) and of the controls themselves.
        self.move(parent.width() - width - 40, max(76, parent.height() - self.height() - 140))
        self.raise_()
        self.show()
        self._timer.start(msecs)
