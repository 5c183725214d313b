"""A small pace gauge: words a minute over the last 10 s against the 120–170 band, drawn like the meters."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from voicecoach.ui import theme, words
from voicecoach.ui.widgets.track import begin_track

__all__ = ["SCALE_WPM", "PaceGauge"]

SCALE_WPM = 240.0  # the gauge's right end


class PaceGauge(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Pace over the last 10 seconds")
        self.wpm: float | None = None
        self.band = (120.0, 170.0)

    def sizeHint(self) -> QSize:
        return QSize(140, 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 10)

    def set_pace(self, wpm: float | None, low: float, high: float) -> None:
        self.wpm, self.band = wpm, (low, high)
        self.setToolTip(words.pace_gauge_tip(wpm, low, high))
        self.update()

    def in_band(self) -> bool | None:
        return None if self.wpm is None else self.band[0] <= self.wpm <= self.band[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.colors()
        p, r = begin_track(self, self.height() / 2)
        low, high = (min(v, SCALE_WPM) / SCALE_WPM for v in self.band)
        band = QColor(c.ok)
        band.setAlpha(70)
        p.setBrush(band)
        p.drawRect(QRectF(r.left() + r.width() * low, r.top(), r.width() * (high - low), r.height()))
        if self.wpm is not None:
            x = r.left() + r.width() * min(self.wpm, SCALE_WPM) / SCALE_WPM
            p.setBrush(c.ok if self.in_band() else c.warn)
            p.drawRoundedRect(QRectF(x - 3, r.top() - 1, 6, r.height() + 2), 2, 2)
        p.end()
