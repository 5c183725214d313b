"""The practice page's header controls: which script, for which prospect, from memory, a follow-up call."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QMenu, QPushButton, QSizePolicy, QWidget

from voicecoach.core.inputs import MAX_NAME_CHARS
from voicecoach.ui import words
from voicecoach.ui.widgets.page import HeaderLayout

__all__ = ["PracticeHeader"]


class PracticeHeader(QWidget):
    """Script picker, prospect's name, "Hide script", "Follow-up call", "Rehearse a cadence" and "Import audio…"."""

    def __init__(self, prospect: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # Wraps onto more lines when the page is narrow (1024 px, 1.5× scale) instead of cutting controls off.
        row = HeaderLayout(self, title=False)
        self.script_combo = QComboBox()
        self.script_combo.setMinimumWidth(260)
        self.script_combo.setAccessibleName("Script")
        row.addWidget(QLabel("Script"))
        row.addWidget(self.script_combo)
        self.prospect_edit = QLineEdit(prospect)
        self.prospect_edit.setMaxLength(MAX_NAME_CHARS)
        self.prospect_edit.setPlaceholderText(words.PROSPECT_PLACEHOLDER)
        self.prospect_edit.setAccessibleName("Prospect")
        self.prospect_edit.setToolTip(words.PROSPECT_TIP)
        self.prospect_edit.setMaximumWidth(150)
        row.addWidget(QLabel("Prospect"))
        row.addWidget(self.prospect_edit)
        self.hide_script = QCheckBox("Hide script")
        self.hide_script.setToolTip(words.HIDE_SCRIPT_TIP)
        row.addWidget(self.hide_script)
        self.follow_up_box = QCheckBox("Follow-up call")
        self.follow_up_box.setToolTip(words.FOLLOW_UP_TIP)
        row.addWidget(self.follow_up_box)
        self.cadence_button = QPushButton("Rehearse a cadence")
        self.cadence_button.setToolTip(words.CADENCE_TIP)
        self.cadence_menu = QMenu(self.cadence_button)
        self.cadence_menu.addAction("Reading the cadences…").setEnabled(False)  # Qt never shows an empty menu
        self.cadence_button.setMenu(self.cadence_menu)
        row.addWidget(self.cadence_button)
        self.import_button = QPushButton("Import audio…")
        self.import_button.setToolTip(words.IMPORT_TIP)
        row.addWidget(self.import_button)

    def set_follow_up(self, checked: bool, enabled: bool) -> None:
        """Show the script's stored field without it counting as the rep's click."""
        self.follow_up_box.blockSignals(True)
        self.follow_up_box.setChecked(checked)
        self.follow_up_box.setEnabled(enabled)
        self.follow_up_box.blockSignals(False)

    def set_idle(self, idle: bool, has_script: bool, rehearsing: bool = False) -> None:
        """While a take is recorded, what it is judged against stays as it was when it started; while a
        cadence is rehearsed, the attempt decides the script and whether it is a follow-up."""
        self.script_combo.setEnabled(idle and not rehearsing)
        self.follow_up_box.setEnabled(idle and has_script and not rehearsing)
        self.import_button.setEnabled(idle)
        self.cadence_button.setEnabled(idle)
