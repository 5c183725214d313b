"""Above the script while a cadence is rehearsed: which attempt, its topic, the way through the series and
each attempt's progress (takes, best, latest verdicts, ready)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from voicecoach.core.verdict import READY_IN_A_ROW, VerdictValue
from voicecoach.ui import words
from voicecoach.ui.widgets.page import HeaderLayout
from voicecoach.ui.widgets.rich import esc, tip

if TYPE_CHECKING:
    from voicecoach.core.cadence import Attempt, Cadence
    from voicecoach.core.call_list import Call
    from voicecoach.storage.cadence_progress import AttemptProgress, CadenceProgress

__all__ = ["MARK", "CadenceBar", "attempt_label"]

MARK = {VerdictValue.READY: "✓", VerdictValue.NEARLY: "~", VerdictValue.NOT_YET: "✗", VerdictValue.COULDNT_HEAR: "?"}


def attempt_label(progress: AttemptProgress | None) -> str:
    """"✓ ready" / "✗ not yet" (the latest take) / "not rehearsed": one attempt's button, short enough for five
    in a row in a narrow window (the best score and the verdicts are in its tooltip)."""
    if progress is None or progress.takes == 0:
        return words.NOT_REHEARSED
    latest = VerdictValue.READY if progress.ready else (progress.verdicts[0] if progress.verdicts else None)
    if latest is None:
        return ""
    return f"{MARK[latest]} {latest.label.lower()}"


class CadenceBar(QFrame):
    attempt_chosen = Signal(int)  # attempt number
    call_step = Signal(int)  # -1 / +1: the previous or next prospect of a call list
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attempt = 1  # the attempt on screen
        self.setObjectName("CadenceBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        col = QVBoxLayout(self)
        col.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-weight:600")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # the cadence's name as written
        self.title_label.setAccessibleName("Attempt")
        top.addWidget(self.title_label, 1)
        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.clicked.connect(lambda: self.attempt_chosen.emit(self.attempt - 1))
        self.next_button = QPushButton(words.NEXT_ATTEMPT)
        self.next_button.clicked.connect(lambda: self.attempt_chosen.emit(self.attempt + 1))
        self.stop_button = QPushButton(words.STOP_REHEARSING)
        self.stop_button.clicked.connect(self.stop_clicked)
        for button in (self.previous_button, self.next_button, self.stop_button):
            top.addWidget(button)
        col.addLayout(top)
        col.addWidget(self._build_call_row())
        self.topic_label = QLabel()
        self.topic_label.setWordWrap(True)
        self.topic_label.setAccessibleName("Topic")
        col.addWidget(self.topic_label)
        self.steps_widget = steps = QWidget()
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        steps.setSizePolicy(policy)
        self.steps = HeaderLayout(steps, 6, title=False)  # wraps onto a second line in a narrow window
        col.addWidget(steps)
        self.summary_label = QLabel()
        self.summary_label.setProperty("muted", True)
        col.addWidget(self.summary_label)
        self.step_buttons: list[QPushButton] = []
        self.hide()

    def _build_call_row(self) -> QWidget:
        """Before a call block: which prospect of the call list, and the way through the list."""
        self.call_row = QWidget()
        row = QHBoxLayout(self.call_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.call_label = QLabel()
        self.call_label.setAccessibleName("Prospect of the call list")
        self.call_label.setWordWrap(True)
        row.addWidget(self.call_label, 1)
        self.previous_call_button = QPushButton("◀ Previous prospect")
        self.previous_call_button.clicked.connect(lambda: self.call_step.emit(-1))
        self.next_call_button = QPushButton(words.NEXT_PROSPECT)
        self.next_call_button.clicked.connect(lambda: self.call_step.emit(1))
        row.addWidget(self.previous_call_button)
        row.addWidget(self.next_call_button)
        self.call_row.hide()
        return self.call_row

    def set_recording(self, on: bool) -> None:
        """While a take records: the attempt and its topic only. The way through the series waits for the take
        (a take keeps the attempt it started with), and its rows would take the script's room while the rep reads."""
        self.setEnabled(not on)
        for part in (self.steps_widget, self.summary_label, self.previous_button, self.next_button, self.stop_button,
                     self.previous_call_button, self.next_call_button):
            part.setVisible(not on)

    def show_call(self, call: Call | None, index: int, count: int, summary: str) -> None:
        """``call`` is a core ``Call`` (None: no call list); ``summary`` "3 prospects: 1 ready, 2 to practise"."""
        if call is None:
            self.call_row.hide()
            return
        self.call_label.setText(words.call_line(index, count, esc(call.prospect), esc(call.company or ""),
                                                esc(call.trigger or ""), esc(summary)))
        self.previous_call_button.setEnabled(index > 0)
        self.next_call_button.setText(words.NEXT_PROSPECT if index + 1 < count else words.FINISH_CALL_LIST)
        self.call_row.show()

    def show_attempt(self, cadence: Cadence, number: int, progress: CadenceProgress | None = None) -> None:
        self.attempt = number
        step = cadence.attempt(number)
        count = len(cadence.attempts)
        self.title_label.setText(words.cadence_attempt_title(cadence.name, number, count, step.day))
        self.topic_label.setText(words.cadence_topic_line(esc(step.topic), step.follow_up))
        self.previous_button.setEnabled(number > 1)
        self.next_button.setEnabled(number < count)
        self._show_steps(cadence, number, progress)
        self.show()

    def _show_steps(self, cadence: Cadence, number: int, progress: CadenceProgress | None) -> None:
        while self.step_buttons:
            button = self.step_buttons.pop()
            self.steps.removeWidget(button)
            button.hide()  # at once: the deletion waits for the event loop
            button.deleteLater()
        per = {a.attempt: a for a in progress.attempts} if progress is not None else {}
        for a in cadence.attempts:
            p = per.get(a.number)
            button = QPushButton(f"{a.number} · {attempt_label(p)}")
            button.setCheckable(True)
            button.setChecked(a.number == number)
            button.setProperty("primary", a.number == number)  # the attempt on screen stands out
            button.setToolTip(tip(_tooltip(a, p)))
            button.clicked.connect(lambda _c=False, n=a.number: self.attempt_chosen.emit(n))
            self.steps.addWidget(button)
            self.step_buttons.append(button)
        if progress is None:
            self.summary_label.setText("")
        else:
            ready = sum(bool(per.get(a.number) and per[a.number].ready) for a in cadence.attempts)
            total = len(cadence.attempts)
            self.summary_label.setText(words.cadence_ready_summary(ready, total, READY_IN_A_ROW))


def _tooltip(attempt: Attempt, progress: AttemptProgress | None) -> str:
    lines = [words.attempt_tooltip_head(attempt.number, attempt.day, attempt.topic)]
    if progress is not None and progress.takes:
        lines.append(words.attempt_tooltip_takes(progress.takes, progress.best,
                                                 [v.label.lower() for v in progress.verdicts]))
        lines.append(progress.reason)
    return "\n".join(lines)
