"""The page the rep reads from: the coach's feedback, the cadence's attempt and topic when one is rehearsed,
the script large with the live checklist beside it, and the words heard so far below."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from voicecoach.ui import theme
from voicecoach.ui.context import AppContext
from voicecoach.ui.views.coach_feedback import CoachFeedbackPanel
from voicecoach.ui.views.practice.cadence_bar import CadenceBar
from voicecoach.ui.widgets.live_checklist import LiveChecklistPanel
from voicecoach.ui.widgets.live_words import LiveWords

__all__ = ["ScriptPage", "script_html"]


def script_html(text: str) -> str:
    """The script as rich text: line breaks kept, unfilled placeholders shown as soft hints."""
    body = html.escape(text).replace("\n", "<br>")
    hint = theme.colors().muted.name()

    def soft(m: re.Match[str]) -> str:
        return f"<span style='color:{hint}'>‹{m.group(1).replace('_', ' ')}›</span>"

    return re.sub(r"\{([a-z_]+)\}", soft, body)


class ScriptPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.coach_feedback = CoachFeedbackPanel(ctx)  # the coach's goals and notes, when there are any
        lay.addWidget(self.coach_feedback)
        self.cadence_bar = CadenceBar()  # the attempt and its topic, while a cadence is rehearsed
        lay.addWidget(self.cadence_bar)
        self.script_label = QLabel()
        self.script_label.setObjectName("ScriptText")
        self.script_label.setWordWrap(True)
        self.script_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.script_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidget(self.script_label)
        beside = QHBoxLayout()
        beside.setSpacing(12)
        beside.addWidget(scroll, 1)
        self.live_panel = LiveChecklistPanel()  # name, company, number ticking as they are heard
        self.live_panel.setFixedWidth(272)
        beside.addWidget(self.live_panel)
        lay.addLayout(beside, 1)
        self.partial_label = LiveWords()  # the words heard so far, as sentences
        lay.addWidget(self.partial_label)
