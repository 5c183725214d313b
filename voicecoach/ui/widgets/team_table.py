"""The coach's team at a glance: one sortable, filterable row per rep; Enter or a double-click opens the rep."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.verdict import result_text
from voicecoach.core.when import local_text
from voicecoach.ui import words

__all__ = ["COLUMNS", "PROFILE_ROLE", "SORT_ROLE", "TeamTable"]

COLUMNS = ("Rep", "This week", "Latest", "Best", "Ready", "Most frequent issue", "Last practised", "Cadence")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PROFILE_ROLE = Qt.ItemDataRole.UserRole + 2


class TeamTable(QWidget):
    rep_opened = Signal(int)  # profile id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel("Team")
        self.title.setStyleSheet("font-weight:600")
        head.addWidget(self.title)
        head.addStretch(1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(words.FILTER_REPS_PLACEHOLDER)
        self.filter.setAccessibleName("Filter reps")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(280)
        head.addWidget(self.filter)
        lay.addLayout(head)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setAccessibleName("Team")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_activated)
        lay.addWidget(self.view, 1)
        self.empty = QLabel(words.NO_REPS_YET)
        self.empty.setProperty("muted", True)
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty)

    def show_reps(self, reps: list[Any]) -> None:
        """Fill the table from ``storage.team.RepStatus`` rows, keeping the sort and the filter."""
        self.model.removeRows(0, self.model.rowCount())
        for r in reps:
            cells = [
                _item(r.name, r.name.casefold()),
                _item(str(r.takes_this_week), r.takes_this_week),
                _item(result_text(r.latest_verdict, r.latest_score), _num(r.latest_score)),
                _item(_score(r.best_score), _num(r.best_score)),
                _item("ready" if r.ready else "not yet", int(r.ready), tip=r.readiness),
                _item(f"{r.top_issue.replace('_', ' ')} ({r.top_issue_count})" if r.top_issue else "–",
                      r.top_issue or ""),
                _item(_when(r.last_practised), r.last_practised.timestamp() if r.last_practised else 0.0),
                _item(r.cadence or "–", r.cadence or "", tip="\n".join(r.cadence_attempts)),
            ]
            for cell in cells:
                cell.setData(r.profile_id, PROFILE_ROLE)
            self.model.appendRow(cells)
        self.empty.setVisible(not reps)
        self._fit_height(len(reps))
        self.title.setText(words.team_title(len(reps)))

    def _fit_height(self, rows: int) -> None:
        """As tall as its rows (up to about eight), so a small team leaves room for the page below."""
        header = self.view.horizontalHeader().sizeHint().height()
        row = self.view.verticalHeader().defaultSectionSize()
        self.view.setFixedHeight(header + row * max(1, min(rows, 8)) + 2 * self.view.frameWidth() + 6)

    def profile_at(self, row: int) -> int:
        return int(self.proxy.index(row, 0).data(PROFILE_ROLE))

    def _on_activated(self, index: Any) -> None:
        if index.isValid():
            self.rep_opened.emit(int(index.data(PROFILE_ROLE)))


def _item(text: str, sort: Any, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setData(sort, SORT_ROLE)
    if tip:
        item.setToolTip(tip)
    return item


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _num(value: float | None) -> float:
    return -1.0 if value is None else float(value)


def _when(value: datetime | None) -> str:
    return local_text(value, "%a %d %b, %H:%M", "never")
