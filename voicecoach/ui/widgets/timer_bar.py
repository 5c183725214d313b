"""The 30-second bar: a voicemail has a budget, and the rep should feel it while speaking."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from voicecoach.ui import theme, words
from voicecoach.ui.widgets.track import begin_track, fill_track

__all__ = ["NEAR_FRACTION", "TimerBar"]

NEAR_FRACTION = 0.8  # amber from 80 % of the limit


class TimerBar(QWidget):
    """Elapsed time against the limit: calm blue, amber near the limit, red past it.

    ``projected_seconds`` (from the current pace and the script's length) draws a faint marker and turns
    on the early overrun warning before the rep actually runs over.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Take timer")
        self.limit = 30.0
        self.elapsed = 0.0
        self.projected: float | None = None

    def sizeHint(self) -> QSize:
        return QSize(320, 30)

    def set_limit(self, seconds: float) -> None:
        self.limit = max(1.0, float(seconds))
        self.update()

    def set_elapsed(self, seconds: float, projected: float | None = None) -> None:
        self.elapsed = max(0.0, float(seconds))
        self.projected = projected
        self.update()

    def reset(self) -> None:
        self.set_elapsed(0.0, None)

    @property
    def state(self) -> str:
        """``ok`` / ``near`` / ``over`` / ``projected_over``: what colour the bar shows and why."""
        if self.elapsed > self.limit:
            return "over"
        if self.elapsed >= self.limit * NEAR_FRACTION:
            return "near"
        if self.projected is not None and self.projected > self.limit and self.elapsed >= 3.0:
            return "projected_over"
        return "ok"

    @property
    def warning_text(self) -> str:
        state = self.state
        if state == "over":
            return words.over_limit(self.limit)
        if state == "near":
            return words.seconds_left(self.limit - self.elapsed)
        if state == "projected_over":
            return words.projected_over(self.projected)
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.colors()
        p, r = begin_track(self, 8)
        color = {"over": c.bad, "near": c.warn, "projected_over": c.warn}.get(self.state, c.accent)
        frac = min(1.0, self.elapsed / self.limit)
        fill_track(p, r, frac, color, 8, min_width=12.0)
        if self.projected is not None and self.projected > 0:
            x = r.left() + r.width() * min(1.0, self.projected / self.limit)
            p.setBrush(c.muted)
            p.drawRect(QRectF(x - 1, r.top() + 3, 2, r.height() - 6))
        p.setPen(c.text if frac < 0.55 else c.card)
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        label = f"{self.elapsed:4.1f} s / {self.limit:.0f} s"
        p.drawText(r.adjusted(10, 0, -10, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
        p.end()
