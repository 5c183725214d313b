"""Practice: the script large on screen, Space to record, and the report within a second of Stop."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from voicecoach.core.inputs import MAX_NAME_CHARS
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui import theme
from voicecoach.ui.context import AppContext
from voicecoach.ui.file_dialogs import ask_open_path
from voicecoach.ui.first_frame import after_first_frame
from voicecoach.ui.recording import RecordingController
from voicecoach.ui.take_processor import TakeProcessor
from voicecoach.ui.views.coach_feedback import CoachFeedbackPanel
from voicecoach.ui.widgets.level_meter import LevelMeter
from voicecoach.ui.widgets.page import page_layout
from voicecoach.ui.widgets.timer_bar import TimerBar

if TYPE_CHECKING:  # built after the first frame: its import is not on the way to it
    from voicecoach.ui.widgets.report_panel import ReportPanel


def script_html(text: str) -> str:
    """The script as rich text: line breaks kept, unfilled placeholders shown as soft hints."""
    body = html.escape(text).replace("\n", "<br>")
    hint = theme.colors().muted.name()

    def soft(m: re.Match[str]) -> str:
        return f"<span style='color:{hint}'>‹{m.group(1).replace('_', ' ')}›</span>"

    return re.sub(r"\{([a-z_]+)\}", soft, body)


def _analysed(result: Any, signals: Any, tc: tp.TakeContext) -> Any:
    """The take's report, computed on the capture thread as soon as its transcript is final: the report
    is then one step from the screen after Stop."""
    if result.transcript is None:
        return None
    return tp.analyze_take(result.transcript, tc, signals=signals, audio=Path(result.path))


AUDIO_FILTER = "Audio files (*.wav *.flac *.ogg *.mp3 *.m4a *.aiff *.aif);;All files (*)"


class PracticeView(QWidget):
    report_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scripts: list[Any] = []
        self._scripts_loaded = False
        self.recorder = RecordingController(self)
        self.processor = TakeProcessor(ctx, self.take_context)
        self._take_ctx: tp.TakeContext | None = None
        self._done_words: list[str] = []  # words of utterances the recogniser has closed
        self._last_partial = ""
        self._build()
        self._tick = QTimer(self)
        self._tick.setInterval(100)
        self._tick.timeout.connect(self._on_tick_timeout)
        self.recorder.state_changed.connect(self._on_recorder_state_changed)
        self.recorder.level_changed.connect(self.meter.set_level)
        self.recorder.partial_changed.connect(self._on_recorder_partial)
        self.recorder.error_occurred.connect(self._on_recorder_error)
        self.recorder.warning_occurred.connect(lambda text: ctx.post(text, "info"))
        self.recorder.take_finished.connect(self._on_take_finished)
        self.processor.report_ready.connect(self._on_report_ready)
        self.processor.take_saved.connect(self._on_take_saved)
        self.processor.busy_changed.connect(self._on_busy_changed)
        ctx.scripts_changed.connect(self.refresh_scripts)
        ctx.profile_changed.connect(self._show_script)
        ctx.settings_changed.connect(self._show_script)

    # -- layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        lay, head = page_layout(self, "Practice")
        self.script_combo = QComboBox()
        self.script_combo.setMinimumWidth(260)
        self.script_combo.setAccessibleName("Script")
        self.script_combo.currentIndexChanged.connect(self._show_script)
        head.addWidget(QLabel("Script"))
        head.addWidget(self.script_combo)
        self.prospect_edit = QLineEdit(str(self.ctx.prefs.get("practice/prospect", "") or ""))
        self.prospect_edit.setMaxLength(MAX_NAME_CHARS)
        self.prospect_edit.setPlaceholderText("Prospect's name")
        self.prospect_edit.setAccessibleName("Prospect")
        self.prospect_edit.setToolTip("Fills {prospect} in the script")
        self.prospect_edit.setMaximumWidth(150)
        self.prospect_edit.textChanged.connect(self._on_prospect_changed)
        head.addWidget(QLabel("Prospect"))
        head.addWidget(self.prospect_edit)
        self.hide_script = QCheckBox("Hide script")
        self.hide_script.setToolTip("Practise from memory (Ctrl+H)")
        self.hide_script.toggled.connect(self._show_script)
        head.addWidget(self.hide_script)
        self.follow_up_box = QCheckBox("Follow-up call")
        self.follow_up_box.setToolTip("You have called this prospect before, so mentioning your last message is "
                                      "honest. Saved with the script.")
        self.follow_up_box.toggled.connect(self._on_follow_up_toggled)
        head.addWidget(self.follow_up_box)
        self.import_button = QPushButton("Import audio…")
        self.import_button.setToolTip("Analyse a recording made elsewhere (Ctrl+I)")
        self.import_button.clicked.connect(self.choose_import)
        head.addWidget(self.import_button)

        self.pages = QStackedWidget()
        # Page 0: the script, large.
        script_page = QWidget()
        sp = QVBoxLayout(script_page)
        sp.setContentsMargins(0, 0, 0, 0)
        self.coach_feedback = CoachFeedbackPanel(self.ctx)  # the coach's goals and notes, when there are any
        sp.addWidget(self.coach_feedback)
        self.script_label = QLabel()
        self.script_label.setObjectName("ScriptText")
        self.script_label.setWordWrap(True)
        self.script_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.script_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidget(self.script_label)
        sp.addWidget(scroll, 1)
        self.partial_label = QLabel("")
        self.partial_label.setObjectName("PartialText")
        self.partial_label.setWordWrap(True)
        sp.addWidget(self.partial_label)
        self.pages.addWidget(script_page)
        # Page 1: the report, built right after the first frame (it is not part of it).
        self._report: ReportPanel | None = None
        after_first_frame(self, self._build_report)
        lay.addWidget(self.pages, 1)

        self.busy_row = QWidget()
        br = QHBoxLayout(self.busy_row)
        br.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 100)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.processor.cancel)
        br.addWidget(self.busy_label)
        br.addWidget(self.busy_bar, 1)
        br.addWidget(cancel)
        self.busy_row.hide()
        lay.addWidget(self.busy_row)

        rec = QHBoxLayout()
        rec.setSpacing(16)
        self.record_button = QPushButton("●  Record")
        self.record_button.setObjectName("RecordButton")
        self.record_button.setToolTip("Record / stop (Space)")
        self.record_button.clicked.connect(self.toggle_recording)
        rec.addWidget(self.record_button)
        bars = QVBoxLayout()
        self.timer_bar = TimerBar()
        bars.addWidget(self.timer_bar)
        meter_row = QHBoxLayout()
        self.status_label = QLabel("Press Space or Record when you're ready.")
        self.status_label.setProperty("muted", True)
        meter_row.addWidget(self.status_label, 1)
        mic = QLabel("Mic")
        mic.setProperty("muted", True)
        meter_row.addWidget(mic)
        self.meter = LevelMeter()
        self.meter.setFixedWidth(160)
        meter_row.addWidget(self.meter)
        bars.addLayout(meter_row)
        rec.addLayout(bars, 1)
        lay.addLayout(rec)
        self._show_script()

    # -- scripts -------------------------------------------------------------------------------------
    def refresh_scripts(self) -> None:
        self.ctx.store.call(lambda store: store.list_scripts(), self._on_scripts_loaded, self.ctx.fail("Scripts"))

    def _on_scripts_loaded(self, scripts: list[Any]) -> None:
        current = self.current_script()
        keep = current.id if current is not None else self.ctx.prefs.get_int("practice/script")
        self.scripts = list(scripts)
        self._scripts_loaded = True
        self.script_combo.blockSignals(True)
        self.script_combo.clear()
        for s in self.scripts:
            self.script_combo.addItem(s.title, s.id)
        idx = next((i for i, s in enumerate(self.scripts) if s.id == keep), 0)
        self.script_combo.setCurrentIndex(idx if self.scripts else -1)
        self.script_combo.blockSignals(False)
        self._show_script()

    def current_script(self) -> Any:
        i = self.script_combo.currentIndex()
        return self.scripts[i] if 0 <= i < len(self.scripts) else None

    def select_script(self, script_id: int) -> None:
        i = self.script_combo.findData(script_id)
        if i >= 0:
            self.script_combo.setCurrentIndex(i)

    def _show_script(self, *_: object) -> None:
        if not self._scripts_loaded:  # the store opens after the first frame
            self.script_label.setText("Opening your scripts…")
            return
        script = self.current_script()
        if script is not None:
            self.ctx.prefs.set("practice/script", script.id)
        prospect = self.prospect_edit.text().strip()
        from voicecoach.core.judgement import judgement_for  # with phonenumbers: after the first frame

        judgement = judgement_for(script=script, profile=self.ctx.profile, settings=self.ctx.settings,
                                  prospect=prospect)
        self.timer_bar.set_limit(judgement.time_limit)
        self.follow_up_box.blockSignals(True)
        self.follow_up_box.setChecked(judgement.follow_up)
        self.follow_up_box.setEnabled(script is not None and self.recorder.state == "idle")
        self.follow_up_box.blockSignals(False)
        if script is None:
            self.script_label.setText("No script yet — write one under Scripts (Ctrl+N), then practise it here.")
        elif self.hide_script.isChecked():
            self.script_label.setText(f"“{script.title}” — from memory. Untick “Hide script” to see it again.")
        else:
            self.script_label.setText(script_html(judgement.script_text or ""))

    def restyle(self) -> None:
        self._show_script()

    def take_context(self) -> tp.TakeContext | None:
        script = self.current_script()
        if script is None or self.ctx.profile_id is None:
            return None
        return tp.take_context(self.ctx.profile_id, self.ctx.profile, script, self.ctx.settings,
                               model=self.ctx.model.model, prospect=self.prospect_edit.text().strip() or None)

    @property
    def report(self) -> ReportPanel:
        return self._report or self._build_report()

    def _build_report(self) -> ReportPanel:
        if self._report is None:
            from voicecoach.ui.widgets.report_panel import ReportPanel

            self._report = panel = ReportPanel()
            panel.try_again_clicked.connect(self.try_again)
            panel.discard_clicked.connect(self.discard_take)
            panel.note_clicked.connect(self.annotate_take)
            self.pages.insertWidget(1, panel)
        return self._report

    def _on_follow_up_toggled(self, checked: bool) -> None:
        """First call or follow-up is the script's own field: saved as a new version of it."""
        script = self.current_script()
        if script is None or bool(script.follow_up) == checked:
            return
        self.ctx.store.call(lambda s: s.update_script(script.id, follow_up=checked), self._on_script_saved,
                            self.ctx.fail("Saving the script"))

    def _on_script_saved(self, record: Any) -> None:
        self.scripts = [record if s.id == record.id else s for s in self.scripts]
        self._show_script()
        self.ctx.scripts_changed.emit()

    def _on_prospect_changed(self, text: str) -> None:
        self.ctx.prefs.set("practice/prospect", text.strip() or None)
        self._show_script()

    # -- recording -----------------------------------------------------------------------------------
    def toggle_recording(self) -> None:
        if self.recorder.state in ("opening", "recording"):
            self.recorder.stop()
        elif self.recorder.state == "idle":
            self.start_recording()

    def start_recording(self) -> None:
        tc = self.take_context()
        if tc is None:
            self.ctx.post("Create your profile and choose a script before recording.", "warning", key="recording")
            return
        self.ctx.clear("recording")
        self._take_ctx = tc
        self.pages.setCurrentIndex(0)
        self.partial_label.setText("")
        self._done_words, self._last_partial = [], ""
        self.timer_bar.reset()
        self.timer_bar.set_limit(tc.time_limit)
        model = self.ctx.model.model
        adapters = self.ctx.adapters
        plan = tc.plan
        make = (lambda: adapters.recognizer_for(model, plan)) if model is not None else None
        out = self.ctx.recordings_dir() / f"take-{datetime.now():%Y%m%d-%H%M%S-%f}.wav"
        rate = int(getattr(model, "sample_rate", 16000) or 16000)
        self.recorder.start(out, make_recognizer=make, device=self.ctx.prefs.input_device,
                            sounddevice=self.ctx.adapters.sounddevice, sample_rate=rate,
                            max_seconds=max(120.0, tc.time_limit * 3),
                            then=lambda result, signals: _analysed(result, signals, tc))

    def _on_recorder_state_changed(self, state: str) -> None:
        btn = self.record_button
        recording = state in ("opening", "recording")
        btn.setText("■  Stop" if recording else ("Finishing…" if state == "stopping" else "●  Record"))
        btn.setProperty("recording", recording)
        btn.style().unpolish(btn)
        btn.style().polish(btn)
        btn.setEnabled(state != "stopping")
        self.script_combo.setEnabled(state == "idle")
        self.follow_up_box.setEnabled(state == "idle" and self.current_script() is not None)
        self.import_button.setEnabled(state == "idle")
        if state == "opening":
            self.status_label.setText("Starting microphone…")
        elif state == "recording":
            self.status_label.setText("Recording — press Space to stop.")
            self._tick.start()
        elif state == "stopping":
            self._tick.stop()
            self.status_label.setText("Finishing the take…")
        else:
            self._tick.stop()
            self.meter.reset()

    def _on_recorder_partial(self, text: str) -> None:
        prev = self._last_partial.split()
        now = text.split()
        if prev and (len(now) < len(prev) and now[:1] != prev[:1]):
            self._done_words += prev  # the recogniser closed an utterance and started another
        self._last_partial = text
        self.partial_label.setText(" ".join([*self._done_words, *now][-24:]))

    def _projected_seconds(self, elapsed: float) -> float | None:
        said = len(self._done_words) + len(self._last_partial.split())
        planned = len(self._take_ctx.script_text.split()) if self._take_ctx else 0
        if said < 5 or elapsed < 3 or not planned:
            return None
        return planned / (said / elapsed)

    def _on_tick_timeout(self) -> None:
        secs = self.recorder.seconds()
        self.timer_bar.set_elapsed(secs, self._projected_seconds(secs))
        warning = self.timer_bar.warning_text
        self.status_label.setText(warning or "Recording — press Space to stop.")

    def _on_recorder_error(self, text: str) -> None:
        self.status_label.setText("Microphone problem — see the message above.")
        self.ctx.post(text, "error", key="recording")  # a sentence with what to do (ui.text.mic_problem)

    def _on_take_finished(self, result: Any) -> None:
        self.status_label.setText("Analysing…")
        tc = self._take_ctx or self.take_context()
        if tc is None:
            return
        self.processor.finish_recorded(result, tc, self.recorder.started_at, signals=self.recorder.last_signals,
                                       report=self.recorder.prepared)

    # -- results -------------------------------------------------------------------------------------
    def _on_report_ready(self, transcript: Any, report: Any, audio: Path | None) -> None:
        note = None if report is not None else "Kept — waiting for the speech model"
        self.report.show_report(transcript, report, audio, note=note)
        self.report.set_take_actions_enabled(False)
        self.pages.setCurrentIndex(1)
        self.status_label.setText("Press Space to try again.")
        self.report_shown.emit()

    def _on_take_saved(self, record: Any) -> None:
        self.report.set_take_actions_enabled(True)
        if self.recorder.state == "idle":
            self.status_label.setText(f"Saved as attempt {record.attempt}. Press Space to try again.")
        self.report.set_audio(record.audio_path)

    def try_again(self) -> None:
        self.report.player.stop()
        self.pages.setCurrentIndex(0)
        self.partial_label.setText("")
        self.timer_bar.reset()
        self.status_label.setText("Press Space or Record when you're ready.")

    def discard_take(self) -> None:
        record = self.processor.last_record
        if record is None:
            return
        take_id = record.id

        def undo() -> None:
            self.ctx.store.call(lambda s: s.restore_take(take_id), lambda _r: self.ctx.takes_changed.emit(),
                                self.ctx.fail("Restore"))
            self.ctx.clear("trash")

        def done(_r: object) -> None:
            self.processor.last_record = None
            self.ctx.takes_changed.emit()
            self.ctx.post("Take moved to the trash.", "info", key="trash", actions=[("Undo", undo)])
            self.try_again()

        self.ctx.store.call(lambda s: s.trash_take(take_id), done, self.ctx.fail("Discard"))

    def annotate_take(self, at_seconds: float) -> None:
        record = self.processor.last_record
        if record is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, "Note on this take", f"Note at {at_seconds:.1f} s:")
        if ok and text.strip():
            self.add_note(record.id, text.strip(), at_seconds)

    def add_note(self, take_id: int, text: str, at_seconds: float | None) -> None:
        session = self.ctx.session_id
        self.ctx.store.call(lambda s: s.add_note(take_id, text, at_seconds=at_seconds, session_id=session),
                            lambda _r: self._on_note_saved(take_id), self.ctx.fail("Note"))

    def _on_note_saved(self, take_id: int) -> None:
        """The note shows on this take's waveform at once, not only on the Coach page."""
        self.ctx.post("Note saved; it is marked on the waveform.", "info")
        self.ctx.store.call(lambda s: s.list_notes(take_id), self.report.set_notes, owner=self.report)

    # -- import ---------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path = ask_open_path(self, self.ctx.prefs, "Import a recording", AUDIO_FILTER)
        if path is not None:
            self.processor.import_audio(path)

    def _on_busy_changed(self, what: str, fraction: Any) -> None:
        self.busy_row.setVisible(bool(what))
        self.busy_label.setText(what)
        self.busy_bar.setValue(int(100 * float(fraction or 0.0)))
