"""What happens to a take after the microphone closes: analyse, show, save — and the takes that wait.

The ``TakeSession``'s part after capture: every take, whatever its source, reaches the screen and the
store through ``_show_and_save``.

A take is never lost: without a speech model (or when recognition failed) its audio is kept in the
recordings folder and analysed once a model is ready; takes left unfinished by a crash are repaired at
start and offered the same way; imported files go through the same steps on a worker, with progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from voicecoach.core.transcript import Transcript
from voicecoach.ui import operations as ops
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui import words
from voicecoach.ui.first_frame import after_next_paint
from voicecoach.ui.messages import BannerKey, Level
from voicecoach.ui.operations import run_op
from voicecoach.ui.take_state import Busy, JudgedOn, ReportReady, SavedTake, TakeSource
from voicecoach.ui.text import sentence
from voicecoach.ui.workers import TaskHandle, run_task

if TYPE_CHECKING:
    from voicecoach.core.report import Report
    from voicecoach.ui.context import AppContext

__all__ = ["PENDING_KEY", "JudgedTake", "PendingTake", "TakeProcessor"]

PENDING_KEY = BannerKey.PENDING


@dataclass(frozen=True)
class JudgedTake:
    """A take with its report, ready to show and keep."""

    transcript: Transcript
    report: Report
    tc: tp.TakeContext
    audio: Path | None
    started_at: datetime | None
    source: TakeSource
    remove_source: bool = True


@dataclass
class PendingTake:
    path: Path
    tc: tp.TakeContext | None  # None: recovered, judged against the current script
    started_at: datetime | None
    seconds: float = 0.0


class TakeProcessor(QObject):
    report_ready = Signal(ReportReady)
    nothing_to_show = Signal()  # a take just recorded will have no report (nothing recorded, analysis failed)
    take_saved = Signal(SavedTake)
    busy_changed = Signal(Busy)

    def __init__(self, ctx: AppContext, current_context: Any, shown_on: QWidget | None = None) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self._current_context = current_context  # () -> TakeContext | None
        self._shown_on = shown_on  # where report_ready is shown: saving waits for its paint
        self._on_screen: Path | None = None  # the audio of the take whose report was shown last
        self.pending: list[PendingTake] = []
        self.last_record: Any = None
        self._job: TaskHandle | None = None
        ctx.model.state_changed.connect(self._on_model_state_changed)

    # -- a take just recorded --------------------------------------------------------------------------
    def finish_recorded(self, result: Any, tc: tp.TakeContext, started_at: datetime | None, *, place: JudgedOn,
                        signals: Any = None, report: Report | None = None) -> None:
        """Show and save a take just recorded, judged where ``place`` says (``take_session.judgement_place``):
        ``report`` is the capture thread's judgement (None if it failed there: the worker judges it);
        on a worker the sound is ``signals``, measured while recording, or else measured from the file."""
        self._tell_capture_notes(result)
        transcript = result.transcript
        if float(result.seconds) < 0.3 and not (transcript and transcript.words):
            Path(result.path).unlink(missing_ok=True)
            self._ctx.post(words.NOTHING_RECORDED, Level.INFO)
            self.nothing_to_show.emit()
            return
        audio = Path(result.path)
        if place is JudgedOn.LATER or transcript is None:
            self._keep_for_later(PendingTake(audio, tc, started_at, float(result.seconds)))
            return

        def judged(rep: Report) -> JudgedTake:
            return JudgedTake(transcript, rep, tc, audio, started_at, TakeSource.RECORDED)

        if report is not None:
            self._show_and_save(judged(report))
            return
        failed = self._ctx.fail(BannerKey.ANALYSIS)

        def not_analysed(exc: BaseException) -> None:
            failed(exc)
            self.nothing_to_show.emit()

        run_task(lambda: tp.analyze_take(transcript, tc, signals=signals, audio=audio),
                 lambda rep: self._show_and_save(judged(rep)), not_analysed)

    def _tell_capture_notes(self, result: Any) -> None:
        """What capture had to say about the take: an error (the audio so far is kept), warnings."""
        if result.error:
            self._ctx.post(words.audio_so_far_kept(sentence(result.error)), Level.WARNING,
                           key=BannerKey.RECORDING)
        for warning in getattr(result, "warnings", ()) or ():
            self._ctx.post(str(warning), Level.INFO)

    def _show_and_save(self, take: JudgedTake, then: Any = None) -> None:
        """The one way a judged take reaches the screen and the store, whatever its source.

        The save starts once the report has been painted: on another thread it would hold the interpreter
        while the rep waits for that paint, and the take's audio is already safe in its file (what is still
        waiting at exit is started then, ``first_frame.run_waiting``)."""
        self._on_screen = take.audio
        self.report_ready.emit(ReportReady(take.transcript, take.report, take.audio, take.source))

        def saved(record: Any) -> None:
            self._on_saved(record, on_screen=self._on_screen == take.audio)
            if then is not None:
                then()

        def save() -> None:
            run_op(self._ctx, ops.save_take(take.tc, take.transcript, take.report, take.audio, take.started_at,
                                            remove_source=take.remove_source), saved, on_error=self._on_save_failed)

        if self._shown_on is None:
            save()
        else:
            after_next_paint(self._shown_on, save)

    def _on_saved(self, record: Any, on_screen: bool = True) -> None:
        """``take_saved`` (the report's Discard, Add note, stored audio) only for the take on screen: the
        store can be busy, and an earlier take's save may land after the next take's report."""
        self._ctx.clear(BannerKey.SAVE)
        if on_screen:
            self.last_record = record
            self.take_saved.emit(SavedTake(record))

    def _on_save_failed(self, exc: BaseException) -> None:
        # The recording stays in the recordings folder, so nothing is lost.
        self._ctx.post(words.take_not_saved(exc, self._ctx.recordings_dir()), Level.ERROR, key=BannerKey.SAVE)

    # -- takes that wait for the model -----------------------------------------------------------------
    def _keep_for_later(self, take: PendingTake) -> None:
        self.pending.append(take)
        self._on_screen = take.path
        self.report_ready.emit(ReportReady(Transcript(words=()), None, take.path, TakeSource.KEPT))
        self._announce_pending()

    def add_recovered(self, paths_and_seconds: list[tuple[Path, float]]) -> None:
        for path, seconds in paths_and_seconds:
            self.pending.append(PendingTake(Path(path), None, None, seconds))
        self._announce_pending(recovered=True)

    def _announce_pending(self, recovered: bool = False) -> None:
        n = len(self.pending)
        if not n:
            self._ctx.clear(PENDING_KEY)
            return
        self._ctx.post(words.takes_waiting(n, sum(1 for t in self.pending if t.tc is None), self._ctx.model.ready),
                       Level.WARNING, key=PENDING_KEY,
                       actions=[(words.ANALYSE_NOW, self.analyse_pending)] if self._ctx.model.ready else [])

    def _on_model_state_changed(self, state: str) -> None:
        if self.pending:
            self._announce_pending()

    def analyse_pending(self) -> None:
        if not self.pending or not self._ctx.model.ready:
            return
        take = self.pending[0]
        tc = take.tc or self._current_context()
        if tc is None:
            self._ctx.post(words.CHOOSE_SCRIPT_TO_ANALYSE, Level.WARNING, key=PENDING_KEY)
            return

        source = TakeSource.KEPT if take.tc is not None else TakeSource.RECOVERED

        def done(result: tuple[Transcript, Any]) -> None:
            self.pending.pop(0)
            transcript, report = result
            self._show_and_save(JudgedTake(transcript, report, tc, take.path, take.started_at, source),
                                then=self._after_pending_saved)

        self._transcribe(take.path, tc, words.ANALYSING_KEPT_TAKE, done)

    def _after_pending_saved(self) -> None:
        if self.pending:
            self.analyse_pending()
        else:
            self._announce_pending()

    # -- importing a file ---------------------------------------------------------------------------------
    def import_audio(self, path: Path) -> None:
        tc = self._current_context()
        if tc is None:
            self._ctx.post(words.CHOOSE_SCRIPT_TO_IMPORT, Level.WARNING)
            return
        if not self._ctx.model.ready:
            self._ctx.post(words.IMPORT_NEEDS_MODEL, Level.WARNING,
                           key=BannerKey.MODEL, actions=self._ctx.model.actions())
            return

        def done(result: tuple[Transcript, Any]) -> None:
            transcript, report = result
            self._show_and_save(JudgedTake(transcript, report, tc, path, None, TakeSource.IMPORTED,
                                           remove_source=False))

        self._transcribe(path, tc, words.importing(path.name), done)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _transcribe(self, path: Path, tc: tp.TakeContext, what: str, done: Any) -> None:
        model = self._ctx.model.model
        transcribe = self._ctx.adapters.transcribe

        def job(handle: TaskHandle) -> tuple[Transcript, Any]:
            return tp.transcribe_and_analyze(path, model, tc, transcribe,
                                             progress=handle.report_progress, cancel=handle.cancel_event)

        def finished(result: Any) -> None:
            self._job = None
            self.busy_changed.emit(Busy(""))
            done(result)

        def failed(exc: BaseException) -> None:
            from voicecoach.asr.transcribe import TranscriptionCancelled

            self._job = None
            self.busy_changed.emit(Busy(""))
            cancelled = isinstance(exc, TranscriptionCancelled)
            self._ctx.post(words.CANCELLED if cancelled else words.work_failed(what, exc),
                           Level.INFO if cancelled else Level.ERROR, key=None if cancelled else BannerKey.IMPORT)

        self.busy_changed.emit(Busy(what, 0.0))
        self._job = run_task(job, finished, failed, with_handle=True,
                             on_progress=lambda f: self.busy_changed.emit(Busy(what, f)))
