"""The take's score as a round badge: the first thing a rep looks at after Stop."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from voicecoach.ui import theme


def score_word(score: float | None) -> str:
    if score is None:
        return "No score"
    if score >= 85:
        return "Ready to send"
    if score >= 65:
        return "Close"
    return "Keep practising"


class ScoreBadge(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.score: float | None = None
        self.setAccessibleName("Score")

    def sizeHint(self) -> QSize:
        return QSize(96, 96)

    def set_score(self, score: float | None) -> None:
        self.score = score
        self.setToolTip(score_word(score))
        self.setAccessibleDescription("" if score is None else f"{score:.0f} out of 100")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.colors()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 8
        r = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        p.setPen(QPen(c.grid, 7))
        p.drawEllipse(r)
        if self.score is not None:
            color = c.ok if self.score >= 85 else (c.warn if self.score >= 65 else c.bad)
            pen = QPen(color, 7)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawArc(r, 90 * 16, -int(360 * 16 * max(0.0, min(100.0, self.score)) / 100))
        font = QFont(self.font())
        font.setPointSizeF(side / 4.2)
        font.setBold(True)
        p.setFont(font)
        p.setPen(c.text)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, "–" if self.score is None else f"{self.score:.0f}")
        p.end()
