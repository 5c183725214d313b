"""One take's report: its verdict (the word first, why, then the score), flags, highlighted transcript,
waveform with markers, playback, and the text the prospect will read. Used after Stop, for past takes,
and side by side in coach mode. The verdict is the one the report carries (stored with the take).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.flags import Flag
from voicecoach.core.sound import sound_summary
from voicecoach.core.take_view import Marker, TakeView, evidence_start
from voicecoach.core.transcript import Transcript
from voicecoach.ui import words
from voicecoach.ui.first_frame import after_next_paint
from voicecoach.ui.playback import Player
from voicecoach.ui.widgets.flag_list import FlagList
from voicecoach.ui.widgets.page import HeaderLayout
from voicecoach.ui.widgets.score_badge import ScoreBadge
from voicecoach.ui.widgets.transcript_view import TranscriptView
from voicecoach.ui.widgets.waveform import Waveform, waveform_peaks
from voicecoach.ui.workers import run_task

if TYPE_CHECKING:
    from voicecoach.core.report import Report

__all__ = ["ElidedLabel", "ReportPanel"]



class ElidedLabel(QLabel):
    """One line that ends in "…" when it does not fit, instead of growing the panel or being cut."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


class ReportPanel(QWidget):
    try_again_clicked = Signal()
    discard_clicked = Signal()
    note_clicked = Signal(float)  # at this point of the audio (seconds)

    def __init__(self, parent: QWidget | None = None, *, actions: bool = True, compact: bool = False) -> None:
        super().__init__(parent)
        self.transcript = Transcript(words=())
        self.data: Report | None = None
        self.view = TakeView()
        self.compact = compact
        self.audio_path: Path | None = None
        self.note_markers: list[Marker] = []
        self.analysed = True
        self.finishing = False  # show_finishing: waiting for the take's report
        self.player = Player(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self._build_top(lay, actions, compact)

        wave_row = QHBoxLayout()
        self.play_button = QPushButton("❚❚ Pause")
        # As wide as its widest label, so the waveform beside it does not shift when Play becomes Pause.
        self.play_button.setMinimumWidth(self.play_button.sizeHint().width())
        self.play_button.setText("▶ Play")
        self.play_button.setToolTip(words.PLAY_TIP)
        self.play_button.clicked.connect(self.player.toggle)
        wave_row.addWidget(self.play_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.waveform = Waveform()
        wave_row.addWidget(self.waveform, 1)
        lay.addLayout(wave_row)

        split = QSplitter(Qt.Orientation.Vertical if compact else Qt.Orientation.Horizontal)
        self.flag_list = FlagList()
        split.addWidget(self.flag_list)
        self.tabs = QTabWidget()
        self.transcript_view = TranscriptView()
        self.prospect_view = QPlainTextEdit()
        self.prospect_view.setReadOnly(True)
        self.prospect_view.setAccessibleName("What your prospect reads")
        self.prospect_view.setStyleSheet("font-size: 13pt; padding: 6px;")
        self.tabs.addTab(self.transcript_view, "Transcript")
        self.tabs.addTab(self.prospect_view, "Prospect reads" if compact else "What your prospect reads")
        split.addWidget(self.tabs)
        split.setChildrenCollapsible(False)
        # At least three lines of the transcript: squeezed beside a team table it was once 0 px tall.
        self.transcript_view.setMinimumHeight(3 * self.transcript_view.fontMetrics().lineSpacing() + 40)
        split.setStretchFactor(0, 1 if compact else 2)
        split.setStretchFactor(1, 3)
        if compact:
            split.setSizes([120, 360])
        lay.addWidget(split, 1)

        self.flag_list.flag_activated.connect(self._on_flag_activated)
        self.transcript_view.word_clicked.connect(self._on_word_clicked)
        self.transcript_view.time_clicked.connect(
            lambda seconds: self.player.seek(seconds, play=self.audio_path is not None))
        self.waveform.seek_requested.connect(lambda s: self.player.seek(s))
        self.player.position_changed.connect(self.waveform.set_position)
        self.player.playing_changed.connect(lambda on: self.play_button.setText("❚❚ Pause" if on else "▶ Play"))

    def _build_verdict(self, facts: QGridLayout, compact: bool) -> None:
        self.verdict = QLabel("–")
        self.verdict.setObjectName("PageTitle")
        self.verdict.setWordWrap(True)  # a long verdict wraps instead of ending in "…take reliab"
        facts.addWidget(self.verdict, 0, 0, 1, 5)
        # Why the verdict, and how the score relates to it; in a narrow panel one line of reasons, the rest on hover.
        self.why = ElidedLabel() if compact else QLabel("")
        self.why.setWordWrap(not compact)
        self.why.setObjectName("VerdictWhy")
        facts.addWidget(self.why, 1, 0, 1, 5)

    def _build_top(self, lay: QVBoxLayout, actions: bool, compact: bool) -> None:
        """Verdict, why, score and figures, then the take's actions: beside them on a wide page, on a row of
        their own in a compact (side-by-side) panel, where they used to squeeze the figures to "23", "0 f"."""
        top = QHBoxLayout()
        self.badge = ScoreBadge()
        self.badge.setFixedSize(88 if not compact else 72, 88 if not compact else 72)
        top.addWidget(self.badge)
        facts = QGridLayout()
        facts.setHorizontalSpacing(18 if not compact else 12)
        self._build_verdict(facts, compact)
        self.fact_labels: dict[str, QLabel] = {}
        # The figures: two by two in a compact panel; on a wide one a row that wraps when the page is narrow
        # (1024 px, 1.5×) instead of cutting them to "Length 21." and "Pace 165 v".
        flow: HeaderLayout | None = None
        if not compact:
            figures = QWidget()
            flow = HeaderLayout(figures, 18, title=False, left=True)
            facts.addWidget(figures, 2, 0, 1, 5)
        for n, key in enumerate(("length", "pace", "words", "fillers")):
            lab = QLabel("–")
            lab.setProperty("muted", True)
            if flow is None:
                facts.addWidget(lab, 2 + n // 2, n % 2)
            else:
                flow.addWidget(lab)
            self.fact_labels[key] = lab
        # What the recording showed (pitch range, filled pauses, voice level, hook), or that it was not checked.
        sound = ElidedLabel() if compact else QLabel("")  # in a narrow panel: one line, the rest on hover
        sound.setProperty("muted", True)
        sound.setWordWrap(not compact)
        facts.addWidget(sound, 4 if compact else 3, 0, 1, 5)
        facts.setColumnStretch(4, 1)  # the figures keep their own width instead of spreading over the row
        self.fact_labels["sound"] = sound
        top.addLayout(facts, 1)
        lay.addLayout(top)
        self.buttons: dict[str, QPushButton] = {}
        if not actions:
            return
        row = top if not compact else QHBoxLayout()
        if compact:
            row.addStretch(1)
            lay.addLayout(row)
        for key, title, tip in (("note", "Add note…", "Note at the playhead"),
                                ("discard", "Discard", "Move this take to the trash"),
                                ("again", "Try again", "Back to the script (Space records)")):
            btn = QPushButton(title)
            btn.setToolTip(tip)
            row.addWidget(btn, 0, Qt.AlignmentFlag.AlignTop)
            self.buttons[key] = btn
        self.buttons["again"].setProperty("primary", True)
        self.buttons["again"].clicked.connect(self.try_again_clicked)
        self.buttons["discard"].clicked.connect(self.discard_clicked)
        self.buttons["note"].clicked.connect(lambda: self.note_clicked.emit(self.player.position))

    @property
    def position(self) -> float:
        return self.player.position

    def show_report(self, transcript: Transcript, report: Report | None, audio_path: Path | str | None = None,
                    note: str | None = None) -> None:
        """Show a report exactly as analysed: its flags, and the highlights, pauses, markers and prospect's
        text it carries (``report.view``); None shows the take as waiting (``note`` says why)."""
        self.finishing = False
        if "again" in self.buttons:
            self.buttons["again"].setEnabled(True)
        self.transcript = transcript
        self.data = report
        self.view = view = (report.view if report is not None else None) or TakeView()
        flags = list(report.flags) if report is not None else []
        verdict = report.verdict if report is not None else None
        self.badge.set_verdict(verdict, report.score if report is not None else None)
        self.verdict.setText(note or (verdict.label if verdict is not None else "–"))
        if self.compact:  # a side-by-side panel is too narrow for "Couldn't hear you" on one line: room for two
            lines = 2 * self.verdict.fontMetrics().lineSpacing()
            self.verdict.setMinimumHeight(max(lines, self.verdict.heightForWidth(self.verdict.width())))
        why = verdict.explain(report.score) if verdict is not None and report is not None else ""
        self.why.setText("; ".join(verdict.reasons) if self.compact and verdict is not None else why)
        self.why.setToolTip(why)
        self.why.setVisible(verdict is not None)
        self._show_facts(transcript, report)
        self.analysed = report is not None
        if not self.analysed:  # kept for later: say nothing a clean take would say (0.0 s, "nothing to fix")
            self.fact_labels["length"].setText("– s")
            self.fact_labels["words"].setText("")
        self.flag_list.empty_text = words.FLAGS_EMPTY if self.analysed else words.FLAGS_NOT_ANALYSED
        self.flag_list.set_flags(flags)
        self.transcript_view.set_transcript(
            transcript, view.categories, pauses=view.pauses,
            empty_text=words.NO_WORDS_RECOGNISED if report is not None else None,
            filled_pauses=view.filled_pauses)
        self.prospect_view.setPlainText(view.prospect_text or "(nothing the prospect could read)")
        self.set_audio(audio_path)

    def show_nothing(self) -> None:
        """No take in this panel (yet): no verdict, figures, or any "not analysed" or "clean take" line."""
        self.show_finishing("")
        self.finishing = False

    def show_finishing(self, text: str = words.FINISHING_TAKE) -> None:
        """The take is still being finished (the recogniser's last words, the analysis): the page says so,
        with no verdict, figures or "nothing to fix" of its own, until ``show_report`` fills it in."""
        self.finishing = True
        self.transcript, self.data, self.view = Transcript(words=()), None, TakeView()
        self.badge.set_verdict(None, None)
        self.verdict.setText(text)
        self.why.setText("")
        self.why.setVisible(False)
        for label in self.fact_labels.values():
            label.setText("")
        self.flag_list.empty_text = ""
        self.flag_list.set_flags([])
        self.transcript_view.set_transcript(self.transcript, empty_text="")
        self.prospect_view.setPlainText("")
        self.audio_path = None
        self.player.load(None)
        self.play_button.setEnabled(False)
        self.waveform.clear("")
        for button in self.buttons.values():  # nothing to discard or annotate yet, and no going back mid-way
            button.setEnabled(False)

    def _show_facts(self, transcript: Transcript, report: Report | None) -> None:
        """Length, pace, words and fillers, in units that need no label (a narrow window keeps them whole);
        on a take the app couldn't hear, the figures from its words are one "not verified"."""
        secs = (report.speech_seconds if report else 0.0) or transcript.speech_seconds
        fillers = report.metrics.get("filler_count") if report else None
        wpm = report.wpm if report else None
        lead = ("", "") if self.compact else ("Length ", "Pace ")
        self.fact_labels["length"].setText(f"{lead[0]}{secs:.1f} s")
        heard = report is None or report.verdict.heard
        if heard:
            self.fact_labels["pace"].setText(f"{lead[1]}{wpm:.0f} wpm" if wpm else f"{lead[1]}–")
            self.fact_labels["words"].setText(f"{(report.words if report else 0) or len(transcript.words)} words")
            self.fact_labels["fillers"].setText(f"{fillers} fillers" if fillers is not None else "")
        else:  # worked out from words the app could not hear reliably
            self.fact_labels["pace"].setText(words.UNVERIFIED_FIGURES)
            self.fact_labels["words"].setText("")
            self.fact_labels["fillers"].setText("")
        self.fact_labels["pace"].setToolTip("" if heard else words.PACE_UNRELIABLE_TIP)
        self.fact_labels["sound"].setText(sound_summary(report.metrics, heard=heard) if report else "")
        tip = self.fact_labels["sound"].text()
        if "dBFS" in tip:
            tip += ("\n\ndBFS: decibels below the loudest sound a recording can hold (0 dBFS). A voice on the phone "
                    "usually sits between −30 and −12 dBFS.")
        self.fact_labels["sound"].setToolTip(tip)
        self.fact_labels["sound"].setVisible(report is not None)

    def set_audio(self, audio_path: Path | str | None) -> None:
        self.audio_path = Path(audio_path) if audio_path else None
        self.player.load(self.audio_path)
        self.play_button.setEnabled(self.audio_path is not None)
        markers = list(self.view.markers)
        self.note_markers = []
        if self.audio_path is None or not self.audio_path.exists():
            self.waveform.clear(words.NO_AUDIO_KEPT)
            return
        self.waveform.clear(words.WAVEFORM_LOADING)
        path = self.audio_path

        def done(result: tuple[Any, float]) -> None:
            if self.audio_path == path:
                self.waveform.set_audio(*result)
                if not self.analysed and result[1] > 0:
                    self.fact_labels["length"].setText(f"Recorded {result[1]:.1f} s")
                self.waveform.set_markers(markers + self.note_markers)

        def start() -> None:  # once the report is painted: reading the file must not hold that paint up
            if self.audio_path == path:
                run_task(lambda: waveform_peaks(path), done,
                         lambda exc: self.waveform.clear(words.audio_unreadable(exc)), owner=self.waveform)

        after_next_paint(self.waveform, start)

    def set_notes(self, notes: Sequence[Any]) -> None:
        """Coach notes made at a point of the audio show on the waveform beside the flags."""
        self.note_markers = [Marker(float(n.at_seconds), float(n.at_seconds), "note", n.text, "note")
                             for n in notes if getattr(n, "at_seconds", None) is not None]
        if self.waveform.peaks:
            self.waveform.set_markers([*self.view.markers, *self.note_markers])

    def set_take_actions_enabled(self, enabled: bool) -> None:
        for key in ("note", "discard"):
            if key in self.buttons:
                self.buttons[key].setEnabled(enabled)

    def _on_flag_activated(self, flag: Flag) -> None:
        start, idx = evidence_start(flag, self.transcript)
        self.tabs.setCurrentWidget(self.transcript_view)
        self.transcript_view.focus_words(idx)
        if start is not None:
            self.player.seek(start)

    def _on_word_clicked(self, index: int) -> None:
        if 0 <= index < len(self.transcript.words):
            self.player.seek(self.transcript.words[index].start, play=self.audio_path is not None)
