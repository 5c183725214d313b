"""A note at a moment of a take: a box sized for a few sentences, Tab to the buttons, Ctrl+Enter to save.

Qt's multi-line input dialog was 278×274, typed a tab on Tab and ignored Ctrl+Enter. This one opens
without blocking (``open``) and hands the text to a callback when it is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

__all__ = ["NoteDialog", "ask_note"]


class NoteDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, at_seconds: float | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(440, 260)
        self.resize(520, 300)
        lay = QVBoxLayout(self)
        where = f"Note at {at_seconds:.1f} s of the take" if at_seconds is not None else "Note on the take"
        label = QLabel(f"{where} (Ctrl+Enter saves):")
        label.setWordWrap(True)
        lay.addWidget(label)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Note")
        self.editor.setTabChangesFocus(True)  # Tab moves to the buttons instead of typing a tab
        self.editor.setMinimumHeight(120)
        lay.addWidget(self.editor, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save note")
        self.save_button.setProperty("primary", True)
        box.accepted.connect(self._save)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._save)
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def _save(self) -> None:
        if self.text():
            self.accept()


def ask_note(parent: QWidget, title: str, at_seconds: float | None, on_saved: Callable[[str], None]) -> NoteDialog:
    """Open the note box (window-modal, not blocking); ``on_saved(text)`` runs when a note is saved."""
    dialog = NoteDialog(parent, title, at_seconds)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.accepted.connect(lambda: on_saved(dialog.text()))
    dialog.open()
    return dialog
