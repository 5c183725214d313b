"""Dialogs: the rep's profile (first run and "add rep"), and the damaged-database offer at start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.profile import Profile, ProfileError


class ProfileDialog(QDialog):
    """Name, company and callback number are what every take is checked against."""

    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False, model: Any = None,
                 profile: Profile | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to VoiceCoach" if first_run else "Rep profile")
        self.setMinimumWidth(480)
        self.profile: Profile | None = None
        lay = QVBoxLayout(self)
        if first_run:
            intro = QLabel("<h3>Let's set you up</h3>Your voicemails are checked for your name, your company "
                           "and your callback number, so tell VoiceCoach what they are. "
                           "Everything stays on this computer.")
            intro.setWordWrap(True)
            lay.addWidget(intro)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for key, label, hint in (("name", "Your name", "Dana Whitfield"), ("company", "Company", "Northwind Realty"),
                                 ("phone", "Callback number", "415-555-0142"),
                                 ("website", "Website (optional)", "northwindrealty.com"),
                                 ("email", "Email (optional)", "dana@northwindrealty.com")):
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label)
            if profile is not None:
                edit.setText(getattr(profile, key) or "")
            form.addRow(label, edit)
            self.fields[key] = edit
        lay.addLayout(form)
        self.seed_samples = QCheckBox("Add three sample scripts (cold call, referral, follow-up)")
        self.seed_samples.setChecked(first_run)
        self.seed_samples.setVisible(first_run)
        lay.addWidget(self.seed_samples)
        self.model_row = QWidget()
        mr = QHBoxLayout(self.model_row)
        mr.setContentsMargins(0, 8, 0, 0)
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        mr.addWidget(self.model_label, 1)
        self.model_buttons: list[QPushButton] = []
        if model is not None and first_run:
            for title, slot in model.actions():
                b = QPushButton(title)
                b.clicked.connect(slot)
                mr.addWidget(b)
                self.model_buttons.append(b)
            model.state_changed.connect(lambda _s: self._show_model(model))
            self._show_model(model)
            lay.addWidget(self.model_row)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c0392b")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setText("Start practising" if first_run else "Save")
        self.accept_button.setProperty("primary", True)
        box.accepted.connect(self._on_accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def _show_model(self, model: Any) -> None:
        texts = {"ready": "Speech model: ready.", "loading": "Speech model: loading in the background…",
                 "downloading": "Speech model: downloading…"}
        text = texts.get(model.state) or f"Speech model: {model.message or model.state}"
        self.model_label.setText(text)
        for b in self.model_buttons:
            b.setVisible(model.state in ("missing", "error"))

    def set_values(self, **values: str) -> None:
        for k, v in values.items():
            self.fields[k].setText(v)

    def _on_accept(self) -> None:
        try:
            self.profile = Profile.from_dict({k: e.text() for k, e in self.fields.items()})
        except ProfileError as exc:
            self.error.setText(str(exc).capitalize() + ".")
            return
        self.accept()


def database_problem_box(parent: QWidget | None, exc: BaseException, can_restore: bool) -> QMessageBox:
    """Shown when the database cannot be opened: says what is wrong and offers the last backup."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Your practice history could not be opened")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(str(exc)[:1].upper() + str(exc)[1:])
    box.setInformativeText("Nothing was deleted. Restore the last backup to carry on, or quit and move the file "
                           "aside." if can_restore else "Nothing was deleted. Quit, then move the file aside or "
                           "update VoiceCoach.")
    if can_restore:
        box.addButton("Restore last backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    return box
