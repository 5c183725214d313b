"""Scripts: a searchable library, an editor with placeholders, and a live check beside it; a second tab edits
cadences (``cadence_editor``). The library's list, archive and delete are ``script_library``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.cadence import Cadence
from voicecoach.core.inputs import MAX_NAME_CHARS, MAX_SCRIPT_CHARS
from voicecoach.core.judgement import time_limit_for
from voicecoach.ui import operations as ops
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op
from voicecoach.ui.views.script_library import ScriptLibrary
from voicecoach.ui.widgets.check_panel import check_panel, check_timer
from voicecoach.ui.widgets.page import page_layout

__all__ = ["PLACEHOLDER_HELP", "ScriptsView"]

PLACEHOLDER_HELP = (("first_name", "your first name"), ("name", "your full name"), ("company", "your company"),
                    ("phone", "your callback number"), ("website", "your website"), ("email", "your email"),
                    ("prospect", "the prospect's name"), ("referral", "who referred you"),
                    ("trigger", "why you call now (from a call list)"))


class ScriptsView(QWidget, ScriptLibrary):
    practise_requested = Signal(int)  # script id
    rehearse_requested = Signal(Cadence)  # from the Cadences tab

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scripts: list[Any] = []
        self.current: Any = None  # ScriptRecord being edited, None for a new one
        # True from "New script" until it is saved or another script is picked: while it holds, a
        # library refresh must never load an existing script into the editor (it would be overwritten).
        self.creating = False
        # What the editor held when it was last loaded or saved: anything else is an unsaved edit.
        self._baseline: tuple[str, str, int, str] = ("", "", 0, "")
        self.unsaved_box: QMessageBox | None = None
        self._after_save: Callable[[], None] | None = None
        self._lint_timer = check_timer(self, self.run_lint)
        self._build()
        ctx.scripts_changed.connect(self.refresh)
        ctx.profile_changed.connect(self.run_lint)
        ctx.settings_changed.connect(self.run_lint)

    def _build(self) -> None:
        lay, _head = page_layout(self, "Scripts")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_library())
        split.addWidget(self._build_editor())
        split.addWidget(self._build_lint())
        for i, stretch in enumerate((2, 5, 3)):
            split.setStretchFactor(i, stretch)
        split.setSizes([230, 520, 300])
        from voicecoach.ui.views.cadence_editor import CadenceEditor

        self.cadence_editor = CadenceEditor(self.ctx)
        self.cadence_editor.rehearse_requested.connect(self.rehearse_requested)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(split, "Scripts")
        self.tabs.addTab(self.cadence_editor, "Cadences")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        lay.addWidget(self.tabs, 1)

    def _on_tab_changed(self, index: int) -> None:
        if index == 1:
            self.cadence_editor.on_shown()

    def _build_library(self) -> QWidget:
        lib = QWidget()
        lib.setMinimumWidth(190)
        ll = QVBoxLayout(lib)
        ll.setContentsMargins(0, 0, 8, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(words.SEARCH_SCRIPTS)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        ll.addWidget(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName("Script library")
        self.list.setWordWrap(True)  # long titles wrap instead of being cut
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        ll.addWidget(self.list, 1)
        self.show_archived = QCheckBox("Show archived scripts")
        self.show_archived.toggled.connect(self._on_show_archived_toggled)
        ll.addWidget(self.show_archived)
        row = QHBoxLayout()
        self.archive_button = QPushButton("Archive")
        self.archive_button.setToolTip(words.ARCHIVE_TIP)
        self.archive_button.clicked.connect(self.toggle_archived)
        row.addWidget(self.archive_button)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip(words.DELETE_SCRIPT_TIP)
        self.delete_button.clicked.connect(self.delete_current)
        row.addWidget(self.delete_button)
        ll.addLayout(row)
        new = QPushButton("New script")
        new.setToolTip(words.NEW_SCRIPT_TIP)
        new.clicked.connect(self.new_script)
        ll.addWidget(new)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_current)
        return lib

    def _build_editor(self) -> QWidget:
        ed = QWidget()
        ed.setMinimumWidth(320)
        el = QVBoxLayout(ed)
        el.setContentsMargins(8, 0, 8, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(words.SCRIPT_TITLE_PLACEHOLDER)
        form.addRow("Title", self.title_edit)
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(0, 300)
        self.limit_spin.setSuffix(" s")
        self.limit_spin.setSpecialValueText("Default")
        self.limit_spin.setMaximumWidth(120)
        self.limit_spin.setToolTip(words.TIME_LIMIT_TIP)
        self.limit_spin.valueChanged.connect(self._lint_soon)
        form.addRow("Time limit", self.limit_spin)
        self.referral_edit = QLineEdit()
        self.referral_edit.setMaxLength(MAX_NAME_CHARS)
        self.referral_edit.setPlaceholderText(words.REFERRAL_PLACEHOLDER)
        self.referral_edit.textChanged.connect(self._lint_soon)
        form.addRow("Referral", self.referral_edit)
        form.addRow("Insert", self._placeholder_menu())
        el.addLayout(form)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Script text")
        self.editor.setPlaceholderText(words.SCRIPT_PLACEHOLDER)
        self.editor.textChanged.connect(self._lint_soon)
        el.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("primary", True)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(lambda: self.save())
        self.practise_button = QPushButton("Practise this script")
        self.practise_button.clicked.connect(self._on_practise_clicked)
        buttons.addStretch(1)
        buttons.addWidget(self.practise_button)
        buttons.addWidget(self.save_button)
        el.addLayout(buttons)
        return ed

    def _placeholder_menu(self) -> QWidget:
        """One button with a menu: a row of {first_name} {company} … buttons was cut off at 1024 px."""
        button = QPushButton("Placeholder")
        button.setToolTip(words.INSERT_PLACEHOLDER_TIP)
        menu = QMenu(button)
        for name, what in PLACEHOLDER_HELP:
            action = menu.addAction(f"{{{name}}} — {what}")
            action.triggered.connect(lambda _c=False, n=name: self.insert_placeholder(n))
        button.setMenu(menu)
        self.placeholder_button = button
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(button)
        row.addStretch(1)
        return holder

    def insert_placeholder(self, name: str) -> None:
        self.editor.insertPlainText("{" + name + "}")
        self.editor.setFocus()

    def _build_lint(self) -> QWidget:
        panel, self.estimate_label, self.lint_list = check_panel("Script check", words.SCRIPT_CHECK_EMPTY)
        return panel

    # -- shown -------------------------------------------------------------------------------------
    def on_shown(self) -> None:
        self.refresh()
        if self.tabs.currentIndex() == 1:
            self.cadence_editor.on_shown()
        pid = self.ctx.profile_id
        if pid is not None:
            self.ctx.store.call(lambda s: tp.wpm_of(s.list_takes(pid, limit=20)), self._on_pace_measured)

    def _on_pace_measured(self, wpm: float | None) -> None:
        self.ctx.measured_wpm = wpm
        self.run_lint()

    # -- unsaved edits -------------------------------------------------------------------------------
    def _fields(self) -> tuple[str, str, int, str]:
        return (self.title_edit.text(), self.editor.toPlainText(), self.limit_spin.value(),
                self.referral_edit.text())

    def _mark_clean(self) -> None:
        self._baseline = self._fields()

    def has_unsaved_edits(self) -> bool:
        return self._fields() != self._baseline

    def ask_unsaved(self, then: Callable[[], None]) -> None:
        """Ask to save, discard or keep editing; ``then`` runs after a save that worked, or a discard."""
        if self.unsaved_box is not None and self.unsaved_box.isVisible():
            return
        title = self.title_edit.text().strip() or "this new script"
        box = QMessageBox(QMessageBox.Icon.Question, words.UNSAVED_SCRIPT_TITLE,
                          words.unsaved_script(title) if self.current is not None or self.creating
                          else words.UNSAVED_SCRIPT_NEW, parent=self)
        box.setInformativeText(words.UNSAVED_SCRIPT_LOST)
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(button: Any) -> None:
            choice = box.standardButton(button)
            if choice == QMessageBox.StandardButton.Save:
                self.save(then=then)
            elif choice == QMessageBox.StandardButton.Discard:
                self._mark_clean()
                then()

        box.buttonClicked.connect(answered)
        self.unsaved_box = box
        box.open()

    def edit(self, script: Any) -> None:
        self.current = script
        self.creating = False
        self.title_edit.setText(script.title)
        self.limit_spin.setValue(int(script.time_limit or 0))
        self.referral_edit.setText(script.referral or "")
        self.editor.setPlainText(script.text)
        self._mark_clean()
        self.practise_button.setEnabled(not script.archived)
        self._update_library_buttons()
        self.run_lint()

    def new_script(self) -> None:
        if self.has_unsaved_edits():
            self.ask_unsaved(self.new_script)
            return
        if self.show_archived.isChecked():
            self.show_archived.setChecked(False)  # a new script belongs in the library
        self.list.clearSelection()
        self._clear_editor()
        self.creating = True
        self.title_edit.setFocus()
        self.run_lint()

    def save(self, then: Callable[[], None] | None = None) -> None:
        title = self.title_edit.text().strip()
        text = self.editor.toPlainText().strip()
        if not title or not text:
            self.ctx.post(words.SCRIPT_INCOMPLETE, Level.WARNING, key=BannerKey.SCRIPT)
            return
        if len(text) > MAX_SCRIPT_CHARS:
            self.ctx.post(words.script_too_long(len(text), MAX_SCRIPT_CHARS), Level.WARNING, key=BannerKey.SCRIPT)
            return
        limit = float(self.limit_spin.value()) or None
        referral = self.referral_edit.text().strip() or None
        current_id = self.current.id if self.current is not None else None
        self._after_save = then
        run_op(self.ctx, ops.save_script(current_id, title, text, limit, referral), self._on_saved)

    def _on_saved(self, record: Any) -> None:
        self.current = record
        self.creating = False
        if self.title_edit.text().strip() != record.title:
            self.title_edit.setText(record.title)  # a new script under a taken title was saved as "… 2"
        self._mark_clean()
        self.practise_button.setEnabled(not record.archived)
        self._update_library_buttons()
        self.ctx.clear(BannerKey.SCRIPT)
        self.ctx.post(words.script_saved(record.title, record.version), Level.INFO)
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def _on_practise_clicked(self) -> None:
        if self.current is not None:
            self.practise_requested.emit(self.current.id)

    def _clear_editor(self) -> None:
        self.current = None
        self.creating = False
        self.title_edit.setText("")
        self.limit_spin.setValue(0)
        self.referral_edit.setText("")
        self.editor.setPlainText("")
        self._mark_clean()
        self.practise_button.setEnabled(False)
        self._update_library_buttons()

    # -- lint ----------------------------------------------------------------------------------------
    def _lint_soon(self, *_: object) -> None:
        self._lint_timer.start()

    def run_lint(self, *_: object) -> None:
        """Lint is pure and takes a few milliseconds, so it runs right here as the rep types."""
        text = self.editor.toPlainText()
        if not text.strip():
            self.estimate_label.setText(words.SCRIPT_LENGTH_HINT)
            self.lint_list.set_flags([])
            return
        from voicecoach.core.script import fill_placeholders

        wpm = self.ctx.measured_wpm or self.ctx.settings.lint_wpm
        limit = time_limit_for(self.ctx.settings, float(self.limit_spin.value()) or None)
        filled = fill_placeholders(text, self.ctx.profile, referral=self.referral_edit.text().strip() or None)
        try:
            from voicecoach.core.lint import lint_script

            result = lint_script(filled, profile=self.ctx.profile, wpm=wpm, settings=self.ctx.settings,
                                 time_limit=limit)
        except (ImportError, ValueError) as exc:
            self.estimate_label.setText(words.script_check_unavailable(exc))
            return
        self.estimate_label.setText(words.script_estimate(result.estimated_seconds, bool(self.ctx.measured_wpm), wpm,
                                                          result.words, limit))
        self.lint_list.set_flags(result.flags)
