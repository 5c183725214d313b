"""The take's waveform with the flags laid over it, a playhead, and click-to-seek."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from voicecoach.core.take_view import Marker
from voicecoach.ui import theme, words

__all__ = ["Waveform", "waveform_peaks"]


def waveform_peaks(path: str | Path, buckets: int = 600) -> tuple[list[float], float]:
    """Peak amplitude (0..1) per bucket and the duration in seconds; streamed, so long files are fine.

    Runs on a worker thread (numpy and soundfile are imported here, not at start-up).
    """
    import numpy as np
    import soundfile as sf

    with sf.SoundFile(str(path)) as f:
        frames = f.frames
        rate = f.samplerate
        if frames <= 0:
            return [], 0.0
        per = max(1, frames // buckets)
        peaks: list[float] = []
        for block in f.blocks(blocksize=per, dtype="float32", always_2d=True):
            peaks.append(float(np.abs(block).max()) if block.size else 0.0)
    top = max(peaks, default=0.0)
    scale = 1.0 / max(top, 0.05) if top > 0 else 1.0
    return [min(1.0, v * scale) for v in peaks], frames / float(rate)


class Waveform(QWidget):
    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(72)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Waveform")
        self.peaks: list[float] = []
        self.duration = 0.0
        self.markers: list[Marker] = []
        self.position = 0.0
        self.message = words.NO_AUDIO

    def sizeHint(self) -> QSize:
        return QSize(500, 80)

    def set_audio(self, peaks: Sequence[float], duration: float) -> None:
        self.peaks = list(peaks)
        self.duration = max(0.0, duration)
        self.update()

    def set_markers(self, markers: Sequence[Marker]) -> None:
        self.markers = list(markers)
        self.update()

    def set_position(self, seconds: float) -> None:
        self.position = seconds
        self.update()

    def clear(self, message: str = words.NO_AUDIO) -> None:
        self.peaks = []
        self.duration = 0.0
        self.markers = []
        self.position = 0.0
        self.message = message
        self.update()

    def _x(self, seconds: float, r: QRectF) -> float:
        return r.left() + r.width() * (seconds / self.duration if self.duration else 0.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.colors()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        p.setPen(QPen(c.grid, 1))
        p.setBrush(c.card)
        p.drawRoundedRect(r, 8, 8)
        if not self.peaks or self.duration <= 0:
            p.setPen(c.muted)
            p.drawText(r.adjusted(6, 2, -6, -2), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
            p.end()
            return
        inner = self._inner()
        for m in self.markers:
            self._paint_marker(p, m, inner, r)
        mid = inner.center().y()
        half = inner.height() / 2
        step = inner.width() / len(self.peaks)
        p.setPen(QPen(c.wave, max(1.0, step * 0.7)))
        for i, v in enumerate(self.peaks):
            x = inner.left() + (i + 0.5) * step
            h = max(0.5, float(v) * half)
            p.drawLine(QPointF(x, mid - h), QPointF(x, mid + h))
        x = self._x(self.position, inner)
        p.setPen(QPen(c.accent, 2))
        p.drawLine(QPointF(x, r.top() + 2), QPointF(x, r.bottom() - 2))
        p.end()

    def _inner(self) -> QRectF:
        return QRectF(self.rect()).adjusted(7, 15, -7, -7)

    def marker_color(self, m: Marker) -> QColor:
        """A note is drawn in the accent colour, a flag in its severity's."""
        return QColor(theme.colors().accent) if m.code == "note" else QColor(theme.severity_color(m.severity))

    def marker_x(self, m: Marker) -> float:
        return self._x(m.start, self._inner())

    def _paint_marker(self, p: QPainter, m: Marker, inner: QRectF, r: QRectF) -> None:
        color = self.marker_color(m)
        x0, x1 = self._x(m.start, inner), self._x(m.end, inner)
        p.setPen(Qt.PenStyle.NoPen)
        if m.code == "note":  # a note: a small flag on a thin line, unlike a flag's dot and band
            line = QColor(color)
            line.setAlpha(150)
            p.fillRect(QRectF(x0, inner.top(), 1.5, inner.height()), line)
            p.setBrush(color)
            p.drawPolygon(QPolygonF([QPointF(x0, r.top() + 2), QPointF(x0 + 9, r.top() + 6),
                                     QPointF(x0, r.top() + 11)]))
            return
        band = QColor(color)
        band.setAlpha(45)
        p.fillRect(QRectF(x0, inner.top(), max(3.0, x1 - x0), inner.height()), band)
        p.setBrush(color)
        p.drawEllipse(QPointF(x0 + 1, r.top() + 7), 4, 4)

    def tooltip_at(self, x: float) -> str:
        """What the marks under ``x`` say: a note's text, a flag's label."""
        if self.duration <= 0:
            return ""
        inner = self._inner()
        near = [m for m in self.markers if self._x(m.start, inner) - 6 <= x <= max(self._x(m.end, inner),
                                                                                    self._x(m.start, inner) + 10)]
        return "\n".join(words.note_tip(m.label) if m.code == "note" else m.label for m in near if m.label)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos().x())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.duration > 0 and event.button() == Qt.MouseButton.LeftButton:
            inner = self._inner()
            frac = (event.position().x() - inner.left()) / max(1.0, inner.width())
            self.seek_requested.emit(max(0.0, min(1.0, frac)) * self.duration)
        super().mousePressEvent(event)
