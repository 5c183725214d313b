"""Input level meter: a rep sees at a glance whether the microphone hears them, and when they clip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from voicecoach.ui import theme, words
from voicecoach.ui.widgets.track import begin_track, fill_track

if TYPE_CHECKING:  # numpy stays off the way to the first frame
    from voicecoach.audio.levels import Level

__all__ = ["FLOOR_DB", "LevelMeter"]

FLOOR_DB = -60.0


class LevelMeter(QWidget):
    """Horizontal bar for RMS level with a peak tick; decays smoothly so it never flickers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Input level")
        self._rms = FLOOR_DB
        self._peak = FLOOR_DB
        self._clipped = False
        self._decay = QTimer(self)
        self._decay.setInterval(50)
        self._decay.timeout.connect(self._on_decay_timeout)

    def sizeHint(self) -> QSize:
        return QSize(220, 12)

    @property
    def rms_dbfs(self) -> float:
        return self._rms

    @property
    def clipped(self) -> bool:
        return self._clipped

    def set_level(self, rms_dbfs: float, peak_dbfs: float | None = None, clipped: bool = False) -> None:
        self._rms = max(FLOOR_DB, min(0.0, float(rms_dbfs)))
        self._peak = max(self._peak, max(FLOOR_DB, min(0.0, float(peak_dbfs if peak_dbfs is not None else rms_dbfs))))
        self._clipped = clipped or self._clipped
        self.setToolTip(words.level_tip(self._rms, self._clipped))
        if not self._decay.isActive():
            self._decay.start()
        self.update()

    def show_level(self, level: Level) -> None:
        """One block's level as capture measured it (``RecordingController.level_changed``)."""
        self.set_level(level.rms_dbfs, level.peak_dbfs, level.clipped)

    def reset(self) -> None:
        self._rms = self._peak = FLOOR_DB
        self._clipped = False
        self._decay.stop()
        self.update()

    def _on_decay_timeout(self) -> None:
        self._rms = max(FLOOR_DB, self._rms - 1.5)
        self._peak = max(FLOOR_DB, self._peak - 0.6)
        if self._rms <= FLOOR_DB and self._peak <= FLOOR_DB:
            self._decay.stop()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.colors()
        p, r = begin_track(self, 5)
        frac = (self._rms - FLOOR_DB) / -FLOOR_DB
        color = c.bad if self._clipped else (c.warn if self._rms > -6 else c.ok)
        fill_track(p, r, frac, color, 5)
        peak_x = r.left() + r.width() * (self._peak - FLOOR_DB) / -FLOOR_DB
        if self._peak > FLOOR_DB:
            p.setBrush(c.text)
            p.drawRect(QRectF(peak_x - 1, r.top(), 2, r.height()))
        p.end()
