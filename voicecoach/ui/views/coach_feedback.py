"""'From your coach' on the practice page: the goals of the latest one-on-one and the newest notes.

It stays out of the way: one compact box above the script, hidden when the coach has said nothing, and
refreshed in the background whenever an operation changes notes, sessions or takes (a team sync that
brought notes announces that too).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from voicecoach.core.when import local_text

__all__ = ["MAX_NOTES_SHOWN", "CoachFeedbackPanel"]

MAX_NOTES_SHOWN = 3


class CoachFeedbackPanel(QFrame):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CoachFeedback")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("From your coach")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.text)
        self.feedback: Any = None
        self.hide()
        ctx.profile_changed.connect(self.refresh)
        ctx.operation_did_execute.connect(self._on_operation)

    def _on_operation(self, changes: Any) -> None:
        if changes.notes or changes.sessions or changes.takes:
            self.refresh()

    def refresh(self) -> None:
        profile_id = self.ctx.profile_id
        if profile_id is None:
            self.show_feedback(None)
            return
        from voicecoach.storage.team import coach_feedback

        self.ctx.store.call(lambda store: coach_feedback(store, profile_id), self.show_feedback, lambda _e: None,
                            owner=self)

    def show_feedback(self, feedback: Any) -> None:
        self.feedback = feedback
        if feedback is None or feedback.empty:
            self.hide()
            return
        parts = ["<b>From your coach</b>"]
        if feedback.goals.strip():
            met = dict(feedback.goal_results)
            goals = [g.strip() for g in feedback.goals.replace(";", "\n").splitlines() if g.strip()]
            shown = ", ".join(html.escape(g) + (" ✓" if met.get(g) else "") for g in goals)
            parts.append(f"Goals: {shown}")
        for note in feedback.notes[:MAX_NOTES_SHOWN]:
            when = local_text(note.take_started_at, "%a %d %b")
            at = f" at {note.at_seconds:.1f} s" if note.at_seconds is not None else ""
            parts.append(f"“{html.escape(note.text)}” <span style='opacity:0.7'>— on your {when} take of "
                         f"{html.escape(note.script_title)}{at}</span>")
        self.text.setText("<br>".join(parts))
        self.show()
