"""The coach page's cadence table: per cadence the rep rehearsed, each attempt's takes, best score, latest
verdicts and whether it is ready; from the takes alone, so pulled team takes show the same."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from voicecoach.ui.widgets.rich import tip

__all__ = ["COLUMNS", "CadencePane"]

COLUMNS = ["Cadence / attempt", "Topic", "Takes", "Best", "Latest verdicts", "Ready"]


class CadencePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("Cadences")
        self.heading.setStyleSheet("font-weight:600")
        col.addWidget(self.heading)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Cadence progress per attempt")
        self.tree.setHeaderLabels(COLUMNS)
        # The topic takes the room the others leave (cut short with "…", whole in its tooltip): nothing scrolls
        # sideways at 1024 px; the cadence and two attempts always show, five when there is room.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("Takes") + 12)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.fontMetrics().height()
        self.tree.setMinimumHeight(line * 6)
        self.tree.setMaximumHeight(line * 10)
        col.addWidget(self.tree)
        self.hide()

    def show_progress(self, cadences: list[Any]) -> None:
        """``cadences``: ``CadenceProgress`` values, most recently rehearsed first; hidden when there are none."""
        self.tree.clear()
        for progress in cadences:
            state = "ready" if progress.ready else f"{progress.ready_count} of {len(progress.attempts)}"
            top = QTreeWidgetItem([progress.cadence, "", str(sum(a.takes for a in progress.attempts)), "", "", state])
            for a in progress.attempts:
                best = f"{a.best:.0f}" if a.best is not None else "–"
                verdicts = ", ".join(v.label.lower() for v in a.verdicts) or "not rehearsed"
                child = QTreeWidgetItem([f"Attempt {a.attempt}", a.topic or "", str(a.takes), best, verdicts,
                                         "yes" if a.ready else "no"])
                child.setToolTip(5, tip(a.reason))
                child.setToolTip(1, tip(a.topic or ""))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        if cadences:  # a cadence and three of its attempts at least, however short the page (it scrolls)
            header = self.tree.header().sizeHint().height()
            self.tree.setMinimumHeight(min(self.tree.maximumHeight(), header + 4 * self.tree.sizeHintForRow(0) + 6))
        self.setVisible(bool(cadences))

    def rows(self) -> list[list[str]]:
        """Every row's texts, cadences and their attempts in order (what the coach reads)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            assert top is not None
            out.append([top.text(c) for c in range(len(COLUMNS))])
            children = [top.child(j) for j in range(top.childCount())]
            out += [[child.text(c) for c in range(len(COLUMNS))] for child in children if child is not None]
        return out
