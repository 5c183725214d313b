"""The flags of a take: one row each, an icon per severity, the plain message, click to see the evidence."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from voicecoach.core.flags import Flag
from voicecoach.ui import theme, words

__all__ = ["FlagList", "flag_text", "severity_icon"]

_GLYPH = {"error": "!", "warning": "!", "tip": "i"}
_ORDER = {"error": 0, "warning": 1, "tip": 2}
_icon_cache: dict[tuple[str, str], QIcon] = {}


def severity_icon(severity: str) -> QIcon:
    color = theme.severity_color(severity)
    key = (str(severity), color.name())
    if key not in _icon_cache:
        pm = QPixmap(40, 40)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        if str(severity) == "warning":
            p.drawRoundedRect(QRectF(4, 4, 32, 32), 7, 7)
        else:
            p.drawEllipse(QRectF(4, 4, 32, 32))
        p.setPen(QColor("white"))
        font = QFont()
        font.setPixelSize(24)
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(4, 4, 32, 32), Qt.AlignmentFlag.AlignCenter, _GLYPH.get(str(severity), "i"))
        p.end()
        _icon_cache[key] = QIcon(pm)
    return _icon_cache[key]


def flag_text(flag: Flag) -> str:
    """The row text: the message, plus the first evidence label when it adds something."""
    return flag.message


class FlagList(QListWidget):
    flag_activated = Signal(Flag)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(20, 20))
        self.setWordWrap(True)
        self.setAccessibleName("Flags")
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.empty_text = words.FLAGS_EMPTY
        self.itemActivated.connect(self._on_item_activated)
        self.itemClicked.connect(self._on_item_activated)
        self._flags: list[Flag] = []

    def set_flags(self, flags: Iterable[Flag]) -> None:
        self.clear()
        self._flags = sorted(flags, key=lambda f: _ORDER.get(str(f.severity), 3))
        if not self._flags:
            if not self.empty_text:  # nothing to say yet (the take is still being finished)
                return
            item = QListWidgetItem(severity_icon("tip"), self.empty_text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
            return
        for flag in self._flags:
            item = QListWidgetItem(severity_icon(str(flag.severity)), flag_text(flag))
            item.setData(Qt.ItemDataRole.UserRole, flag)
            item.setToolTip(words.flag_tip(flag.severity, flag.code))
            self.addItem(item)
        self._fit_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Give every row the height its wrapped message needs: a flag's advice is never cut short.

        The list's own size hints are computed before the final width is known and, with the style
        sheet's item padding, can leave a long message one line short (and elided).
        """
        fm = self.fontMetrics()
        text_width = max(80, self.viewport().width() - self.iconSize().width() - 28)
        for i in range(self.count()):
            item = self.item(i)
            bounds = fm.boundingRect(QRect(0, 0, text_width, 10_000), Qt.TextFlag.TextWordWrap, item.text())
            height = max(bounds.height(), self.iconSize().height()) + 14
            item.setSizeHint(QSize(text_width, height))

    @property
    def flags(self) -> list[Flag]:
        return list(self._flags)

    def codes(self) -> list[str]:
        return [f.code for f in self._flags]

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        flag = item.data(Qt.ItemDataRole.UserRole)
        if flag is not None:
            self.flag_activated.emit(flag)
