"""The parts of the coach page, each a widget a newcomer can find by name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voicecoach.ui import words
from voicecoach.ui.widgets.report_panel import ReportPanel

__all__ = ["ComparePane", "RepBar", "SessionBar", "TakePicker"]


class RepBar(QWidget):
    """Which rep is coached, adding one, and moving a rep's work between coaches as a bundle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Rep"))
        self.rep_combo = QComboBox()
        self.rep_combo.setMinimumWidth(220)
        # Wide enough for "name · company" so reps from different teams can be told apart.
        self.rep_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.rep_combo.setAccessibleName("Rep")
        row.addWidget(self.rep_combo)
        self.add_button = QPushButton("Add rep…")
        row.addWidget(self.add_button)
        self.export_bundle_button = QPushButton("Export bundle…")
        self.export_bundle_button.setToolTip(words.EXPORT_BUNDLE_TIP)
        row.addWidget(self.export_bundle_button)
        self.import_bundle_button = QPushButton("Import bundle…")
        self.import_bundle_button.setToolTip(words.IMPORT_BUNDLE_TIP)
        row.addWidget(self.import_bundle_button)


class SessionBar(QWidget):
    """A one-on-one: its goals, start and end, and its report as HTML or PDF."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.goals = QLineEdit()
        self.goals.setPlaceholderText(words.GOALS_PLACEHOLDER)
        row.addWidget(self.goals, 1)
        self.session_button = QPushButton("Start session")
        self.session_button.setProperty("primary", True)
        row.addWidget(self.session_button)
        self.export_html_button = QPushButton("Export session report…")
        self.export_html_button.setEnabled(False)
        row.addWidget(self.export_html_button)
        self.export_pdf_button = QPushButton("Save as PDF…")
        self.export_pdf_button.setToolTip(words.EXPORT_PDF_TIP)
        self.export_pdf_button.setEnabled(False)
        row.addWidget(self.export_pdf_button)
        lay.addLayout(row)
        self.session_label = QLabel(words.NO_SESSION)
        self.session_label.setProperty("muted", True)
        lay.addWidget(self.session_label)

    def set_export_enabled(self, on: bool) -> None:
        self.export_html_button.setEnabled(on)
        self.export_pdf_button.setEnabled(on)


class TakePicker(QWidget):
    """The rep's takes (select two to compare) and the notes on the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ll = QVBoxLayout(self)
        ll.setContentsMargins(0, 0, 8, 0)
        ll.addWidget(QLabel("Takes (select two to compare)"))
        self.take_list = QListWidget()
        self.take_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.take_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.take_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        ll.addWidget(self.take_list, 1)
        row = QHBoxLayout()
        self.compare_button = QPushButton("Compare")
        self.first_latest_button = QPushButton("First vs latest")
        self.judge_button = QPushButton("Judge again")
        self.judge_button.setToolTip(words.JUDGE_SELECTED_TIP)
        row.addWidget(self.compare_button)
        row.addWidget(self.first_latest_button)
        ll.addLayout(row)
        ll.addWidget(self.judge_button)  # a row of its own: the list stays narrow beside two reports
        self.notes_label = QLabel("Notes")
        self.notes_label.setWordWrap(True)
        ll.addWidget(self.notes_label)
        self.notes_list = QListWidget()
        self.notes_list.setAccessibleName("Notes")
        self.notes_list.setWordWrap(True)
        self.notes_list.setTextElideMode(Qt.TextElideMode.ElideNone)  # a long note wraps whole, never "…"
        self.notes_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ll.addWidget(self.notes_list, 1)


class ComparePane(QWidget):
    """Two takes side by side, each with a title; a note is asked for at the playhead of either."""

    def __init__(self, on_note: Callable[[ReportPanel, float], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        cl = QHBoxLayout(self)
        cl.setContentsMargins(8, 0, 0, 0)
        self.panels: list[ReportPanel] = []
        self.panel_titles: list[QLabel] = []
        for _ in range(2):
            box = QVBoxLayout()
            title = QLabel("Pick a take")
            title.setWordWrap(True)
            title.setStyleSheet("font-weight:600")
            panel = ReportPanel(actions=True, compact=True)
            panel.buttons["again"].hide()
            panel.buttons["discard"].hide()
            panel.note_clicked.connect(lambda at, p=panel: on_note(p, at))
            panel.show_nothing()
            box.addWidget(title)
            box.addWidget(panel, 1)
            cl.addLayout(box, 1)
            self.panels.append(panel)
            self.panel_titles.append(title)

    def clear(self) -> None:
        for panel, title in zip(self.panels, self.panel_titles, strict=True):
            panel.show_nothing()
            panel.setProperty("take_id", None)
            title.setText(words.PICK_A_TAKE)
