"""A coach's session, after the talking: which goals were met, and the report handed over (HTML or PDF)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from voicecoach.ui import operations as ops
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.file_dialogs import ask_save_path
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op

__all__ = [
    "REPORT_FILTERS",
    "EndSessionBox",
    "GoalsDialog",
    "ask_end_session_first",
    "ask_goal_results",
    "export_session_report",
    "report_file_name",
    "write_session_report",
]

REPORT_FILTERS = "Web page (*.html);;PDF (*.pdf)"


class GoalsDialog(QDialog):
    """One tick box per goal: the coach says which were met, and the report says so."""

    def __init__(self, goals: list[str], results: dict[str, bool] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.GOALS_TITLE)
        self.setMinimumWidth(420)
        lay = QVBoxLayout(self)
        intro = QLabel(words.GOALS_INTRO)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for goal in goals:
            box = QCheckBox(goal)
            box.setChecked(bool((results or {}).get(goal)))
            lay.addWidget(box)
            self.boxes[goal] = box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Not now")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def results(self) -> dict[str, bool]:
        return {goal: box.isChecked() for goal, box in self.boxes.items()}


class EndSessionBox(QMessageBox):
    """Before another rep is coached: a session belongs to one rep, so end it (its goals are asked next) or
    stay. Non-modal; the caller connects ``button_end`` and ``button_stay``."""

    def __init__(self, parent: QWidget, current: str, other: str) -> None:
        super().__init__(QMessageBox.Icon.Question, words.END_SESSION_TITLE, words.end_session_question(current, other),
                         parent=parent)
        self.setInformativeText(words.END_SESSION_INFO)
        self.button_end = self.addButton("End session and switch", QMessageBox.ButtonRole.AcceptRole)
        self.button_stay = self.addButton(f"Stay with {current}", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.button_stay)
        self.setWindowModality(Qt.WindowModality.WindowModal)


def ask_end_session_first(parent: QWidget, current: str, other: str) -> EndSessionBox:
    box = EndSessionBox(parent, current, other)
    box.open()
    return box


def ask_goal_results(ctx: AppContext, parent: QWidget, session: Any) -> GoalsDialog | None:
    """After a session ends: ask which goals were met (non-modal), and store the answer."""
    goals = session.goal_list
    if not goals:
        return None
    dialog = GoalsDialog(goals, dict(session.goal_results), parent)
    sid = session.id

    def save() -> None:
        results = dialog.results()
        met = sum(results.values())
        run_op(ctx, ops.set_goal_results(sid, results),
               lambda _r: ctx.post(words.goals_saved(met, len(results)), Level.INFO))

    dialog.accepted.connect(save)
    dialog.open()
    return dialog


def report_file_name(rep_name: str, when: datetime | None = None) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", rep_name).strip("-").lower() or "rep"
    return f"one-on-one-{slug}-{(when or datetime.now()):%Y-%m-%d}.html"


def export_session_report(ctx: AppContext, parent: QWidget, session_id: int, rep_name: str,
                          pdf: bool = False) -> None:
    """Ask where, then write the report: HTML on the store thread, PDF printed on the GUI thread."""
    name = report_file_name(rep_name)
    if pdf:
        name = name[:-5] + ".pdf"
    out = ask_save_path(parent, ctx.prefs, words.SESSION_REPORT_TITLE, name,
                        "PDF (*.pdf)" if pdf else REPORT_FILTERS)
    if out is not None:
        write_session_report(ctx, session_id, out)


def write_session_report(ctx: AppContext, session_id: int, out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        if out.suffix.lower() not in (".html", ".htm"):
            out = out.with_name(out.name + ".html")
        ctx.store.call(lambda s: s.export_session_html(session_id, out),
                       lambda p: ctx.post(words.report_saved(p), Level.INFO), ctx.fail(BannerKey.EXPORT))
        return

    def print_pdf(report: Any) -> None:
        from voicecoach.ui.session_pdf import save_session_pdf

        try:
            saved = save_session_pdf(report, out)
        except OSError as exc:
            ctx.post(words.pdf_failed(exc), Level.ERROR, key=BannerKey.EXPORT)
            return
        ctx.post(words.report_saved(saved), Level.INFO)

    ctx.store.call(lambda s: s.session_report(session_id), print_pdf, ctx.fail(BannerKey.EXPORT))
