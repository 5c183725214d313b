"""The rep's contact details as a form: used by the first-run dialog, "Add rep" and Settings.

The callback number is checked as it is typed (``core.phone``, libphonenumber's rules), normalised on
save, and read back the way a listener hears it, so a rep sees at once that "12" is not a number.
"""

from __future__ import annotations

import phonenumbers
from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from voicecoach.core.phone import DEFAULT_REGION, PhoneError, PhoneNumber, parse_phone
from voicecoach.core.profile import Profile, ProfileError
from voicecoach.ui import words
from voicecoach.ui.text import sentence

__all__ = ["FIELDS", "ProfileForm", "stored_form"]

FIELDS = (("name", "Your name", "Dana Whitfield"), ("company", "Company", "Northwind Realty"),
          ("phone", "Callback number", "415-555-0142"),
          ("website", "Website (optional)", "northwindrealty.com"),
          ("email", "Email (optional)", "dana@northwindrealty.com"))


def _region_names() -> list[tuple[str, str]]:
    """(name, code) for every region libphonenumber knows, named in the user's language, sorted."""
    out = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        territory = QLocale.codeToTerritory(code)
        name = QLocale.territoryToString(territory) if territory != QLocale.Country.AnyCountry else code
        out.append((name, code))
    return sorted(out)


def stored_form(number: PhoneNumber) -> str:
    """How a number is saved: as the app displays it relative to its default region (national for
    DEFAULT_REGION, +international otherwise), so it parses back to the same number everywhere."""
    ext = f" ext. {number.extension}" if number.extension else ""
    return parse_phone(number.e164 + ext, DEFAULT_REGION).display


class ProfileForm(QWidget):
    changed = Signal()

    def __init__(self, profile: Profile | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLineEdit] = {}
        for key, label, hint in FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label)
            edit.textChanged.connect(self._on_edited)
            form.addRow(label, edit)
            self.fields[key] = edit
            if key == "phone":
                form.addRow("Country", self._build_region())
                self.read_back = QLabel()
                self.read_back.setWordWrap(True)
                self.read_back.setProperty("muted", True)
                self.read_back.setAccessibleName("How your number is read back")
                form.addRow("", self.read_back)
        if profile is not None:
            self.set_profile(profile)
        self._on_edited()

    def _build_region(self) -> QComboBox:
        self.region = QComboBox()
        self.region.setAccessibleName("Country of the number")
        self.region.setToolTip(words.REGION_TIP)
        for name, code in _region_names():
            self.region.addItem(f"{name} (+{phonenumbers.country_code_for_region(code)})", code)
        home = QLocale.territoryToCode(QLocale.system().territory()) or DEFAULT_REGION
        index = self.region.findData(home if home in phonenumbers.SUPPORTED_REGIONS else DEFAULT_REGION)
        self.region.setCurrentIndex(max(0, index))
        self.region.currentIndexChanged.connect(self._on_edited)
        return self.region

    def set_profile(self, profile: Profile) -> None:
        for key, edit in self.fields.items():
            edit.setText(getattr(profile, key) or "")

    def set_values(self, **values: str) -> None:
        for key, value in values.items():
            self.fields[key].setText(value)

    def _on_edited(self, *_: object) -> None:
        text = self.fields["phone"].text().strip()
        if not text:
            self.read_back.setText(words.PHONE_HINT)
        else:
            try:
                number = parse_phone(text, self.region.currentData())
            except PhoneError as exc:
                self.read_back.setText(sentence(str(exc)))
            else:
                self.read_back.setText(words.phone_read_back(stored_form(number), number.read_back))
        self._fit_read_back()
        self.changed.emit()

    def _fit_read_back(self) -> None:
        """A fixed height with room for three lines (more only when its text needs them): the form's own
        estimate cut its last line, and a height that followed the text made the Save button below jump."""
        label = self.read_back
        width = label.width() if label.isVisible() else 0
        need = label.heightForWidth(width) if width > 0 else 0
        label.setFixedHeight(max(3 * label.fontMetrics().lineSpacing() + 4, need))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_read_back()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_read_back()

    def problem(self) -> str | None:
        """What stops the form from being saved, or None."""
        try:
            self.profile()
        except ProfileError as exc:
            return str(exc)
        return None

    def profile(self) -> Profile:
        """The profile typed, with the number normalised; raises ProfileError with a sentence."""
        values = {k: e.text().strip() for k, e in self.fields.items()}
        if values["phone"]:
            try:
                number = parse_phone(values["phone"], self.region.currentData())
            except PhoneError as exc:
                raise ProfileError(str(exc)) from None
            values["phone"] = stored_form(number)
        return Profile.from_dict(values)

