"""A past take's full report in its own window, opened from the progress table or coach mode."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from voicecoach.ui import operations as ops
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op
from voicecoach.ui.widgets.banner import Toast
from voicecoach.ui.widgets.note_dialog import ask_note
from voicecoach.ui.widgets.report_panel import ReportPanel

__all__ = ["TakeDialog"]


class TakeDialog(QDialog):
    def __init__(self, ctx: AppContext, take_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.take_id = take_id
        self.setWindowTitle(words.TAKE_TITLE)
        self.resize(980, 640)
        lay = QVBoxLayout(self)
        self.panel = ReportPanel(actions=True)
        self.panel.buttons["again"].hide()
        self.panel.discard_clicked.connect(self._on_discard)
        self.panel.note_clicked.connect(self._on_note)
        lay.addWidget(self.panel, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        self.judge_button = box.addButton("Judge again", QDialogButtonBox.ButtonRole.ActionRole)
        self.judge_button.setToolTip(words.JUDGE_TAKE_TIP)
        self.judge_button.clicked.connect(self.judge_again)
        lay.addWidget(box)
        self.toast = Toast(self)  # this window's own messages, in front of it
        self.loaded = False
        self._load()

    def _load(self) -> None:
        take_id = self.take_id
        self.ctx.store.call(lambda s: tp.load_stored_take(s, take_id), self._on_loaded,
                            self.ctx.fail(BannerKey.OPENING_TAKE), owner=self)

    def _on_loaded(self, stored: tp.StoredTake) -> None:
        take = stored.take
        self.setWindowTitle(stored.title)
        self.panel.show_report(take.transcript, stored.report, take.audio_path, note=stored.note)
        self.loaded = True

    def judge_again(self) -> None:
        ops.judge_again(self.ctx, self.judge_button, [self.take_id], owner=self, then=self._load,
                        say=self.toast.show_message)

    def _on_discard(self) -> None:
        run_op(self.ctx, ops.trash_take(self.take_id), lambda _r: self._trashed(), owner=self)

    def _trashed(self) -> None:
        self.ctx.post(words.TAKE_TRASHED, Level.INFO)
        self.accept()

    def _on_note(self, at: float) -> None:
        take_id = self.take_id
        self.note_dialog = ask_note(self, words.TAKE_NOTE_TITLE, at, lambda text: run_op(
            self.ctx, ops.add_note(take_id, text, at, self.ctx.session_id, author="rep"),
            lambda _r: self.ctx.post(words.NOTE_SAVED, Level.INFO)))
