"""The column beside an editor that checks what is written: a heading, a one-line summary, the flags."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from voicecoach.ui.widgets.flag_list import FlagList

__all__ = ["check_panel", "check_timer"]


def check_panel(title: str, empty_text: str) -> tuple[QWidget, QLabel, FlagList]:
    """(the panel, its summary label, its flag list) for "Script check", "Cadence check" …"""
    panel = QWidget()
    panel.setMinimumWidth(200)
    col = QVBoxLayout(panel)
    col.setContentsMargins(8, 0, 0, 0)
    head = QLabel(title)
    head.setStyleSheet("font-weight:600")
    col.addWidget(head)
    summary = QLabel("–")
    summary.setWordWrap(True)
    col.addWidget(summary)
    flags = FlagList()
    flags.setAccessibleName(title)
    flags.empty_text = empty_text
    col.addWidget(flags, 1)
    return panel, summary, flags


def check_timer(owner: QObject, check: Callable[[], object], ms: int = 200) -> QTimer:
    """The short pause after typing before the check runs: ``start()`` it on every edit."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(check)
    return timer
