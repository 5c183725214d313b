"""The take's verdict as a round badge: the first thing a rep looks at after Stop.

The ring's colour is the verdict stored with the take (core.verdict): green only for "ready to send",
amber for "nearly", red for "not yet". The score is the number inside and the ring's length. A take the
app couldn't hear has no number and no colour: a grey ring around "?".
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from voicecoach.core.verdict import Verdict, VerdictValue
from voicecoach.ui import theme, words

__all__ = ["ScoreBadge"]


class ScoreBadge(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.score: float | None = None
        self.verdict: Verdict | None = None
        self.setAccessibleName("Verdict")

    def sizeHint(self) -> QSize:
        return QSize(96, 96)

    def set_verdict(self, verdict: Verdict | None, score: float | None) -> None:
        """The take's verdict and score (None, None: nothing to show yet)."""
        self.verdict = verdict
        self.score = score if verdict is None or verdict.heard else None
        self.setToolTip(words.badge_tip(verdict.label if verdict is not None else words.NO_VERDICT_YET, self.score))
        self.setAccessibleDescription(self.toolTip())
        self.update()

    def center_text(self) -> str:
        if self.verdict is not None and not self.verdict.heard:
            return "?"
        return "–" if self.score is None else f"{self.score:.0f}"

    def ring_color(self) -> QColor:
        c = theme.colors()
        value = self.verdict.value if self.verdict is not None else None
        return {VerdictValue.READY: c.ok, VerdictValue.NEARLY: c.warn, VerdictValue.NOT_YET: c.bad}.get(
            value, c.muted)  # type: ignore[arg-type]

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.colors()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 8
        r = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        unheard = self.verdict is not None and not self.verdict.heard
        p.setPen(QPen(self.ring_color() if unheard else c.grid, 7))
        p.drawEllipse(r)
        if self.score is not None:
            pen = QPen(self.ring_color(), 7)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawArc(r, 90 * 16, -int(360 * 16 * max(0.0, min(100.0, self.score)) / 100))
        font = QFont(self.font())
        font.setPointSizeF(side / 4.2)
        font.setBold(True)
        p.setFont(font)
        p.setPen(c.muted if unheard else c.text)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.center_text())
        p.end()
