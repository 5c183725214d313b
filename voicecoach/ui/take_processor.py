"""What happens to a take after the microphone closes: analyse, show, save — and the takes that wait.

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

from voicecoach.core.transcript import Transcript
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui.workers import TaskHandle, run_task

if TYPE_CHECKING:
    from voicecoach.ui.context import AppContext

PENDING_KEY = "pending"


@dataclass
class PendingTake:
    path: Path
    tc: tp.TakeContext | None  # None: recovered, judged against the current script
    started_at: datetime | None
    seconds: float = 0.0


def pending_text(waiting: int, recovered: int, model_ready: bool) -> str:
    """What the banner says about takes that wait: never "transcription is unavailable" once it is not."""
    def takes(n: int) -> str:
        return f"{n} take" if n == 1 else f"{n} takes"

    if recovered:
        head = f"Recovered {takes(recovered)} unfinished from last time"
        head = head.replace(" take unfinished", " unfinished take").replace(" takes unfinished", " unfinished takes")
        if waiting > recovered:
            head += f", and {takes(waiting - recovered)} recorded without a speech model"
    else:
        head = f"{takes(waiting)} recorded without a speech model"
    if model_ready:
        return f"{head}. The speech model is ready: analyse {'it' if waiting == 1 else 'them'} now."
    return f"{head}, kept safely. {'It is' if waiting == 1 else 'They are'} analysed once a speech model is ready."


class TakeProcessor(QObject):
    report_ready = Signal(object, object, object)  # transcript, report (None while waiting), audio path
    take_saved = Signal(object)  # TakeRecord
    busy_changed = Signal(str, object)  # what (empty when done), fraction or None

    def __init__(self, ctx: AppContext, current_context: Any) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self._current_context = current_context  # () -> TakeContext | None
        self.pending: list[PendingTake] = []
        self.last_record: Any = None
        self._job: TaskHandle | None = None
        ctx.model.state_changed.connect(self._on_model_state_changed)

    # -- a take just recorded --------------------------------------------------------------------------
    def finish_recorded(self, result: Any, tc: tp.TakeContext, started_at: datetime | None,
                        signals: Any = None, *, report: Any = None) -> None:
        """Show and save a take just recorded. ``signals``: its SoundSignals measured while recording (None:
        measured from its file); ``report``: when it was already analysed on the capture thread."""
        if result.error:
            self._ctx.post(f"{result.error} The audio so far is kept.", "warning", key="recording")
        for warning in getattr(result, "warnings", ()) or ():
            self._ctx.post(str(warning), "info")
        transcript = result.transcript
        if float(result.seconds) < 0.3 and not (transcript and transcript.words):
            Path(result.path).unlink(missing_ok=True)
            self._ctx.post("Nothing was recorded.", "info")
            return
        if transcript is None:
            self._keep_for_later(PendingTake(Path(result.path), tc, started_at, float(result.seconds)))
            return
        if report is not None:
            self._show_and_save(transcript, report, tc, Path(result.path), started_at, remove_source=True)
            return
        self._analyze_and_save(transcript, tc, Path(result.path), started_at, remove_source=True, signals=signals)

    def _analyze_and_save(self, transcript: Transcript, tc: tp.TakeContext, audio: Path | None,
                          started_at: datetime | None, *, remove_source: bool, signals: Any = None) -> None:
        def shown(report: Any) -> None:
            self._show_and_save(transcript, report, tc, audio, started_at, remove_source=remove_source)

        run_task(lambda: tp.analyze_take(transcript, tc, signals=signals, audio=audio), shown,
                 self._ctx.fail("Analysis failed"))

    def _show_and_save(self, transcript: Transcript, report: Any, tc: tp.TakeContext, audio: Path | None,
                       started_at: datetime | None, *, remove_source: bool) -> None:
        self.report_ready.emit(transcript, report, audio)
        self._ctx.store.call(
            lambda store: tp.save_take(store, tc, transcript, report, audio, started_at, remove_source=remove_source),
            self._on_saved, self._on_save_failed)

    def _on_saved(self, record: Any) -> None:
        self.last_record = record
        self._ctx.clear("save")
        self.take_saved.emit(record)
        self._ctx.takes_changed.emit()

    def _on_save_failed(self, exc: BaseException) -> None:
        # The recording stays in the recordings folder, so nothing is lost.
        self._ctx.post(f"The take could not be saved: {exc} Its audio is kept in {self._ctx.recordings_dir()}.",
                       "error", key="save")

    # -- takes that wait for the model -----------------------------------------------------------------
    def _keep_for_later(self, take: PendingTake) -> None:
        self.pending.append(take)
        self.report_ready.emit(Transcript(words=()), None, take.path)
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
        self._ctx.post(pending_text(n, sum(1 for t in self.pending if t.tc is None), self._ctx.model.ready),
                       "warning", key=PENDING_KEY,
                       actions=[("Analyse now", self.analyse_pending)] if self._ctx.model.ready else [])

    def _on_model_state_changed(self, state: str) -> None:
        if self.pending:
            self._announce_pending()

    def analyse_pending(self) -> None:
        if not self.pending or not self._ctx.model.ready:
            return
        take = self.pending[0]
        tc = take.tc or self._current_context()
        if tc is None:
            self._ctx.post("Choose a script first, then analyse the waiting takes.", "warning", key=PENDING_KEY)
            return

        def done(result: tuple[Transcript, Any]) -> None:
            self.pending.pop(0)
            transcript, report = result
            self.report_ready.emit(transcript, report, take.path)
            self._ctx.store.call(
                lambda store: tp.save_take(store, tc, transcript, report, take.path, take.started_at,
                                           remove_source=True),
                self._on_pending_saved, self._on_save_failed)

        self._transcribe(take.path, tc, "Analysing a kept take", done)

    def _on_pending_saved(self, record: Any) -> None:
        self._on_saved(record)
        if self.pending:
            self.analyse_pending()
        else:
            self._announce_pending()

    # -- importing a file ---------------------------------------------------------------------------------
    def import_audio(self, path: Path) -> None:
        tc = self._current_context()
        if tc is None:
            self._ctx.post("Choose a script first: an imported take is judged against it.", "warning")
            return
        if not self._ctx.model.ready:
            self._ctx.post("Importing audio needs the speech model, which is not ready yet.", "warning",
                           key="model", actions=self._ctx.model.actions())
            return

        def done(result: tuple[Transcript, Any]) -> None:
            transcript, report = result
            self.report_ready.emit(transcript, report, path)
            self._ctx.store.call(
                lambda store: tp.save_take(store, tc, transcript, report, path, None),
                self._on_saved, self._on_save_failed)

        self._transcribe(path, tc, f"Importing {path.name}", done)

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
            self.busy_changed.emit("", None)
            done(result)

        def failed(exc: BaseException) -> None:
            self._job = None
            self.busy_changed.emit("", None)
            cancelled = type(exc).__name__ == "TranscriptionCancelled"
            self._ctx.post("Cancelled." if cancelled else f"{what} failed: {exc}", "info" if cancelled else "error",
                           key=None if cancelled else "import")

        self.busy_changed.emit(what, 0.0)
        self._job = run_task(job, finished, failed, with_handle=True,
                             on_progress=lambda f: self.busy_changed.emit(what, f))
