"""The frame every view shares: margins, a title, and a header row for the view's own controls."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


def page_layout(page: QWidget, title: str) -> tuple[QVBoxLayout, QHBoxLayout]:
    """Lay out ``page`` with its title; returns the page layout and the header row (title already in)."""
    lay = QVBoxLayout(page)
    lay.setContentsMargins(24, 18, 24, 18)
    lay.setSpacing(12)
    head = QHBoxLayout()
    label = QLabel(title)
    label.setObjectName("PageTitle")
    head.addWidget(label)
    head.addStretch(1)
    lay.addLayout(head)
    return lay, head
