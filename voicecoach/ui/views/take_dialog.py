"""A past take's full report in its own window, opened from the progress table or coach mode."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QVBoxLayout, QWidget

from voicecoach.ui import take_pipeline as tp
from voicecoach.ui.context import AppContext
from voicecoach.ui.widgets.report_panel import ReportPanel


def load_take_bundle(store: Any, take_id: int, settings: Any, profile: Any) -> dict[str, Any]:
    """Runs on the store thread: the take, the script version it was judged against, its notes."""
    take = store.get_take(take_id)
    script = store.get_script_version(take.script_version_id)
    with contextlib.suppress(Exception):
        profile = store.get_profile(take.profile_id).profile
    notes = store.list_notes(take_id)
    text = tp.filled_script(script, profile)
    cats = tp.categories_for(take.transcript, text or None, profile, settings, getattr(script, "referral", None))
    return {"take": take, "script": script, "notes": notes, "categories": cats}


def describe_take(bundle: dict[str, Any]) -> str:
    take, script = bundle["take"], bundle["script"]
    return f"{script.title} — attempt {take.attempt}, {take.started_at:%d %b %Y %H:%M}"


class TakeDialog(QDialog):
    def __init__(self, ctx: AppContext, take_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.take_id = take_id
        self.setWindowTitle("Take")
        self.resize(980, 640)
        lay = QVBoxLayout(self)
        self.panel = ReportPanel(actions=True)
        self.panel.buttons["again"].hide()
        self.panel.discard_clicked.connect(self._on_discard)
        self.panel.note_clicked.connect(self._on_note)
        lay.addWidget(self.panel, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.loaded = False
        ctx.store.call(lambda s: load_take_bundle(s, take_id, ctx.settings, ctx.profile), self._on_loaded,
                       ctx.fail("Opening the take"))

    def _on_loaded(self, bundle: dict[str, Any]) -> None:
        take = bundle["take"]
        self.setWindowTitle(describe_take(bundle))
        self.panel.show_report(take.transcript, take.report_dict, take.audio_path,
                               pause_seconds=self.ctx.settings.dead_air_seconds, categories=bundle["categories"])
        self.loaded = True

    def _on_discard(self) -> None:
        self.ctx.store.call(lambda s: s.trash_take(self.take_id), lambda _r: self._trashed(),
                            self.ctx.fail("Discard"), owner=self)

    def _trashed(self) -> None:
        self.ctx.takes_changed.emit()
        self.ctx.post("Take moved to the trash.", "info")
        self.accept()

    def _on_note(self, at: float) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "Note on this take", f"Note at {at:.1f} s:")
        if ok and text.strip():
            sid = self.ctx.session_id
            self.ctx.store.call(lambda s: s.add_note(self.take_id, text.strip(), at_seconds=at, session_id=sid),
                                lambda _r: self.ctx.post("Note saved.", "info"), self.ctx.fail("Note"))
