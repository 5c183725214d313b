"""The bottom of the practice page: the record button, the timer against the limit, status and the mic level."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from voicecoach.ui import words
from voicecoach.ui.take_state import TakeState
from voicecoach.ui.widgets.level_meter import LevelMeter
from voicecoach.ui.widgets.timer_bar import TimerBar

__all__ = ["RecordBar"]

READY, RECORDING = words.READY_TO_RECORD, words.RECORDING_STATUS


class RecordBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rec = QHBoxLayout(self)
        rec.setContentsMargins(0, 0, 0, 0)
        rec.setSpacing(16)
        self.record_button = QPushButton("●  Record")
        self.record_button.setObjectName("RecordButton")
        self.record_button.setToolTip(words.RECORD_TIP)
        rec.addWidget(self.record_button)
        bars = QVBoxLayout()
        self.timer_bar = TimerBar()
        bars.addWidget(self.timer_bar)
        meter_row = QHBoxLayout()
        self.status_label = QLabel(READY)
        self.status_label.setProperty("muted", True)
        meter_row.addWidget(self.status_label, 1)
        mic = QLabel("Mic")
        mic.setProperty("muted", True)
        meter_row.addWidget(mic)
        self.meter = LevelMeter()
        self.meter.setFixedWidth(160)
        meter_row.addWidget(self.meter)
        bars.addLayout(meter_row)
        rec.addLayout(bars, 1)

    def show_state(self, state: TakeState, capturing: bool) -> None:
        """The button's text and colour, and the status line, for where the take is (``capturing``: the
        microphone side is still busy with it)."""
        btn = self.record_button
        recording = state in (TakeState.OPENING, TakeState.RECORDING)
        stopping = state == TakeState.FINISHING and capturing
        btn.setText("■  Stop" if recording else ("Finishing…" if stopping else "●  Record"))
        btn.setProperty("recording", recording)
        btn.style().unpolish(btn)
        btn.style().polish(btn)
        btn.setEnabled(not stopping)
        status = {TakeState.OPENING: words.STARTING_MICROPHONE, TakeState.RECORDING: RECORDING,
                  TakeState.FINISHING: words.FINISHING_TAKE if capturing else "Analysing…"}.get(state)
        if status:
            self.status_label.setText(status)
        if not capturing:
            self.meter.reset()
