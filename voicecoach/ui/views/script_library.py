"""The Scripts page's library: the list (searched, archived scripts shown or not), picking a script without
losing unsaved edits, archive / restore and delete, each with Undo in its message (takes are never touched).

``ScriptLibrary`` is that part of ``ScriptsView``; the editor and its check stay in ``scripts``.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton

from voicecoach.ui import operations as ops
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op

__all__ = ["ScriptLibrary"]


class ScriptLibrary:
    """The library column of ``ScriptsView``: its list and its Archive and Delete buttons."""

    ctx: AppContext
    scripts: builtins.list[Any]
    current: Any
    creating: bool
    search: QLineEdit
    list: QListWidget
    show_archived: QCheckBox
    archive_button: QPushButton
    delete_button: QPushButton
    editor: QPlainTextEdit

    def has_unsaved_edits(self) -> bool:
        raise NotImplementedError

    def ask_unsaved(self, then: Callable[[], None]) -> None:
        raise NotImplementedError

    def edit(self, script: Any) -> None:
        raise NotImplementedError

    def _clear_editor(self) -> None:
        raise NotImplementedError

    def refresh(self, *_: object) -> None:
        term = self.search.text().strip() or None
        archived = self.show_archived.isChecked()
        self.ctx.store.call(lambda s: s.list_scripts(term, archived=archived), self._on_scripts_loaded,
                            self.ctx.fail(BannerKey.SCRIPTS))

    def _on_scripts_loaded(self, scripts: builtins.list[Any]) -> None:
        self.scripts = list(scripts)
        keep = self.current.id if self.current is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.scripts:
            item = QListWidgetItem(s.title)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(words.script_item_tip(s.version, s.time_limit))
            self.list.addItem(item)
            if s.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.current is None and not self.creating and self.scripts and not self.editor.toPlainText():
            self.list.setCurrentRow(0)
        self._update_library_buttons()

    def _on_list_current_changed(self, item: QListWidgetItem | None, prev: QListWidgetItem | None) -> None:
        if item is None:
            return
        sid = item.data(Qt.ItemDataRole.UserRole)
        script = next((s for s in self.scripts if s.id == sid), None)
        if script is None:
            return
        if self.has_unsaved_edits():
            self._select_item(prev)  # stays on the edited script until the rep answers
            self.ask_unsaved(lambda: self._pick(script.id))
            return
        self.edit(script)

    def _select_item(self, item: QListWidgetItem | None) -> None:
        self.list.blockSignals(True)
        if item is None:
            self.list.clearSelection()
        else:
            self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _pick(self, script_id: int) -> None:
        """Open a script after its question was answered (the library may have been refreshed meanwhile)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == script_id:
                self._select_item(item)
        script = next((s for s in self.scripts if s.id == script_id), None)
        if script is not None:
            self.edit(script)

    def _on_show_archived_toggled(self, on: bool) -> None:
        if self.has_unsaved_edits():
            self.show_archived.blockSignals(True)
            self.show_archived.setChecked(not on)
            self.show_archived.blockSignals(False)
            self.ask_unsaved(lambda: self.show_archived.setChecked(on))
            return
        self._clear_editor()
        self.refresh()

    def _update_library_buttons(self) -> None:
        script = self.current
        self.archive_button.setEnabled(script is not None)
        self.delete_button.setEnabled(script is not None)
        self.archive_button.setText("Restore" if script is not None and script.archived else "Archive")

    def toggle_archived(self) -> None:
        script = self.current
        if script is None:
            return
        archive = not script.archived

        def done(record: Any) -> None:
            undo = ("Undo", lambda: self._set_archived(record.id, not archive))
            self.ctx.post(words.script_archived(record.title, archive), Level.INFO, key=BannerKey.SCRIPT_ARCHIVE,
                          actions=[undo])
            self._after_library_change()

        run_op(self.ctx, ops.archive_script(script.id, archive), done)

    def _set_archived(self, script_id: int, archived: bool) -> None:
        self.ctx.clear(BannerKey.SCRIPT_ARCHIVE)
        run_op(self.ctx, ops.archive_script(script_id, archived), lambda _r: self._after_library_change())

    def delete_current(self) -> None:
        """Delete without a confirmation dialog: Undo in the message brings it back, takes are never touched."""
        script = self.current
        if script is None:
            return

        def done(record: Any) -> None:
            self.ctx.post(words.script_deleted(record.title), Level.INFO,
                          key=BannerKey.SCRIPT_DELETE, actions=[("Undo", lambda: self.undo_delete(record.id))])
            self._after_library_change()

        run_op(self.ctx, ops.delete_script(script.id), done)

    def undo_delete(self, script_id: int) -> None:
        self.ctx.clear(BannerKey.SCRIPT_DELETE)
        run_op(self.ctx, ops.restore_script(script_id), self._after_undelete)

    def _after_undelete(self, record: Any) -> None:
        self._after_library_change()
        self.ctx.post(words.script_back(record.title), Level.INFO)

    def _after_library_change(self) -> None:
        self._clear_editor()
