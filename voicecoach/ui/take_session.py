"""TakeSession: one owner for a take, from Record to its saved record, and for the takes that wait.

The session builds the take's context (``take_pipeline.take_context``, the CLI's ``judgement_for``), opens
the microphone through its ``RecordingController``, decides in ``judgement_place`` where the take is judged,
and hands every take after capture (recorded, kept without a speech model, recovered after a crash,
imported) to its ``TakeProcessor``, the one way to the screen and the store. The practice page only maps
its signals to widgets. ``close`` is the take's part of the app's exit (``ui.closing``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from voicecoach.core.transcript import Transcript
from voicecoach.ui import take_pipeline as tp
from voicecoach.ui import words
from voicecoach.ui.closing import Stage
from voicecoach.ui.first_frame import run_waiting
from voicecoach.ui.messages import Level
from voicecoach.ui.recording import RecorderState, RecordingController
from voicecoach.ui.take_processor import PendingTake, TakeProcessor
from voicecoach.ui.take_state import Busy, Captured, JudgedOn, LiveTick, ReportReady, SavedTake, TakeStarted, TakeState

if TYPE_CHECKING:
    from voicecoach.core.live import LiveChecklist
    from voicecoach.core.report import Report
    from voicecoach.ui.context import AppContext

__all__ = ["TakeSession", "judge_on_capture", "judgement_place"]

_STATE_OF_CAPTURE = {RecorderState.OPENING: TakeState.OPENING, RecorderState.RECORDING: TakeState.RECORDING,
                     RecorderState.STOPPING: TakeState.FINISHING}


def judgement_place(transcript: Transcript | None, signals: Any) -> JudgedOn:
    """Where a recorded take is judged, decided here only: on the capture thread when the meter measured its
    sound during the take (the report is then one step from the screen after Stop), on a worker when the
    sound must be measured from the closed file, later when there is no transcript (no speech model)."""
    if transcript is None:
        return JudgedOn.LATER
    return JudgedOn.CAPTURE if signals is not None else JudgedOn.WORKER


def judge_on_capture(tc: tp.TakeContext, dropped: threading.Event) -> Callable[[Any, Any], Report | None]:
    """The capture thread's step once the transcript is final (while the file closes): the report, if
    ``judgement_place`` puts the judgement there and the take was not dropped (``TakeSession.cancel``)."""

    def judge(transcript: Transcript | None, signals: Any) -> Report | None:
        if dropped.is_set() or judgement_place(transcript, signals) is not JudgedOn.CAPTURE:
            return None
        assert transcript is not None
        return tp.analyze_take(transcript, tc, signals=signals)

    return judge


class TakeSession(QObject):
    state_changed = Signal(TakeState)  # also when the microphone is released while the take still finishes
    take_started = Signal(TakeStarted)
    level_changed = Signal(float, float, bool)  # rms and peak dBFS of one block, clipped
    partial_changed = Signal(str)
    utterance_closed = Signal(str)
    live_changed = Signal(LiveTick)
    audio_started = Signal()
    error_occurred = Signal(str)  # a sentence with what to do
    warning_occurred = Signal(str)
    report_ready = Signal(ReportReady)
    nothing_to_show = Signal()  # a take just recorded will have no report
    take_saved = Signal(SavedTake)
    busy_changed = Signal(Busy)  # long work on a take after capture (an import, a kept take)

    def __init__(self, ctx: AppContext, current_context: Callable[[], tp.TakeContext | None],
                 shown_on: QWidget | None = None) -> None:
        super().__init__(shown_on)
        self._ctx = ctx
        self.state = TakeState.IDLE
        self.recorder = RecordingController(self)
        self.processor = TakeProcessor(ctx, current_context, shown_on=shown_on)
        self.tc: tp.TakeContext | None = None  # the take being recorded (or last recorded)
        self._dropped = threading.Event()  # the take being recorded is cancelled
        self._closed = False
        self._connect_parts()
        ctx.closing.add(Stage.TAKES, self.close)

    def _connect_parts(self) -> None:
        rec, proc = self.recorder, self.processor
        rec.state_changed.connect(self._on_capture_state)
        rec.level_changed.connect(self.level_changed)
        rec.partial_changed.connect(self.partial_changed)
        rec.utterance_closed.connect(self.utterance_closed)
        rec.live_changed.connect(self.live_changed)
        rec.audio_started.connect(self.audio_started)
        rec.error_occurred.connect(self.error_occurred)
        rec.warning_occurred.connect(self.warning_occurred)
        rec.take_finished.connect(self._on_take_finished)
        proc.report_ready.connect(self._on_report_ready)
        proc.take_saved.connect(self._on_take_saved)
        proc.nothing_to_show.connect(self._on_nothing_to_show)
        proc.busy_changed.connect(self.busy_changed)

    # -- what the page reads -----------------------------------------------------------------------------
    @property
    def capturing(self) -> bool:
        """The microphone side is busy with a take (opening, recording, or finishing its transcript)."""
        return self.recorder.busy

    def seconds(self) -> float:
        """Wall-clock seconds since the take's first block."""
        return self.recorder.seconds()

    def audio_seconds(self) -> float:
        """The take's own clock: the seconds of audio received (what the live checklist's ticks carry)."""
        secs = self.seconds()
        return float(getattr(self.recorder.recorder, "seconds", secs) or secs)

    @property
    def last_record(self) -> Any:
        """The stored take on screen (None before its save, or once discarded)."""
        return self.processor.last_record

    def forget_last_record(self) -> None:
        self.processor.last_record = None

    def context_for(self, script: Any, prospect: str | None, **cadence: Any) -> tp.TakeContext | None:
        """What a take of ``script`` is judged against (None without a rep or a script); ``cadence``:
        ``cadence``, ``attempt`` and ``trigger`` of a rehearsal."""
        ctx = self._ctx
        if script is None or ctx.profile_id is None:
            return None
        return tp.take_context(ctx.profile_id, ctx.profile, script, ctx.settings, model=ctx.model.model,
                               prospect=prospect or None, **cadence)

    def _set_state(self, state: TakeState) -> None:
        self.state = state
        self.state_changed.emit(state)

    # -- a recorded take ---------------------------------------------------------------------------------
    def start(self, script: Any, prospect: str | None, **cadence: Any) -> tp.TakeContext | None:
        """Record a take of ``script`` (see ``context_for``); None, and nothing started, without a rep or a
        script, while a take is being captured, or once closed."""
        tc = self.context_for(script, prospect, **cadence)
        if tc is None or self.capturing or self._closed:
            return None
        self.tc, self._dropped = tc, threading.Event()
        checklist = self.make_checklist(tc)
        self.take_started.emit(TakeStarted(tc, checklist))
        ctx = self._ctx
        model, adapters, plan = ctx.model.model, ctx.adapters, tc.plan
        make = (lambda: adapters.recognizer_for(model, plan)) if model is not None else None
        out = ctx.recordings_dir() / f"take-{datetime.now():%Y%m%d-%H%M%S-%f}.wav"
        rate = int(getattr(model, "sample_rate", 16000) or 16000)
        self.recorder.start(out, make_recognizer=make, device=ctx.prefs.input_device,
                            sounddevice=adapters.sounddevice, sample_rate=rate,
                            max_seconds=max(120.0, tc.time_limit * 3),
                            then=judge_on_capture(tc, self._dropped), live=checklist)
        return tc

    def make_checklist(self, tc: tp.TakeContext) -> LiveChecklist:
        """The take's live checklist, fed the words heard so far on the capture side."""
        from voicecoach.core.live import LiveChecklist  # with phonenumbers: after the first frame

        return LiveChecklist(tc.judgement)

    def stop(self) -> None:
        """End the take now; its report follows once the transcript is final."""
        self.recorder.stop()

    def cancel(self) -> None:
        """Drop the take being captured (nothing otherwise): capture stops, nothing is judged, shown or saved,
        and its audio is deleted: the rep said it was not a take."""
        if self.capturing:
            self._dropped.set()
            self.recorder.stop()

    def cancel_transcription(self) -> None:
        """Stop the transcription under way (an import, a kept take); its file stays as it was."""
        self.processor.cancel()

    def _on_capture_state(self, state: RecorderState) -> None:
        if state in _STATE_OF_CAPTURE:
            self._set_state(_STATE_OF_CAPTURE[state])
        elif self.recorder.open_failed:  # the microphone did not open: there is no take (its error follows)
            self._set_state(TakeState.IDLE)
        elif self.state in (TakeState.OPENING, TakeState.RECORDING):  # it ended by itself: finishing
            self._set_state(TakeState.FINISHING)
        else:  # the microphone is free again; the take's report may still be on its way
            self.state_changed.emit(self.state)

    def _on_take_finished(self, taken: Captured) -> None:
        result, tc = taken.result, self.tc
        if self._dropped.is_set():
            Path(result.path).unlink(missing_ok=True)
            self._ctx.post(words.TAKE_DISCARDED, Level.INFO)
            self._on_nothing_to_show()
            return
        if tc is None:
            return
        place = judgement_place(result.transcript, taken.signals)
        self.processor.finish_recorded(result, tc, self.recorder.started_at, place=place, signals=taken.signals,
                                       report=taken.report if place is JudgedOn.CAPTURE else None)

    # -- every take after capture ------------------------------------------------------------------------
    def _on_report_ready(self, ready: ReportReady) -> None:
        self.report_ready.emit(ready)
        if not self.capturing:
            self._set_state(TakeState.SHOWN)

    def _on_take_saved(self, saved: SavedTake) -> None:
        self.take_saved.emit(saved)
        if self.state is TakeState.SHOWN and not self.capturing:  # not a take after it, still finishing
            self._set_state(TakeState.SAVED)

    def _on_nothing_to_show(self) -> None:
        self.nothing_to_show.emit()
        if not self.capturing:
            self._set_state(TakeState.IDLE)

    @property
    def pending(self) -> list[PendingTake]:
        """Takes kept for later: recorded without a speech model, or recovered after a crash."""
        return self.processor.pending

    def add_recovered(self, paths_and_seconds: list[tuple[Path, float]]) -> None:
        self.processor.add_recovered(paths_and_seconds)

    def analyse_pending(self) -> None:
        self.processor.analyse_pending()

    def import_audio(self, path: Path) -> None:
        """Judge an audio file as a take of the current script (on a worker, with progress)."""
        self.processor.import_audio(path)

    # -- exit ----------------------------------------------------------------------------------------------
    def close(self, timeout: float = 3.0) -> None:
        """At exit (once; again does nothing): a take still recording ends there; a take still finishing
        closes its file and, once its transcript is final, is judged and saved as usual (or, judged on a
        worker that has no time left, its audio stays in the recordings folder and is offered at the next
        start); a transcription under way stops; no capture thread is left."""
        if self._closed:
            return
        self._closed = True
        self.processor.cancel()
        self.recorder.close(timeout)
        self.recorder.deliver_waiting()
        run_waiting()  # a save that waits for its report to be painted: nothing is painted any more
