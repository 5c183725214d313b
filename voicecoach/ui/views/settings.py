"""Settings: microphone (with a live meter), speech model folder, limits and thresholds, data folder, team folder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from voicecoach import paths
from voicecoach.core.profile import Profile, ProfileError
from voicecoach.core.script_fit import script_mismatches
from voicecoach.core.settings import Settings
from voicecoach.ui import operations as ops
from voicecoach.ui import theme, words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.open_folder import FOLDER_OPENER as DEFAULT_OPENER
from voicecoach.ui.open_folder import open_folder
from voicecoach.ui.operations import run_op
from voicecoach.ui.text import sentence
from voicecoach.ui.views.mic_settings import MicrophoneSettings
from voicecoach.ui.views.team_settings import TeamSettings
from voicecoach.ui.widgets.page import page_layout
from voicecoach.ui.widgets.profile_form import ProfileForm

if TYPE_CHECKING:
    from voicecoach.storage.db import Store

__all__ = ["FOLDER_OPENER", "SettingsView", "scripts_not_fitting"]

FOLDER_OPENER = DEFAULT_OPENER  # tests replace it with a file manager that fails


def scripts_not_fitting(scripts: list[Any], new: Profile, old: Profile | None) -> list[tuple[str, list[str]]]:
    """(title, problems) for each script whose text no longer matches the profile."""
    out = []
    for script in scripts:
        problems = script_mismatches(script.text, new, old)
        if problems:
            out.append((script.title, problems))
    return out


def _spin(low: float, high: float, step: float, suffix: str, width: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(width)
    return spin


class SettingsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.mic = MicrophoneSettings(ctx)
        # The section's parts, as tests and the rest of the page know them.
        mic = self.mic
        self.device_combo, self.test_button = mic.device_combo, mic.test_button
        self.tester, self.meter = mic.tester, mic.meter
        self._build()
        ctx.model.state_changed.connect(self._on_model_state)
        ctx.profile_changed.connect(self._on_profile_changed)
        self.load_values()

    def _build(self) -> None:
        outer, _head = page_layout(self, "Settings")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.viewport().setAutoFillBackground(False)
        body = QWidget()
        body.setObjectName("PageBody")
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 12, 0)
        lay.addWidget(self._build_profile())
        lay.addWidget(self.mic)
        lay.addWidget(self._build_model())
        lay.addWidget(self._build_limits())
        lay.addWidget(self._build_appearance())
        lay.addWidget(self._build_data())
        self.team_box = TeamSettings(self.ctx)
        lay.addWidget(self.team_box)
        lay.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def _build_model(self) -> QGroupBox:
        model = QGroupBox("Speech model")
        mf = QFormLayout(model)
        mrow2 = QHBoxLayout()
        self.model_edit = QLineEdit()
        self.model_edit.setPlaceholderText(words.MODEL_FOLDER_PLACEHOLDER)
        mrow2.addWidget(self.model_edit, 1)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._on_browse_model)
        mrow2.addWidget(browse)
        reload = QPushButton("Load")
        reload.clicked.connect(lambda: self.ctx.model.use_folder(self.model_edit.text().strip()))
        mrow2.addWidget(reload)
        mf.addRow("Folder", mrow2)
        self.model_status = QLabel("")
        self.model_status.setWordWrap(True)
        self.model_status.setProperty("muted", True)
        mf.addRow("Status", self.model_status)
        download = QPushButton("Download English model…")
        download.clicked.connect(self.ctx.model.download)
        drow0 = QHBoxLayout()
        drow0.addWidget(download)
        drow0.addStretch(1)
        mf.addRow("", drow0)
        return model

    def _build_limits(self) -> QGroupBox:
        limits = QGroupBox("Limits and thresholds")
        lf = QFormLayout(limits)
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(5, 300)
        self.limit_spin.setSuffix(" s")
        self.limit_spin.setMaximumWidth(120)
        lf.addRow("Time limit (default)", self.limit_spin)
        pace = QHBoxLayout()
        self.pace_min = QSpinBox()
        self.pace_max = QSpinBox()
        for s in (self.pace_min, self.pace_max):
            s.setRange(60, 300)
            s.setSuffix(" wpm")
            s.setMinimumWidth(110)
        pace.addWidget(self.pace_min)
        pace.addWidget(QLabel("to"))
        pace.addWidget(self.pace_max)
        pace.addStretch(1)
        lf.addRow("Pace range", pace)
        self._add_sound_thresholds(lf)
        self.fillers_edit = QLineEdit()
        self.fillers_edit.setToolTip(words.FILLERS_TIP)
        lf.addRow("Filler words", self.fillers_edit)
        buttons = QHBoxLayout()
        apply = QPushButton("Apply")
        apply.setProperty("primary", True)
        apply.clicked.connect(self.apply)
        defaults = QPushButton("Restore defaults")
        defaults.clicked.connect(lambda: self._show_settings(Settings()))
        buttons.addStretch(1)
        buttons.addWidget(defaults)
        buttons.addWidget(apply)
        lf.addRow("", buttons)
        return limits

    def _add_sound_thresholds(self, lf: QFormLayout) -> None:
        """Dead air, the hook and the flat-voice threshold: seconds and semitones, each with its unit."""
        self.dead_air = _spin(0.5, 10.0, 0.5, " s", 120)
        lf.addRow("Dead air after", self.dead_air)
        self.hook_spin = _spin(3.0, 30.0, 1.0, " s", 120)
        self.hook_spin.setToolTip(words.HOOK_TIP)
        lf.addRow("Reason for calling within", self.hook_spin)
        self.monotone_spin = _spin(1.0, 12.0, 0.5, " semitones", 160)
        self.monotone_spin.setToolTip(words.MONOTONE_TIP)
        lf.addRow("Flat voice below", self.monotone_spin)

    def _build_data(self) -> QGroupBox:
        data = QGroupBox("Data")
        df = QFormLayout(data)
        drow = QHBoxLayout()
        self.data_label = QLabel(str(paths.data_dir()))
        self.data_label.setWordWrap(True)
        drow.addWidget(self.data_label, 1)
        open_btn = QPushButton("Open folder")
        open_btn.clicked.connect(self.open_data_folder)
        drow.addWidget(open_btn)
        trash = QPushButton("Empty trash…")
        trash.setToolTip(words.EMPTY_TRASH_TIP)
        trash.clicked.connect(self.empty_trash)
        drow.addWidget(trash)
        df.addRow("Data folder", drow)
        hint = QLabel(words.DATA_FOLDER_HINT)
        hint.setProperty("muted", True)
        hint.setWordWrap(True)
        df.addRow("", hint)
        return data

    def _build_profile(self) -> QGroupBox:
        box = QGroupBox("Your profile")
        bl = QVBoxLayout(box)
        hint = QLabel(words.PROFILE_HINT)
        hint.setProperty("muted", True)
        hint.setWordWrap(True)
        bl.addWidget(hint)
        self.profile_form = ProfileForm(self.ctx.profile)
        self.profile_form.changed.connect(self._recheck_profile)
        bl.addWidget(self.profile_form)
        self.profile_error = QLabel("")
        self.profile_error.setObjectName("ErrorText")
        self.profile_error.setWordWrap(True)
        bl.addWidget(self.profile_error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.profile_save = QPushButton("Save profile")
        self.profile_save.setProperty("primary", True)
        self.profile_save.clicked.connect(self.save_profile)
        row.addWidget(self.profile_save)
        bl.addLayout(row)
        return box

    def _on_profile_changed(self) -> None:
        if self.ctx.profile is not None:
            self.profile_form.set_profile(self.ctx.profile)
        self.profile_error.setText("")

    def _recheck_profile(self) -> None:
        """Once what was refused is corrected, its red error goes (it stayed until the next Save)."""
        if self.profile_error.text() and self.profile_form.problem() is None:
            self.profile_error.setText("")

    def save_profile(self) -> None:
        pid, old = self.ctx.profile_id, self.ctx.profile
        try:
            profile = self.profile_form.profile()
        except ProfileError as exc:
            self.profile_error.setText(words.profile_not_saved(sentence(str(exc))))
            return
        self.profile_error.setText("")

        def check(store: Store) -> list[tuple[str, list[str]]]:
            return scripts_not_fitting(store.list_scripts(archived=None), profile, old)

        run_op(self.ctx, ops.save_profile(pid, profile, check), lambda result: self._on_profile_saved(profile, *result),
               owner=self)

    def _on_profile_saved(self, profile: Profile, profile_id: int, misfits: list[tuple[str, list[str]]]) -> None:
        self.ctx.set_profile(profile_id, profile)
        self.ctx.post(words.PROFILE_SAVED, Level.INFO)
        if not misfits:
            self.ctx.clear(BannerKey.PROFILE_SCRIPTS)
            return
        self.ctx.post(words.scripts_not_fitting(misfits), Level.WARNING, key=BannerKey.PROFILE_SCRIPTS)

    # -- values --------------------------------------------------------------------------------------
    def load_values(self) -> None:
        self.model_edit.setText(self.ctx.prefs.model_folder or "")
        self._show_settings(self.ctx.settings)

    def _show_settings(self, s: Settings) -> None:
        self.limit_spin.setValue(round(s.time_limit_seconds))
        self.pace_min.setValue(int(s.pace_min_wpm))
        self.pace_max.setValue(int(s.pace_max_wpm))
        self.dead_air.setValue(float(s.dead_air_seconds))
        self.hook_spin.setValue(float(s.hook_max_seconds))
        self.monotone_spin.setValue(float(s.monotone_semitones))
        self.fillers_edit.setText(", ".join(s.filler_words))

    def apply(self) -> None:
        lo, hi = self.pace_min.value(), self.pace_max.value()
        if lo >= hi:
            self.ctx.post(words.PACE_RANGE_INVERTED, Level.WARNING, key=BannerKey.SETTINGS)
            return
        fillers = tuple(w.strip().lower() for w in self.fillers_edit.text().split(",") if w.strip())
        settings = self.ctx.settings.replace(time_limit_seconds=float(self.limit_spin.value()), pace_min_wpm=float(lo),
                                             pace_max_wpm=float(hi), dead_air_seconds=float(self.dead_air.value()),
                                             filler_words=fillers, hook_max_seconds=float(self.hook_spin.value()),
                                             monotone_semitones=float(self.monotone_spin.value()))
        self.ctx.clear(BannerKey.SETTINGS)
        self.ctx.set_settings(settings)
        self.ctx.post(words.SETTINGS_SAVED, Level.INFO)

    def open_data_folder(self) -> bool:
        """Open the data folder in the file manager; without one, say where it is (and copy the path)."""
        return open_folder(self, self.ctx, str(paths.data_dir()), FOLDER_OPENER)

    def _build_appearance(self) -> QGroupBox:
        box = QGroupBox("Appearance")
        form = QFormLayout(box)
        self.theme_combo = QComboBox()
        self.theme_combo.setAccessibleName("Theme")
        for key, label in theme.THEME_CHOICES:
            self.theme_combo.addItem(label, key)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(self.ctx.prefs.get("ui/theme") or "system")))
        self.theme_combo.activated.connect(self._on_theme_chosen)
        row = QHBoxLayout()
        row.addWidget(self.theme_combo)
        row.addStretch(1)
        form.addRow("Theme", row)
        return box

    def _on_theme_chosen(self, index: int) -> None:
        choice = str(self.theme_combo.itemData(index))
        self.ctx.prefs.set("ui/theme", None if choice == "system" else choice)
        theme.set_theme_choice(cast(QApplication, QApplication.instance()), choice)

    def empty_trash(self) -> None:
        answer = QMessageBox.question(self, words.EMPTY_TRASH_TITLE, words.EMPTY_TRASH_QUESTION)
        if answer == QMessageBox.StandardButton.Yes:
            self.empty_trash_now()

    def empty_trash_now(self) -> None:
        def done(n: int) -> None:
            self.ctx.post(words.trash_emptied(n), Level.INFO)

        run_op(self.ctx, ops.empty_trash(), done)

    # -- devices -------------------------------------------------------------------------------------
    def on_shown(self) -> None:
        self.refresh_devices()
        self._on_model_state(self.ctx.model.state)

    def refresh_devices(self) -> None:
        self.mic.refresh_devices()

    def _on_browse_model(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the speech model folder", self.model_edit.text())
        if folder:
            self.model_edit.setText(folder)
            self.ctx.model.use_folder(folder)

    def _on_model_state(self, _state: str) -> None:
        self.model_status.setText(self.ctx.model.message or self.ctx.model.state)
