"""The rounded track both horizontal gauges draw (level meter, timer bar), so they look alike."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from voicecoach.ui import theme

__all__ = ["begin_track", "fill_track"]


def begin_track(widget: QWidget, radius: float) -> tuple[QPainter, QRectF]:
    """Start painting `widget`: its empty track drawn, the painter ready for the fill and markers."""
    p = QPainter(widget)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = QRectF(widget.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.colors().grid)
    p.drawRoundedRect(r, radius, radius)
    return p, r


def fill_track(p: QPainter, r: QRectF, fraction: float, color: QColor, radius: float, min_width: float = 0.0) -> None:
    """Fill the track from the left to `fraction` of its width (nothing at zero)."""
    if fraction <= 0:
        return
    p.setBrush(color)
    p.drawRoundedRect(QRectF(r.left(), r.top(), max(min_width, r.width() * fraction), r.height()), radius, radius)
