"""Dialogs: the rep's profile (first run and "add rep"), and the damaged-database offer at start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.profile import Profile, ProfileError
from voicecoach.core.remedy import Remedy, problem_of
from voicecoach.ui import words
from voicecoach.ui.remedies import Remedies, advice
from voicecoach.ui.text import sentence
from voicecoach.ui.widgets.profile_form import ProfileForm
from voicecoach.ui.widgets.wheel import guard_wheel

__all__ = ["DIALOG_REMEDIES", "ProfileDialog", "database_problem", "database_problem_box"]


class ProfileDialog(QDialog):
    """Name, company and callback number are what every take is checked against."""

    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False, model: Any = None,
                 profile: Profile | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.PROFILE_TITLE_FIRST if first_run else words.PROFILE_TITLE)
        self.setMinimumWidth(560)
        self.profile: Profile | None = None
        lay = QVBoxLayout(self)
        if first_run:
            intro = QLabel(words.PROFILE_INTRO)
            intro.setWordWrap(True)
            lay.addWidget(intro)
        self.form = ProfileForm(profile)
        self.form.changed.connect(self._clear_error_once_fixed)
        self.fields = self.form.fields
        lay.addWidget(self.form)
        self.seed_samples = QCheckBox("Add three sample scripts (cold call, referral, follow-up)")
        self.seed_samples.setChecked(first_run)
        self.seed_samples.setVisible(first_run)
        lay.addWidget(self.seed_samples)
        # The model's state on its own full-width line (an error names what is wrong and can be long),
        # its buttons on the line below: side by side, the buttons squeezed the text into a sliver.
        self.model_row = QWidget()
        mr = QVBoxLayout(self.model_row)
        mr.setContentsMargins(0, 8, 0, 0)
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.model_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mr.addWidget(self.model_label)
        buttons = QHBoxLayout()
        self.model_buttons: list[QPushButton] = []
        if model is not None and first_run:
            for title, slot in model.actions():
                b = QPushButton(title)
                b.clicked.connect(slot)
                buttons.addWidget(b)
                self.model_buttons.append(b)
            buttons.addStretch(1)
            mr.addLayout(buttons)
            model.state_changed.connect(lambda _s: self._show_model(model))
            self._show_model(model)
            lay.addWidget(self.model_row)
        self.error = QLabel()
        self.error.setObjectName("ErrorText")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setText("Start practising" if first_run else "Save")
        self.accept_button.setProperty("primary", True)
        box.accepted.connect(self._on_accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        guard_wheel(self)

    def _show_model(self, model: Any) -> None:
        self.model_label.setText(words.profile_model_status(model.state, model.message))
        for b in self.model_buttons:
            b.setVisible(model.state in ("missing", "error"))
        self.fit_height()

    def _clear_error_once_fixed(self) -> None:
        if self.form.problem() is None:
            self.error.setText("")

    def fit_height(self) -> None:
        """Grow with a longer message instead of squeezing the fields or cutting the text: a top-level
        window ignores its wrapped labels' height-for-width, so the minimum follows it by hand."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else 0
        if needed > 0:
            self.setMinimumHeight(needed)
            if self.height() < needed:
                self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def set_values(self, **values: str) -> None:
        self.form.set_values(**values)

    def _on_accept(self) -> None:
        try:
            self.profile = self.form.profile()
        except ProfileError as exc:
            self.error.setText(sentence(str(exc)))
            return
        self.accept()


# The remedies the start-up dialog offers as buttons: what can be done before the database opens.
DIALOG_REMEDIES = (Remedy.RESTORE_BACKUP, Remedy.MAKE_FOLDER_WRITABLE)


def database_problem_box(parent: QWidget | None, exc: BaseException, remedies: Remedies) -> QMessageBox:
    """Shown when the database cannot be opened: says what is wrong and offers a button per remedy it
    can do (restore the backup, show the data folder); Quit closes the app."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(words.DATABASE_TITLE)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(sentence(database_problem(exc)))
    problem = problem_of(exc)
    offered = [r for r in (problem.remedies if problem is not None else ()) if r in DIALOG_REMEDIES]
    box.setInformativeText(_database_advice(exc, offered))
    for remedy in offered:
        restore = remedy is Remedy.RESTORE_BACKUP
        role = QMessageBox.ButtonRole.AcceptRole if restore else QMessageBox.ButtonRole.ActionRole
        for label, action in remedies.buttons([remedy]):
            button = box.addButton(label, role)
            if not restore:  # showing the folder leaves the choice open: the box does not see this click
                button.clicked.disconnect()
            button.clicked.connect(action)
    box.addButton(words.QUIT, QMessageBox.ButtonRole.RejectRole)
    return box


def database_problem(exc: BaseException) -> str:
    """What is wrong with the database, for the window, built from the error's facts."""
    from voicecoach.storage.errors import CorruptDatabaseError

    if isinstance(exc, CorruptDatabaseError):
        return words.DAMAGED_DATABASE.format(path=exc.path, detail=exc.detail)
    return str(exc)


def _database_advice(exc: BaseException, offered: list[Remedy]) -> str:
    from voicecoach.storage.errors import CorruptDatabaseError

    problem = problem_of(exc)
    # the remedies offered as buttons, and those no button does: the others are in the message itself
    said = advice(r for r in problem.remedies if r in offered or r not in words.REMEDY_BUTTONS) if problem else ""
    if isinstance(exc, CorruptDatabaseError) and exc.backup is None:
        said = words.NO_BACKUP
    first = words.NOTHING_CHANGED if Remedy.MAKE_FOLDER_WRITABLE in offered else words.NOTHING_DELETED
    return " ".join(part for part in (first, said or words.QUIT_AND_RETRY) if part)
