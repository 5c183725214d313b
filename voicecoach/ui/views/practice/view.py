"""PracticeView: the practice page's parts wired to the take session's signals (see the package)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from voicecoach.core.projection import projected_seconds
from voicecoach.core.remedy import Remedy
from voicecoach.ui import operations as ops
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui import words
from voicecoach.ui.context import AppContext
from voicecoach.ui.file_dialogs import ask_open_path
from voicecoach.ui.first_frame import after_first_frame
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op
from voicecoach.ui.take_session import TakeSession
from voicecoach.ui.take_state import Busy, ReportReady, SavedTake, TakeStarted, TakeState
from voicecoach.ui.views.practice.busy_row import BusyRow
from voicecoach.ui.views.practice.header import PracticeHeader
from voicecoach.ui.views.practice.live import LiveCoaching
from voicecoach.ui.views.practice.record_bar import READY, RECORDING, RecordBar
from voicecoach.ui.views.practice.rehearsal import CadenceRehearsal
from voicecoach.ui.views.practice.script_page import ScriptPage, script_html
from voicecoach.ui.widgets.note_dialog import ask_note
from voicecoach.ui.widgets.page import page_layout
from voicecoach.ui.workers import run_task

if TYPE_CHECKING:  # built after the first frame: its import is not on the way to it
    from voicecoach.ui.widgets.report_panel import ReportPanel

__all__ = ["AUDIO_FILTER", "PracticeView", "saved_as"]


AUDIO_FILTER = "Audio files (*.wav *.flac *.ogg *.mp3 *.m4a *.aiff *.aif);;All files (*)"


def saved_as(record: Any) -> str:
    """What the status line calls a saved take (``words.saved_as``)."""
    judgement = record.judgement
    if judgement is None:
        return words.saved_as(record.attempt, None, None)
    return words.saved_as(record.attempt, judgement.cadence, judgement.attempt)


class PracticeView(QWidget):
    report_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scripts: list[Any] = []
        self._scripts_loaded = False
        self.session = TakeSession(ctx, self.take_context, shown_on=self)
        self._take_ctx: tp.TakeContext | None = None
        self._bar = (False, False, False)  # the record bar shows: recording, finishing the capture, capturing
        self._done_words: list[str] = []  # words of utterances the recogniser has closed
        self._last_partial = ""
        self._build()
        self._tick = QTimer(self)
        self._tick.setInterval(100)
        self._tick.timeout.connect(self._on_tick_timeout)
        session = self.session
        session.state_changed.connect(self._on_state_changed)
        session.take_started.connect(self._on_take_started)
        session.level_changed.connect(self.meter.set_level)
        session.partial_changed.connect(self._on_partial)
        session.utterance_closed.connect(self._on_utterance)
        session.error_occurred.connect(self._on_mic_error)
        session.warning_occurred.connect(lambda text: ctx.post(text, Level.INFO))
        session.report_ready.connect(self._on_report_ready)
        session.take_saved.connect(self._on_take_saved)
        session.nothing_to_show.connect(self._on_nothing_to_show)
        session.busy_changed.connect(self._on_busy_changed)
        ctx.scripts_changed.connect(self.refresh_scripts)
        ctx.profile_changed.connect(self._show_script)
        ctx.settings_changed.connect(self._show_script)

    # -- layout --------------------------------------------------------------------------------------
    def _build(self) -> None:
        lay, head = page_layout(self, "Practice")
        self.header = PracticeHeader(str(self.ctx.prefs.get("practice/prospect", "") or ""))
        head.addWidget(self.header)
        self.script_page = ScriptPage(self.ctx)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.script_page)  # page 0: the script, large
        self._report: ReportPanel | None = None  # page 1: the report, built right after the first frame
        after_first_frame(self, self._build_report)
        lay.addWidget(self.pages, 1)
        self.live_note = QLabel()  # after Stop: why the report differs from a tick shown live, if it does
        self.live_note.setObjectName("LiveAgreement")
        self.live_note.setWordWrap(True)
        self.live_note.hide()
        lay.addWidget(self.live_note)
        self.busy_row = BusyRow()
        lay.addWidget(self.busy_row)
        self.record_bar = RecordBar()
        lay.addWidget(self.record_bar)
        # The parts' widgets by the names the rest of the app and the tests use.
        h, p, r = self.header, self.script_page, self.record_bar
        self.script_combo, self.prospect_edit, self.hide_script = h.script_combo, h.prospect_edit, h.hide_script
        self.follow_up_box, self.import_button = h.follow_up_box, h.import_button
        self.coach_feedback, self.script_label, self.partial_label = p.coach_feedback, p.script_label, p.partial_label
        self.record_button, self.timer_bar, self.status_label, self.meter = (
            r.record_button, r.timer_bar, r.status_label, r.meter)
        self.cadence_bar = p.cadence_bar
        self.rehearsal = CadenceRehearsal(self.ctx, self.cadence_bar)
        self.rehearsal.changed.connect(self._on_rehearsal_changed)
        # The menu is filled from the last listing as it opens (no file read on this thread), and the files
        # are read again on a worker for the next opening; an open menu is never cleared (that closes it).
        self._cadence_files: list[Any] | None = None
        self.header.cadence_menu.aboutToShow.connect(self._on_cadence_menu)
        # Read once the store is open (after the first frame: the files' module is not on its way), so the
        # menu's first click shows them.
        self.ctx.profile_changed.connect(self._list_cadences_once)
        self.live_panel, self.live_words = p.live_panel, p.partial_label
        self.live = LiveCoaching(self, self.session, self.ctx.prefs, self.hide_script, self.live_panel,
                                 self.live_words, self.live_note)
        self._connect_parts()
        self._show_script()

    def _connect_parts(self) -> None:
        self.script_combo.currentIndexChanged.connect(self._show_script)
        self.prospect_edit.textChanged.connect(self._on_prospect_changed)
        self.hide_script.toggled.connect(self._show_script)
        self.follow_up_box.toggled.connect(self._on_follow_up_toggled)
        self.import_button.clicked.connect(self.choose_import)
        self.busy_row.cancel_clicked.connect(self.session.cancel_transcription)
        self.record_button.clicked.connect(self.toggle_recording)

    # -- scripts -------------------------------------------------------------------------------------
    def refresh_scripts(self) -> None:
        self.ctx.store.call(lambda store: store.list_scripts(), self._on_scripts_loaded,
                            self.ctx.fail(BannerKey.SCRIPTS))

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
        if self.rehearsal.active:
            return self.rehearsal.script()
        i = self.script_combo.currentIndex()
        return self.scripts[i] if 0 <= i < len(self.scripts) else None

    def select_script(self, script_id: int) -> None:
        if self.rehearsal.active:
            self.rehearsal.stop()
        i = self.script_combo.findData(script_id)
        if i >= 0:
            self.script_combo.setCurrentIndex(i)

    def _show_script(self, *_: object) -> None:
        if not self._scripts_loaded:  # the store opens after the first frame
            self.script_label.setText(words.SCRIPTS_OPENING)
            return
        script = self.current_script()
        if script is not None:
            self.ctx.prefs.set("practice/script", script.id)
        if self.rehearsal.active and script is not None:  # the (locked) box names the attempt's own script
            i = self.script_combo.findData(script.id)
            if i >= 0 and i != self.script_combo.currentIndex():
                self.script_combo.blockSignals(True)
                self.script_combo.setCurrentIndex(i)
                self.script_combo.blockSignals(False)
        prospect = self.prospect_edit.text().strip()
        from voicecoach.core.judgement import judgement_for  # with phonenumbers: after the first frame

        judgement = judgement_for(script=script, profile=self.ctx.profile, settings=self.ctx.settings,
                                  prospect=prospect, **self._cadence_args())
        self.timer_bar.set_limit(judgement.time_limit)
        self.header.set_follow_up(judgement.follow_up, script is not None and not self.session.capturing
                                  and not self.rehearsal.active)
        if script is None:
            self.script_label.setText(words.NO_SCRIPT_YET)
        elif self.hide_script.isChecked():
            self.script_label.setText(words.from_memory(script.title))
        else:
            self.script_label.setText(script_html(judgement.script_text or ""))

    def restyle(self) -> None:
        self._show_script()

    def take_context(self) -> tp.TakeContext | None:
        """What a take would be judged against now: the script on screen, the prospect, the rehearsal."""
        return self.session.context_for(self.current_script(), self.prospect_edit.text().strip(),
                                        **self._cadence_args())

    # -- a cadence -------------------------------------------------------------------------------------
    def _cadence_args(self) -> dict[str, Any]:
        r = self.rehearsal
        if not r.active:
            return {}
        return {"cadence": r.cadence, "attempt": r.attempt, **({"trigger": r.call.trigger} if r.call else {})}

    def rehearse(self, cadence: Any) -> None:
        """Step through ``cadence`` attempt by attempt, the attempt and its topic above the script."""
        if not self.session.capturing:
            self.rehearsal.start(cadence)

    def _on_rehearsal_changed(self) -> None:
        call = self.rehearsal.call
        if call is not None:
            self.prospect_edit.setText(call.prospect)  # the prospect of the call list fills {prospect}
        self.header.set_idle(not self.session.capturing, self.current_script() is not None, self.rehearsal.active)
        self.try_again()
        self._show_script()

    def _list_cadences_once(self) -> None:
        if self._cadence_files is None:
            self._list_cadences()

    def _list_cadences(self) -> None:
        run_task(_read_cadences, self._on_cadences_listed, self.ctx.fail(BannerKey.CADENCES), owner=self)

    def on_shown(self) -> None:
        if self._cadence_files is not None:  # a cadence saved under Scripts is in the menu when the rep comes back
            self._list_cadences()

    def _on_cadence_menu(self) -> None:
        self._fill_cadence_menu()
        self._list_cadences()

    def _on_cadences_listed(self, files: list[Any]) -> None:
        self._cadence_files = list(files)
        if not self.header.cadence_menu.isVisible():
            self._fill_cadence_menu()

    def _fill_cadence_menu(self) -> None:
        if self._cadence_files is None:  # the first listing has not answered yet: the placeholder stays
            return
        menu = self.header.cadence_menu
        menu.clear()
        for f in self._cadence_files:
            if f.cadence is not None:
                action = menu.addAction(words.cadence_item(f.name, len(f.cadence.attempts)))
                action.triggered.connect(lambda _c=False, c=f.cadence: self.rehearse(c))
        if not menu.actions():
            menu.addAction(words.NO_CADENCES).setEnabled(False)
        if self.rehearsal.active:
            menu.addSeparator()
            action = menu.addAction(words.call_list_for(self.rehearsal.cadence.name))
            action.triggered.connect(self.choose_call_list)

    def choose_call_list(self) -> None:
        """Before a call block: each prospect's next voicemail, from a CSV (nothing is dialled or sent)."""
        path = ask_open_path(self, self.ctx.prefs, words.CALL_LIST_TITLE, "Call lists (*.csv);;All files (*)")
        if path is not None:
            self.rehearsal.load_calls(path)

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
        run_op(self.ctx, ops.set_follow_up(script.id, checked), self._on_script_saved)

    def _on_script_saved(self, record: Any) -> None:
        self.scripts = [record if s.id == record.id else s for s in self.scripts]
        self._show_script()

    def _on_prospect_changed(self, text: str) -> None:
        self.ctx.prefs.set("practice/prospect", text.strip() or None)
        self._show_script()

    # -- recording -----------------------------------------------------------------------------------
    def toggle_recording(self) -> None:
        state = self.session.state
        if state in (TakeState.OPENING, TakeState.RECORDING):
            self.session.stop()
        elif not self.session.capturing:
            self.start_recording()

    def start_recording(self) -> None:
        if self.session.start(self.current_script(), self.prospect_edit.text().strip(),
                              **self._cadence_args()) is None:
            self.ctx.post(words.PROFILE_AND_SCRIPT_FIRST, Level.WARNING,
                          key=BannerKey.RECORDING)

    def _on_take_started(self, started: TakeStarted) -> None:
        """A new take: the script page, a clean live checklist and timer."""
        tc = started.tc
        self.ctx.clear(BannerKey.RECORDING)
        self._take_ctx = tc
        self.report.finishing = False  # a previous take's late answer no longer concerns this page
        self.pages.setCurrentIndex(0)
        self.live.start(started.checklist)
        self._done_words, self._last_partial = [], ""
        self.timer_bar.reset()
        self.timer_bar.set_limit(tc.time_limit)

    def _on_state_changed(self, state: TakeState) -> None:
        capturing = self.session.capturing
        bar = (state in (TakeState.OPENING, TakeState.RECORDING), state == TakeState.FINISHING and capturing,
               capturing)
        if bar != self._bar:  # the microphone released, the report shown, saved: one redraw of the bar
            self._bar = bar
            self.record_bar.show_state(state, capturing)
            self.header.set_idle(not capturing, self.current_script() is not None, self.rehearsal.active)
            self.cadence_bar.set_recording(capturing)  # a take keeps the attempt it started with
        if state == TakeState.RECORDING:
            self._tick.start()
        elif state != TakeState.OPENING:
            self._tick.stop()
        if state == TakeState.FINISHING and capturing:
            # Once this slot has returned: the capture thread needs the interpreter for a moment to start
            # the recogniser's last step, and the page is then drawn while that runs.
            QTimer.singleShot(0, self, self._show_finishing)

    def _show_finishing(self) -> None:
        """Stop was pressed: the report page at once, saying the take is being finished (its layout is
        done while the recogniser finishes, not after); the report fills it in, and a take with nothing
        to show goes back to the script."""
        if not (self.session.state == TakeState.FINISHING and self.session.capturing):  # already back
            return
        self.report.show_finishing()
        self.pages.setCurrentIndex(1)

    def _on_nothing_to_show(self) -> None:
        """A take came back with no report: back to the script, unless the rep has moved on already."""
        if self.report.finishing and not self.session.capturing:
            self.report.finishing = False
            self.try_again()

    def _on_partial(self, text: str) -> None:
        self._last_partial = text  # the live words show it (LiveCoaching); counted here for the projection

    def _on_utterance(self, text: str) -> None:
        """The recogniser closed an utterance (capture passes its end through): its words are said."""
        self._done_words += text.split()
        self._last_partial = ""

    def _projected_seconds(self, elapsed: float) -> float | None:
        said = len(self._done_words) + len(self._last_partial.split())
        planned = len(self._take_ctx.script_text.split()) if self._take_ctx else 0
        return projected_seconds(said, elapsed, planned)

    def _on_tick_timeout(self) -> None:
        secs = self.session.seconds()
        self.timer_bar.set_elapsed(secs, self._projected_seconds(secs))
        self.live.set_elapsed(self.session.audio_seconds())  # the take's own clock, as its ticks carry
        warning = self.timer_bar.warning_text
        self.status_label.setText(warning or RECORDING)

    def _on_mic_error(self, text: str) -> None:
        self.status_label.setText(words.MIC_PROBLEM_STATUS)
        # ``text`` says what to do (ui.text.mic_problem); the button opens the microphone settings.
        self.ctx.post(text, Level.ERROR, key=BannerKey.RECORDING,
                      actions=self.ctx.remedies.buttons([Remedy.CHECK_MICROPHONE]))

    # -- results -------------------------------------------------------------------------------------
    def _on_report_ready(self, ready: ReportReady) -> None:
        note = None if ready.report is not None else words.KEPT_FOR_THE_MODEL
        self.report.show_report(ready.transcript, ready.report, ready.audio, note=note)
        self.live.show_report(ready.report, ready.transcript)
        self.report.set_take_actions_enabled(False)
        self.pages.setCurrentIndex(1)
        self.status_label.setText(words.TRY_AGAIN)
        self.report_shown.emit()

    def _on_take_saved(self, saved: SavedTake) -> None:
        record = saved.record
        self.report.set_take_actions_enabled(True)
        if not self.session.capturing:
            self.status_label.setText(words.then_try_again(saved_as(record)))
        self.report.set_audio(record.audio_path)

    def try_again(self) -> None:
        self.report.player.stop()
        self.pages.setCurrentIndex(0)
        self.live.clear()
        self.timer_bar.reset()
        self.status_label.setText(READY)

    def discard_take(self) -> None:
        record = self.session.last_record
        if record is None:
            return
        take_id = record.id

        def undo() -> None:
            run_op(self.ctx, ops.restore_take(take_id))
            self.ctx.clear(BannerKey.TRASH)

        def done(_r: object) -> None:
            self.session.forget_last_record()
            self.ctx.post(words.TAKE_TRASHED, Level.INFO, key=BannerKey.TRASH, actions=[("Undo", undo)])
            self.try_again()

        run_op(self.ctx, ops.trash_take(take_id), done)

    def annotate_take(self, at_seconds: float) -> None:
        record = self.session.last_record
        if record is None:
            return
        take_id = record.id
        self.note_dialog = ask_note(self, words.TAKE_NOTE_TITLE, at_seconds,
                                    lambda text: self.add_note(take_id, text, at_seconds))

    def add_note(self, take_id: int, text: str, at_seconds: float | None) -> None:
        run_op(self.ctx, ops.add_note(take_id, text, at_seconds, self.ctx.session_id, author="rep"),
               lambda _r: self._on_note_saved(take_id))

    def _on_note_saved(self, take_id: int) -> None:
        """The note shows on this take's waveform at once, not only on the Coach page."""
        self.ctx.post(words.NOTE_ON_WAVEFORM, Level.INFO)
        self.ctx.store.call(lambda s: s.list_notes(take_id), self.report.set_notes, owner=self.report)

    # -- import ---------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path = ask_open_path(self, self.ctx.prefs, words.IMPORT_RECORDING_TITLE, AUDIO_FILTER)
        if path is not None:
            self.session.import_audio(Path(path))

    def _on_busy_changed(self, busy: Busy) -> None:
        self.busy_row.show_busy(busy.what, busy.fraction)


def _read_cadences() -> list[Any]:
    """The cadence files, read on a worker (their module is imported there too, not on the GUI thread)."""
    from voicecoach.storage.cadence_files import list_cadences

    return list_cadences()
