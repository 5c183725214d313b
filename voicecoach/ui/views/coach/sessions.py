"""The coach page's session and bundle actions: start and end a one-on-one (its goals saved as edited, asked
which were met at the end), resume the rep's open session from an earlier run, export a session's report
(HTML or PDF), export and import a rep's bundle.

``CoachSessions`` is that part of ``CoachView`` (see the package).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from voicecoach.ui import operations as ops
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.file_dialogs import ask_open_path, ask_save_path
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op
from voicecoach.ui.views.coach.parts import SessionBar
from voicecoach.ui.views.session_tools import ask_goal_results, export_session_report, write_session_report

__all__ = ["CoachSessions"]


class CoachSessions(QWidget):
    """Sessions and bundles of the rep being coached; ``CoachView`` builds the widgets and wires them here."""

    ctx: AppContext
    last_session_id: int | None
    _session_goals: str
    session_bar: SessionBar
    goals: QLineEdit
    session_button: QPushButton
    session_label: QLabel

    def refresh_reps(self) -> None:
        raise NotImplementedError

    def refresh_sessions(self) -> None:
        """The rep's latest session (from any earlier run) can be exported; an open one is resumed."""
        pid = self.ctx.profile_id
        if pid is not None and self.ctx.session_id is None:
            self.ctx.store.call(lambda s: s.list_sessions(pid)[:1], self._on_sessions_loaded,
                                self.ctx.fail(BannerKey.SESSIONS))

    def _on_sessions_loaded(self, sessions: list[Any]) -> None:
        if not sessions or self.ctx.session_id is not None:
            return
        last = sessions[0]
        self.last_session_id = last.id
        self._set_export_enabled(True)
        if last.ended_at is None:
            self._on_session_started(last)
        else:
            self.session_label.setText(words.last_session(last.started_at, last.goals))

    def _set_export_enabled(self, on: bool) -> None:
        self.session_bar.set_export_enabled(on)

    def toggle_session(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        if self.ctx.session_id is None:
            goals = self.goals.text().strip()
            run_op(self.ctx, ops.start_session(pid, goals), self._on_session_started)
        else:
            run_op(self.ctx, ops.end_session(self.ctx.session_id), self._on_session_ended)

    def _on_goals_edited(self) -> None:
        """Goals changed while a session runs are its goals (the Practice page and the report show them)."""
        sid, goals = self.ctx.session_id, self.goals.text().strip()
        if sid is not None and goals != self._session_goals:
            self._session_goals = goals
            run_op(self.ctx, ops.update_session_goals(sid, goals))

    def _on_session_started(self, session: Any) -> None:
        self.ctx.session_id = self.last_session_id = session.id
        self.session_button.setText("End session")
        self._session_goals = session.goals or ""
        self.goals.setText(self._session_goals)  # a session resumed from an earlier run shows its own goals
        self.goals.setCursorPosition(0)  # read from their start in a narrow window, not from their last words
        self.session_label.setText(words.session_running(session.started_at))
        self._set_export_enabled(True)

    def _on_session_ended(self, session: Any, then: Any = None) -> None:
        self.ctx.session_id = None
        self.session_button.setText("Start session")
        self.session_label.setText(words.session_ended(session.ended_at))
        self.goals_dialog = ask_goal_results(self.ctx, self, session)
        if then is not None:
            then()  # the next rep's page, after the ended session's text and goals are the previous rep's

    def export_session(self, pdf: bool = False) -> None:
        sid = self.ctx.session_id or self.last_session_id
        if sid is None:
            return
        name = self.ctx.profile.name if self.ctx.profile else "rep"
        export_session_report(self.ctx, self, sid, name, pdf=pdf)

    def export_session_to(self, session_id: int, out: Path) -> None:
        write_session_report(self.ctx, session_id, out)

    def export_bundle(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        out = ask_save_path(self, self.ctx.prefs, words.EXPORT_BUNDLE_TITLE, "voicecoach-bundle.zip", "Zip (*.zip)")
        if out is not None:
            self.export_bundle_to(out)

    def import_bundle(self) -> None:
        path = ask_open_path(self, self.ctx.prefs, words.IMPORT_BUNDLE_TITLE,
                             "VoiceCoach bundle (*.zip);;All files (*)")
        if path is not None:
            self.import_bundle_from(path)

    def import_bundle_from(self, path: Path) -> None:
        def done(summary: Any) -> None:
            self.ctx.post(words.bundle_imported(path.name, summary.describe()), Level.INFO)
            self.refresh_reps()

        run_op(self.ctx, ops.import_bundle(path), done)

    def export_bundle_to(self, out: Path) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        self.ctx.store.call(lambda s: s.export_bundle(out, pid),
                            lambda p: self.ctx.post(words.bundle_saved(p), Level.INFO), self.ctx.fail(BannerKey.EXPORT))
