"""Settings → Team folder: join a shared folder as a rep or as the coach, publish recordings or not, leave."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from voicecoach.ui import words
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.team_service import TeamState

__all__ = ["TeamSettings"]


class TeamSettings(QGroupBox):
    """The team folder's controls; every action goes through the context's TeamService."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__("Team folder", parent)
        self.ctx = ctx
        self.team = ctx.team
        form = QFormLayout(self)
        self.status = QLabel(words.NOT_IN_A_TEAM_YET)
        self.status.setWordWrap(True)
        form.addRow("Folder", self.status)
        self.as_coach = QCheckBox("Join as the coach (pull every rep's takes; send notes and goals back)")
        form.addRow("", self.as_coach)
        self.audio = QCheckBox("Publish my recordings too (larger; the coach can listen)")
        self.audio.toggled.connect(self._on_audio_toggled)
        form.addRow("", self.audio)
        row = QHBoxLayout()
        self.join_button = QPushButton("Join a team folder…")
        self.join_button.clicked.connect(self.choose_and_join)
        self.sync_button = QPushButton("Sync now")
        self.sync_button.clicked.connect(lambda: self.team.sync_now())
        self.leave_button = QPushButton("Leave")
        self.leave_button.clicked.connect(self.leave)
        for b in (self.join_button, self.sync_button, self.leave_button):
            row.addWidget(b)
        row.addStretch(1)
        form.addRow("", row)
        self.last_sync = QLabel("")
        self.last_sync.setWordWrap(True)
        self.last_sync.setProperty("muted", True)
        form.addRow("Last sync", self.last_sync)
        self.team.state_changed.connect(self.show_state)
        self.show_state(self.team.state)

    def choose_and_join(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the team folder (shared or synced)")
        if folder:
            self.join(Path(folder))

    def join(self, folder: Path) -> None:
        self.team.join(folder, as_coach=self.as_coach.isChecked(), publish_audio=self.audio.isChecked())

    def leave(self) -> None:
        m = self.team.state.membership
        if m is None:
            return
        self.team.leave()
        self.ctx.post(words.team_left(m.folder), Level.INFO, key=BannerKey.TEAM,
                      actions=[("Undo", lambda: self.team.join(m.folder, as_coach=m.role.value == "coach",
                                                               publish_audio=m.publish_audio))])

    def _on_audio_toggled(self, on: bool) -> None:
        m = self.team.state.membership
        if m is not None and m.publish_audio != on:
            self.team.set_publish_audio(on)

    def show_state(self, state: TeamState) -> None:
        m = state.membership
        joined = m is not None
        if m is None:
            self.status.setText(words.NOT_IN_A_TEAM)
        else:
            self.status.setText(words.team_membership(m.folder, state.available, m.role.value == "coach",
                                                      m.member_id, m.own_folder))
            self.as_coach.setChecked(m.role.value == "coach")
            self.audio.blockSignals(True)
            self.audio.setChecked(m.publish_audio)
            self.audio.blockSignals(False)
        self.as_coach.setEnabled(not joined)
        self.audio.setEnabled(not joined or m.role.value == "rep")
        self.join_button.setText("Join another folder…" if joined else "Join a team folder…")
        self.sync_button.setEnabled(joined and not state.busy)
        self.sync_button.setText("Syncing…" if state.busy else "Sync now")
        self.leave_button.setEnabled(joined)
        self.last_sync.setText(state.summary or ("Never." if joined else ""))
