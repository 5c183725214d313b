"""The Team section of the Coach page: every rep pulled from the team folder; opening one coaches them.

Shown only to a coach in a team. The rows are read on the store thread whenever an operation changes
takes (a sync that pulled some among them); opening a rep (Enter or a double-click) makes them the
current rep, so the rest of the Coach page (takes, notes, compare, sessions) is theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from voicecoach.ui.messages import BannerKey
from voicecoach.ui.widgets.team_table import TeamTable

__all__ = ["TeamSection"]


class TeamSection(QWidget):
    def __init__(self, ctx: Any, open_rep: Callable[[int, Any], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open_rep = open_rep
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = TeamTable()
        self.table.rep_opened.connect(self._on_rep_opened)
        lay.addWidget(self.table)
        self.setVisible(ctx.team.state.is_coach)
        ctx.team.state_changed.connect(self._on_team_state)
        ctx.operation_did_execute.connect(lambda changes: self.refresh() if changes.takes else None)

    def refresh(self) -> None:
        if not self.ctx.team.state.is_coach:
            return
        from voicecoach.storage.team import team_status

        self.ctx.store.call(team_status, self.table.show_reps, self.ctx.fail(BannerKey.TEAM_STATUS), owner=self)

    def _on_team_state(self, state: Any) -> None:
        was_hidden = self.isHidden()
        self.setVisible(state.is_coach)
        if state.is_coach and was_hidden:
            self.refresh()

    def _on_rep_opened(self, profile_id: int) -> None:
        self.ctx.store.call(lambda s: s.get_profile(profile_id), lambda rec: self.open_rep(rec.id, rec.profile),
                            self.ctx.fail(BannerKey.OPENING_REP), owner=self)
