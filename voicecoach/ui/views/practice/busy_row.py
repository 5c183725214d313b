"""Progress of long work on the practice page (an import, a kept take analysed), with Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

__all__ = ["BusyRow"]


class BusyRow(QWidget):
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.cancel_clicked)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(cancel)
        self.hide()

    def show_busy(self, what: str, fraction: float | None) -> None:
        """``what`` is being done (hidden when empty), ``fraction`` of it so far."""
        self.setVisible(bool(what))
        self.label.setText(what)
        self.bar.setValue(int(100 * float(fraction or 0.0)))
