"""The live checklist beside the script: name, company, number and the number again, ticking as they are heard.

It shows ``core.live.LiveState`` values and does no checking of its own: the states are worked out on the
capture side. Green: said; amber: heard bent ("heard as …"); red in the last 5 s before the time limit: still
missing ("no number yet"). Below: fillers so far, a pace gauge over the last 10 s, and "slow down" when a
number comes faster than 3 digits a second.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QScrollArea, QToolButton, QVBoxLayout, QWidget

from voicecoach.core.live_parts import LABELS, NOT_YET
from voicecoach.ui import theme, words
from voicecoach.ui.widgets.pace_gauge import PaceGauge

if TYPE_CHECKING:  # the contact finder behind it is not on the way to the first frame
    from voicecoach.core.live import LiveState

__all__ = ["HIDE_SHORTCUT", "LiveChecklistPanel"]

HIDE_SHORTCUT = "Ctrl+Shift+H"


class _Row(QLabel):
    def __init__(self, part: str, panel: QWidget | None = None) -> None:
        super().__init__()
        self.part, self.panel = part, panel
        self.state = "pending"  # pending | ticked | bent | missing
        self._shown: tuple[str, str] | None = None
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setObjectName("LiveRow")

    def set_state(self, state: str, detail: str = "") -> None:
        if (state, detail) == self._shown:
            return  # a state comes with every partial: redraw only what changed
        self._shown = (state, detail)
        self.state = state
        c = theme.colors()
        mark, color = {"ticked": ("✓", c.ok), "bent": ("✓", c.warn), "missing": ("!", c.bad)}.get(state, ("○", c.muted))
        text = html.escape(LABELS[self.part], quote=False)
        weight = "600" if state != "pending" else "400"
        line = (f"<span style='color:{color.name()};font-weight:700'>{mark}</span>&nbsp; "
                f"<span style='font-weight:{weight}'>{text}</span>")
        if state == "ticked":
            line += f" <span style='color:{c.muted.name()}'>· {html.escape(detail, quote=False)}</span>"
        elif detail:
            tone = c.bad.name() if state == "missing" else c.text.name()
            line += f"<br><span style='color:{tone}'>{html.escape(detail, quote=False)}</span>"
        self.setText(line)
        tint = {"missing": c.bad, "bent": c.warn}.get(state)
        if tint is None:
            self.setStyleSheet("")
        else:
            bg = QColor(tint)
            bg.setAlpha(40)
            self.setStyleSheet(f"background: {bg.name(QColor.NameFormat.HexArgb)}; border-radius: 6px; "
                               "padding: 2px 4px;")
        self.setAccessibleName(f"{LABELS[self.part]}: {state} {detail}".strip())
        self.fit()

    def fit(self) -> None:
        """Never shorter than its text at the panel's width: a word-wrapped label's own minimum ignores its
        wrapped lines, and with a cadence's bar and the coach's goals above the script at 1024×700 Qt squashed
        the rows onto each other."""
        panel = self.window() if self.panel is None else self.panel
        if panel.minimumWidth() > 0:
            margins = panel.contentsMargins().left() + panel.contentsMargins().right()
            inner = panel.layout()
            if inner is not None:
                margins += inner.contentsMargins().left() + inner.contentsMargins().right()
            self.setMinimumHeight(0)  # a label's height for a width is never below its minimum: the last one
            self.setMinimumHeight(self.heightForWidth(panel.minimumWidth() - margins))


class LiveChecklistPanel(QFrame):
    """Fed ``show_state`` (a LiveState) and ``set_elapsed`` (for the reminders of the last 5 s)."""

    hide_requested = Signal()
    follow_script_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LivePanel")
        self.state: LiveState | None = None
        self._reminders: list[str] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.setSpacing(6)
        lay.addLayout(self._title_row())
        self.rows: dict[str, _Row] = {}
        body = QWidget()
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 0, 0)
        body_lay.setSpacing(6)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(6)
        body_lay.addLayout(self._rows_box)
        body_lay.addSpacing(4)
        self.fillers_label = QLabel()
        body_lay.addWidget(self.fillers_label)
        self.pace_label = QLabel()
        body_lay.addWidget(self.pace_label)
        self.pace_gauge = PaceGauge()
        body_lay.addWidget(self.pace_gauge)
        self.slow_down_label = QLabel()
        self.slow_down_label.setObjectName("SlowDown")
        self.slow_down_label.setWordWrap(True)
        body_lay.addWidget(self.slow_down_label)
        body_lay.addStretch(1)
        # Short of room (a cadence's bar and the coach's goals above the script at 1024×700), the rows scroll
        # whole instead of being squashed onto each other.
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidget(body)
        body.setAutoFillBackground(False)  # after setWidget, which turns it on: the panel's own colour shows
        self.body = body
        lay.addWidget(scroll, 1)
        self.reset(("name", "company", "number", "number_again"))

    def _title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel("While you speak")
        title.setObjectName("LiveTitle")
        row.addWidget(title, 1)
        self.menu_button = QToolButton()
        self.menu_button.setText("⋯")
        self.menu_button.setToolTip(words.hide_checklist_tip(HIDE_SHORTCUT))
        self.menu_button.setAutoRaise(True)
        self.menu_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        hide = menu.addAction(f"Hide while practising\t{HIDE_SHORTCUT}")
        hide.triggered.connect(self.hide_requested)
        self.follow_action = menu.addAction("Hide with the script")
        self.follow_action.setCheckable(True)
        self.follow_action.setChecked(True)
        self.follow_action.toggled.connect(self.follow_script_changed)
        self.menu_button.setMenu(menu)
        row.addWidget(self.menu_button)
        return row

    def reset(self, parts: tuple[str, ...]) -> None:
        """A new take: every part unticked, the counters at zero."""
        if tuple(self.rows) != tuple(parts):
            for row in self.rows.values():
                self._rows_box.removeWidget(row)
                row.setParent(None)
                row.deleteLater()
            self.rows = {}
            for part in parts:
                self.rows[part] = _Row(part, self)
                self._rows_box.addWidget(self.rows[part])
        for row in self.rows.values():
            row.set_state("pending")
        self.state, self._reminders = None, []
        self.fillers_label.setText(words.FILLERS_NONE)
        self.pace_label.setText(words.PACE_LISTENING)
        self.pace_gauge.set_pace(None, 120, 170)
        self.slow_down_label.hide()

    def show_state(self, state: LiveState) -> None:
        if tuple(self.rows) != state.parts:
            self.reset(state.parts)
        self.state = state
        self._draw_rows()
        self.fillers_label.setText(words.fillers_line(state.fillers, state.held))
        self.pace_label.setText(words.pace_line(state.wpm))
        self.pace_gauge.set_pace(state.wpm, state.min_wpm, state.max_wpm)
        if state.slow_down:
            self.slow_down_label.setText(words.slow_down(state.digits_per_second))
        self.slow_down_label.setVisible(state.slow_down)

    def set_elapsed(self, elapsed: float, time_limit: float) -> None:
        """The clock moved: highlight what is still missing in the last 5 s before the limit."""
        reminders = self.state.reminders(elapsed, time_limit) if self.state is not None else []
        if self.state is None and time_limit > 0 and elapsed >= time_limit - 5:
            reminders = list(self.rows)
        if reminders != self._reminders:
            self._reminders = reminders
            self._draw_rows()

    def _draw_rows(self) -> None:
        state = self.state
        for part, row in self.rows.items():
            tick = state.tick(part) if state is not None else None
            if tick is not None and tick.bent:
                row.set_state("bent", f"heard as “{tick.heard}” · {tick.at:.0f} s")
            elif tick is not None:
                row.set_state("ticked", f"{tick.at:.0f} s")
            elif part in self._reminders:
                row.set_state("missing", NOT_YET[part])
            else:
                row.set_state("pending")

    def showEvent(self, event: Any) -> None:
        for row in self.rows.values():
            row.fit()  # the panel's width is known once it is laid out in the page
        super().showEvent(event)

    def restyle(self) -> None:
        for row in self.rows.values():
            row._shown = None  # the theme's colours changed
        self._draw_rows()

    def row_states(self) -> dict[str, str]:
        return {part: row.state for part, row in self.rows.items()}

    def ticks(self) -> list[Any]:
        return list(self.state.ticks) if self.state is not None else []
