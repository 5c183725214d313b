"""The Scripts page's Cadences tab: pick a cadence, edit its attempts in order (drag to reorder, day and topic
beside each, the script of the selected one below), see the cadence lint live, save, rehearse.

Reading and saving the files and the lint run on the general pool (``workers.run_task``); an answer that
an edit has since overtaken is dropped. Edits not saved are never replaced silently: picking another cadence
or New cadence first asks Save / Discard / Cancel (a window-modal box, answered through its signal).
The attempt rows and their drafts are ``cadence_attempts``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.cadence import Cadence
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.views.cadence_attempts import (
    AttemptDraft,
    AttemptEdits,
    AttemptTree,
    cadence_dict,
    drafts_of,
    lint_draft,
)
from voicecoach.ui.widgets.check_panel import check_panel, check_timer
from voicecoach.ui.widgets.rich import esc, tip
from voicecoach.ui.workers import run_task

__all__ = ["CadenceEditor"]


class CadenceEditor(QWidget, AttemptEdits):
    rehearse_requested = Signal(Cadence)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[Any] = []
        self.path: Path | None = None  # the rep's own file being edited; None for a sample or a new one
        self.shown_path: Path | None = None  # the listed file on screen (a sample's too), kept selected
        self._saved_state: dict[str, Any] | None = None  # what was loaded or saved last, to tell an edit
        self._after_save: Callable[[], None] | None = None
        self.unsaved_box: QMessageBox | None = None
        self.follow_up = False
        self.drafts: list[AttemptDraft] = []
        self.cadence: Any = None  # the last version that read back as a cadence
        self.lint_result: Any = None
        self._generation = 0
        self._loading = False
        self._timer = check_timer(self, self.run_lint, 250)
        self._build()
        ctx.profile_changed.connect(self._lint_soon)
        ctx.settings_changed.connect(self._lint_soon)

    def _build(self) -> None:
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._build_library())
        split.addWidget(self._build_attempts())
        split.addWidget(self._build_lint())
        split.setSizes([200, 560, 300])
        lay.addWidget(split)

    def _build_library(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 8, 0)
        self.cadence_list = QListWidget()
        self.cadence_list.setAccessibleName("Cadences")
        self.cadence_list.setWordWrap(True)
        self.cadence_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Names wrap at the list's width as it is now (Adjust), never cut short; the longest sample word fits.
        self.cadence_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.cadence_list.setMinimumWidth(self.fontMetrics().horizontalAdvance("Re-engagement") + 32)
        self.cadence_list.currentItemChanged.connect(self._on_cadence_picked)
        col.addWidget(self.cadence_list, 1)
        self.new_button = QPushButton("New cadence")
        self.new_button.clicked.connect(lambda: self._unless_unsaved(self.new_cadence))
        col.addWidget(self.new_button)
        return box

    def _build_attempts(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(8, 0, 8, 0)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(words.CADENCE_NAME_PLACEHOLDER)
        self.name_edit.textEdited.connect(self._lint_soon)
        form.addRow("Name", self.name_edit)
        col.addLayout(form)
        hint = QLabel(words.ATTEMPTS_HINT)
        hint.setWordWrap(True)
        hint.setProperty("muted", True)
        col.addWidget(hint)
        self.tree = AttemptTree()
        self.tree.order_changed.connect(self._on_tree_reordered)
        self.tree.itemChanged.connect(self._on_item_edited)
        self.tree.currentItemChanged.connect(self._on_attempt_picked)
        col.addWidget(self.tree, 2)
        col.addLayout(self._attempt_buttons())
        self.script_heading = QLabel("Script of the selected attempt (title, then its words)")
        col.addWidget(self.script_heading)
        self.script_title = QLineEdit()
        self.script_title.setPlaceholderText(words.ATTEMPT_SCRIPT_PLACEHOLDER)
        self.script_title.textEdited.connect(self._on_script_edited)
        col.addWidget(self.script_title)
        self.script_edit = QPlainTextEdit()
        self.script_edit.setAccessibleName("Script of the selected attempt")
        self.script_edit.textChanged.connect(self._on_script_edited)
        col.addWidget(self.script_edit, 3)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.save_button = QPushButton("Save cadence")
        self.save_button.clicked.connect(self.save)
        self.rehearse_button = QPushButton("Rehearse the cadence")
        self.rehearse_button.setProperty("primary", True)
        self.rehearse_button.clicked.connect(self.rehearse)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.rehearse_button)
        col.addLayout(bottom)
        return box

    def _attempt_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        # Short labels, so the row fits beside the list and the check at 1024 px; the tooltip says it whole.
        for text, tip_text, slot in (
            ("Add", "Add an attempt after the last", self.add_attempt),
            ("Remove", "Remove the selected attempt", self.remove_attempt),
            ("▲ Up", "Move the selected attempt up (the days stay in place)", lambda: self.move_selected(-1)),
            ("▼ Down", "Move the selected attempt down (the days stay in place)", lambda: self.move_selected(1)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip_text)
            button.setAccessibleName(tip_text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_lint(self) -> QWidget:
        panel, self.lint_summary, self.lint_list = check_panel("Cadence check", words.CADENCE_CHECK_EMPTY)
        return panel

    # -- the library -----------------------------------------------------------------------------------
    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        from voicecoach.storage.cadence_files import list_cadences

        run_task(list_cadences, self._on_listed, self.ctx.fail(BannerKey.CADENCES), owner=self)

    def _on_listed(self, files: list[Any]) -> None:
        keep = self.shown_path
        self.files = list(files)
        self.cadence_list.blockSignals(True)
        self.cadence_list.clear()
        for f in self.files:
            label = f.name + (" (sample)" if f.sample else "") + ("" if f.cadence else " — cannot be read")
            item = QListWidgetItem(label)
            item.setToolTip(tip(f.problem or str(f.path)))
            self.cadence_list.addItem(item)
            if keep is not None and f.path == keep:
                self.cadence_list.setCurrentItem(item)
        self.cadence_list.blockSignals(False)
        readable = next((i for i, f in enumerate(self.files) if f.cadence is not None), None)
        if not self.drafts and readable is not None:  # the first that reads: a broken file is only listed
            self.cadence_list.setCurrentRow(readable)

    def _on_cadence_picked(self, item: QListWidgetItem | None, prev: QListWidgetItem | None) -> None:
        row = self.cadence_list.row(item) if item is not None else -1
        if not 0 <= row < len(self.files):
            return
        picked = self.files[row]
        if picked.cadence is None:  # said, and the list stays on the cadence on screen
            self.ctx.post(words.cadence_unreadable(picked.path.name, picked.problem), Level.WARNING,
                          key=BannerKey.CADENCE)
            self._select(prev)
            return
        if self.is_dirty():  # the list stays on the cadence being edited until the rep answers
            self._select(prev)
        self._unless_unsaved(lambda: self._show_file(picked))

    def _show_file(self, picked: Any) -> None:
        self._select(next((i for i in range(self.cadence_list.count()) if self.files[i].path == picked.path), None))
        self.load(picked.cadence, None if picked.sample else picked.path, shown=picked.path)

    def _select(self, which: QListWidgetItem | int | None) -> None:
        self.cadence_list.blockSignals(True)
        if isinstance(which, int):
            self.cadence_list.setCurrentRow(which)
        elif which is not None:
            self.cadence_list.setCurrentItem(which)
        else:
            self.cadence_list.setCurrentRow(-1)
        self.cadence_list.blockSignals(False)

    def load(self, cadence: Any, path: Path | None = None, *, shown: Path | None = None) -> None:
        self.path, self.shown_path = path, shown or path
        self.follow_up = bool(cadence.follow_up)
        self.name_edit.setText(cadence.name)
        self.drafts = drafts_of(cadence)
        self._fill_tree(0)
        self._saved_state = self._state()
        self.run_lint()

    def new_cadence(self) -> None:
        self._select(None)
        self.path = self.shown_path = None
        self.follow_up = False
        self.name_edit.setText("")
        self.drafts = [AttemptDraft(1, "", "", "")]
        self._fill_tree(0)
        self._saved_state = self._state()
        self.name_edit.setFocus()
        self.run_lint()

    # -- edits not saved -------------------------------------------------------------------------------
    def _state(self) -> dict[str, Any]:
        return cadence_dict(self.name_edit.text().strip(), self.follow_up, self.drafts)

    def is_dirty(self) -> bool:
        """Edited since it was loaded or saved (an edit undone by hand is not an edit)."""
        return self._saved_state is not None and self._state() != self._saved_state

    def _unless_unsaved(self, action: Callable[[], None]) -> None:
        """Do ``action`` (which replaces what is on screen) now, or once the rep has answered Save / Discard."""
        if not self.is_dirty():
            action()
            return
        self.ask_unsaved(action)

    def ask_unsaved(self, action: Callable[[], None]) -> None:
        """Save / Discard / Cancel; ``action`` runs after a save that worked, or a discard."""
        if self.unsaved_box is not None and self.unsaved_box.isVisible():
            return
        buttons = QMessageBox.StandardButton
        name = self.name_edit.text().strip()
        box = QMessageBox(QMessageBox.Icon.Question, words.UNSAVED_CADENCE_TITLE,
                          words.unsaved_cadence(name) if name else words.UNSAVED_CADENCE_NEW,
                          buttons.Save | buttons.Discard | buttons.Cancel, self)
        box.setInformativeText(words.UNSAVED_CADENCE_LOST)
        box.setDefaultButton(buttons.Save)
        box.buttonClicked.connect(lambda button: self._on_unsaved_answer(box.standardButton(button), action))
        self.unsaved_box = box
        box.open()

    def _on_unsaved_answer(self, answer: QMessageBox.StandardButton, action: Callable[[], None]) -> None:
        self.unsaved_box = None
        if answer == QMessageBox.StandardButton.Save:
            self.save(then=action)
        elif answer == QMessageBox.StandardButton.Discard:
            self._saved_state = self._state()  # discarded: nothing is left to ask about
            action()

    # -- lint, save, rehearse --------------------------------------------------------------------------
    def _lint_soon(self, *_: object) -> None:
        self._timer.start()

    def run_lint(self) -> None:
        """Read the edited cadence back and lint it on a worker; a result an edit has overtaken is dropped."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        data = cadence_dict(self.name_edit.text().strip(), self.follow_up, self.drafts)
        profile, settings = self.ctx.profile, self.ctx.settings
        wpm = self.ctx.measured_wpm or settings.lint_wpm
        run_task(lambda: lint_draft(data, profile, settings, wpm),
                 lambda result: self._on_linted(generation, result), self.ctx.fail(BannerKey.CADENCE_CHECK), owner=self)

    def _on_linted(self, generation: int, result: tuple[Any, Any, str | None]) -> None:
        if generation != self._generation:
            return
        self.cadence, self.lint_result, problem = result
        if problem is not None:
            self.lint_summary.setText(words.not_a_cadence_rich(esc(problem)))
            self.lint_list.set_flags([])
        else:
            self.lint_summary.setText(words.cadence_summary(len(self.cadence.attempts), self.cadence.attempts[-1].day,
                                                            self.lint_result.passed))
            self.lint_list.set_flags(self.lint_result.all_flags)
        self.rehearse_button.setEnabled(problem is None)
        self.save_button.setEnabled(problem is None)

    def edited_cadence(self) -> Any:
        """The cadence as edited right now (not the last one checked), or None with the reason posted."""
        from voicecoach.core.cadence import CadenceError, cadence_from_dict

        try:
            return cadence_from_dict(cadence_dict(self.name_edit.text().strip(), self.follow_up, self.drafts))
        except CadenceError as exc:
            self.ctx.post(words.not_a_cadence(exc), Level.WARNING, key=BannerKey.CADENCE)
            return None

    def save(self, *, then: Callable[[], None] | None = None) -> None:
        """Write the cadence as edited now (on the pool); ``then`` runs once it is saved (not when it fails)."""
        cadence, path, state = self.edited_cadence(), self.path, self._state()
        if cadence is None:
            return
        from voicecoach.storage.cadence_files import save_cadence

        self._after_save = then
        run_task(lambda: save_cadence(cadence, path), lambda saved: self._on_saved(saved, state),
                 self.ctx.fail(BannerKey.SAVING_CADENCE), owner=self)

    def _on_saved(self, path: Path, state: dict[str, Any]) -> None:
        self.path = self.shown_path = path
        self._saved_state = state  # edits made while it was written still count as unsaved
        self.ctx.post(words.cadence_saved(state["name"]), Level.INFO, key=BannerKey.CADENCE)
        then, self._after_save = self._after_save, None
        if then is not None:
            then()
        self.refresh()

    def rehearse(self) -> None:
        cadence = self.edited_cadence()
        if cadence is not None:
            self.rehearse_requested.emit(cadence)
