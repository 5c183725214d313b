"""A past take's full report in its own window, opened from the progress table or coach mode."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QVBoxLayout, QWidget

from voicecoach.ui.context import AppContext
from voicecoach.ui.widgets.report_panel import ReportPanel


def load_take_bundle(store: Any, take_id: int, settings: Any, profile: Any) -> dict[str, Any]:
    """Runs on the store thread: the take, the script version it was judged against, its report, its notes.

    The report carries what the views show as it was on the day; a report stored before it did gets its
    view rebuilt from the take's script version and rep.
    """
    from voicecoach.core.judgement import judgement_for
    from voicecoach.core.report import Report
    from voicecoach.core.take_view import rebuild_view

    take = store.get_take(take_id)
    script = store.get_script_version(take.script_version_id)
    with contextlib.suppress(Exception):
        profile = store.get_profile(take.profile_id).profile
    notes = store.list_notes(take_id)
    report = take.report if isinstance(take.report, Report) else None
    if report is not None and report.view is None:
        judgement = judgement_for(script=script, profile=profile, settings=settings)
        report = replace(report, view=rebuild_view(take.transcript, report.flags, judgement))
    return {"take": take, "script": script, "notes": notes, "report": report}


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
        self.panel.show_report(take.transcript, bundle["report"], take.audio_path,
                               note=None if bundle["report"] is not None else "This report cannot be read")
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
